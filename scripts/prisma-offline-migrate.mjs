// Offline Prisma migrations via the WASM schema engine (@prisma/schema-engine-wasm) + @prisma/adapter-pg.
// Prisma 7's CLI only uses the native schema-engine binary (downloaded from binaries.prisma.sh), so
// `prisma migrate *` cannot run offline. This drives the same engine compiled to WASM.
//
// Normally run through scripts/db-migration.mjs (npm run db:migration:create / db:migration:check), which
// prefers Prisma's native engine when one is installed and falls back to this file.
// Run from the project root, with DATABASE_URL pointing at a PostgreSQL where the role may CREATE DATABASE
// (a temporary shadow database is made and dropped). Uses the project's dev dependencies pg,
// @prisma/adapter-pg, @prisma/driver-adapter-utils and @prisma/schema-engine-wasm.
// usage:
//   node scripts/prisma-offline-migrate.mjs diff-empty     # print SQL: empty -> schema.prisma
//   node scripts/prisma-offline-migrate.mjs create <name>  # write prisma/migrations/<ts>_<name>/migration.sql (migrations -> schema)
//   node scripts/prisma-offline-migrate.mjs check          # exit 1 when schema.prisma has changes no migration holds
//   node scripts/prisma-offline-migrate.mjs deploy         # apply pending migrations (records in _prisma_migrations, like `prisma migrate deploy`)
//   node scripts/prisma-offline-migrate.mjs status         # diagnose migration history
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';

// resolve the engine and drivers from the project being migrated, not from this file's folder
const require = createRequire(path.join(process.cwd(), 'package.json'));
// the WASM engine reports Rust panics through this global (must exist, or a panic becomes a TypeError)
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: '',
  set_message(m) {
    this.message = `RuntimeError: ${m}`;
  },
  get() {
    return this.message;
  },
};
process.on('uncaughtException', (e) => {
  console.error(globalThis.PRISMA_WASM_PANIC_REGISTRY.message || e);
  process.exit(1);
});
const fromProject = (name) => import(require.resolve(name));
const pg = (await fromProject('pg')).default;
const { PrismaPg } = await fromProject('@prisma/adapter-pg');
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = await fromProject('@prisma/driver-adapter-utils');
const runtime = await fromProject('@prisma/schema-engine-wasm/schema_engine_bg');
const root = process.cwd();
const schemaPath = 'prisma/schema.prisma';
const migrationsDir = path.join(root, 'prisma', 'migrations');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const filters = { externalTables: [], externalEnums: [] };

// @prisma/adapter-pg has no mapping for Postgres' internal single-byte "char" type (OID 18), which only the
// schema engine's pg_catalog queries return -> "Column type 'char' could not be deserialized from the database".
// Relabel it as text for the adapter, then report the column to the engine as ColumnType.Character
// (relabelling to plain Text is not enough: the describer reads e.g. pg_constraint.contype `as char`).
function fixCharColumns(queryable) {
  const charCols = new WeakMap();
  const perform = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await perform(query);
    const idx = [];
    (result?.fields ?? []).forEach((f, i) => {
      if (f.dataTypeID === 18) {
        f.dataTypeID = 25;
        idx.push(i);
      }
    });
    if (idx.length && query && typeof query === 'object') charCols.set(query, idx);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const res = await queryRaw(query);
    for (const i of charCols.get(query) ?? []) res.columnTypes[i] = ColumnTypeEnum.Character;
    return res;
  };
  if (typeof queryable.startTransaction === 'function') {
    const start = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...a) => fixCharColumns(await start(...a));
  }
  return queryable;
}

function dbConfig(database) {
  // NB: discrete fields, not { connectionString }: pg lets connectionString override `database`,
  // so PrismaPg's own connectToShadowDb() with a connectionString replays migrations into the REAL db.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? (u.pathname.slice(1) || 'postgres'),
  };
}

async function admin(sql) {
  const c = new pg.Client(dbConfig('postgres'));
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function adapterFactory() {
  const factory = new PrismaPg(dbConfig());
  const connect = factory.connect.bind(factory);
  factory.connect = async () => fixCharColumns(await connect());
  // Own shadow-DB factory: PrismaPg's drops the shadow DB while its pool is still connected
  // ("database ... is being accessed by other users") and leaks it.
  factory.connectToShadowDb = async () => {
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await admin(`CREATE DATABASE "${name}"`);
    const adapter = fixCharColumns(await new PrismaPg(dbConfig(name)).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

async function loadEngine(schema) {
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const mod = await WebAssembly.compile(fs.readFileSync(wasmPath));
  const instance = await WebAssembly.instantiate(mod, { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return runtime.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, (m) => process.env.DEBUG_SE && console.error(m), adapterFactory());
}

function migrationsList() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const p = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(p) ? { tag: 'ok', value: fs.readFileSync(p, 'utf8') } : { tag: 'error', value: 'missing migration.sql' },
        },
      };
    }),
  };
}

const schema = fs.readFileSync(schemaPath, 'utf8');
const files = [{ path: schemaPath, content: schema }];
const engine = await loadEngine(schema);
/** The SQL that takes the migrations' schema to the schema file's (empty when they match). */
const diffFromMigrations = () =>
  engine.diff({ from: { tag: 'migrations', ...migrationsList() }, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: null, filters });
const [cmd, arg] = process.argv.slice(2);
try {
  if (cmd === 'diff-empty') {
    const r = await engine.diff({ from: { tag: 'empty' }, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: null, filters });
    process.stdout.write(r.stdout ?? '');
  } else if (cmd === 'create') {
    // engine.createMigration() has no shadow-DB factory in the WASM build for Postgres
    // ("PostgreSQL shadow DB must be provided through an external factory"), but diff() does:
    // diff(migrations -> schema) replays the migrations into a temp shadow DB (connectToShadowDb above).
    const name = (arg ?? 'migration').replace(/[^A-Za-z0-9_]+/g, '_');
    const lock = path.join(migrationsDir, 'migration_lock.toml');
    if (!fs.existsSync(lock)) {
      fs.mkdirSync(migrationsDir, { recursive: true });
      fs.writeFileSync(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    const r = await diffFromMigrations();
    const sql = r.stdout ?? '';
    if (!sql.trim() || sql.includes('-- This is an empty migration.')) console.log('no changes');
    else {
      const ts = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const dir = path.join(migrationsDir, `${ts}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
      console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
    }
  } else if (cmd === 'check') {
    const r = await diffFromMigrations();
    const sql = r.stdout ?? '';
    if (!sql.trim() || sql.includes('-- This is an empty migration.')) console.log('migrations match prisma/schema.prisma');
    else {
      console.log('prisma/schema.prisma has changes that no migration holds:\n' + sql);
      process.exitCode = 1;
    }
  } else if (cmd === 'deploy') {
    const r = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
    console.log(`applied: ${r.appliedMigrationNames.join(', ') || '(none pending)'}`);
  } else if (cmd === 'status') {
    const r = await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters });
    console.log(JSON.stringify(r, null, 2));
  } else {
    console.error('usage: node prisma-offline-migrate.mjs diff-empty | create <name> | check | deploy | status');
    process.exitCode = 2;
  }
} catch (e) {
  console.error(globalThis.PRISMA_WASM_PANIC_REGISTRY.message || '', e);
  process.exitCode = 1;
} finally {
  engine.free?.();
}
process.exit(process.exitCode ?? 0);
