// npm run db:migration:create <name> | db:migration:check
//
// Prisma's own `prisma migrate` needs its native schema engine, a binary Prisma downloads at install
// time. Where that binary is installed (PRISMA_SCHEMA_ENGINE_BINARY pointing at a real engine, or the
// engine shipped in node_modules/@prisma/engines), this runs Prisma's commands. Where it is not (as on
// machines that reach only the npm registry: the download is refused), it runs
// scripts/prisma-offline-migrate.mjs, the same engine compiled to WebAssembly. Both write ordinary Prisma
// migrations. PRISMA_MIGRATE_ENGINE=native|wasm forces one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [cmd, name] = process.argv.slice(2);
if (!['create', 'check'].includes(cmd) || (cmd === 'create' && !name)) {
  console.error('usage: node scripts/db-migration.mjs create <name> | check');
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL must point at a PostgreSQL where the role may create databases (a temporary shadow database is used).');
  process.exit(2);
}

function nativeEngine() {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured && !configured.endsWith('no-schema-engine.sh') && fs.existsSync(configured)) return configured;
  const dir = path.join('node_modules', '@prisma', 'engines');
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith('schema-engine')) : undefined;
  return found ? path.join(dir, found) : undefined;
}

const choice = process.env.PRISMA_MIGRATE_ENGINE ?? (nativeEngine() ? 'native' : 'wasm');
const run = (bin, args, env = {}) => spawnSync(bin, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let status;
if (choice === 'native') {
  const env = { PRISMA_SCHEMA_ENGINE_BINARY: nativeEngine() ?? '' };
  status =
    cmd === 'create'
      ? run('npx', ['prisma', 'migrate', 'dev', '--create-only', '--name', name], env)
      : run('npx', ['prisma', 'migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'], env);
} else {
  status = run(process.execPath, [path.join('scripts', 'prisma-offline-migrate.mjs'), cmd, ...(name ? [name] : [])]);
}
process.exit(status);
