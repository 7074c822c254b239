import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrationsDir, runMigrations } from '../../src/infra/database/migrator';
import { adminQuery, testDbPrefix, urlFor } from '../support/database';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
}

async function migrationRows(url: string): Promise<MigrationRow[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('migration runner on an empty database', () => {
  const name = `${testDbPrefix()}mig_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);
  let dir: string;
  let names: string[];

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    // a private copy: the checksum test edits it, and migrations others add meanwhile do not interfere
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    fs.cpSync(migrationsDir(), dir, { recursive: true });
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration exactly once when two runners race', async () => {
    expect(names.length).toBeGreaterThan(0);
    const results = await Promise.all([runMigrations(url, dir), runMigrations(url, dir)]);

    expect(results.flatMap((r) => r.applied).sort()).toEqual(names);
    // the lock serialises them: one runner applies everything, the other finds it all done
    expect(results.map((r) => r.alreadyApplied).sort((a, b) => a - b)).toEqual([0, names.length]);

    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = fs.readFileSync(path.join(dir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing on a third run', async () => {
    await expect(runMigrations(url, dir)).resolves.toEqual({ applied: [], alreadyApplied: names.length });
    expect(await migrationRows(url)).toHaveLength(names.length);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const broken = path.join(dir, '99990101000000_broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n');
    try {
      await expect(runMigrations(url, dir)).rejects.toThrow(/99990101000000_broken failed/);
      const rows = await migrationRows(url);
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows: tables } = await client.query("SELECT to_regclass('half_done') AS t").finally(() => client.end());
      expect(tables[0].t).toBeNull();
    } finally {
      fs.rmSync(broken, { recursive: true });
    }
  });

  it('refuses a migration that was changed after it was applied', async () => {
    const file = path.join(dir, names[0], 'migration.sql');
    fs.appendFileSync(file, '\n-- edited afterwards\n');
    await expect(runMigrations(url, dir)).rejects.toThrow(new RegExp(`${names[0]}.*checksum`));
  });
});

describe('npm run db:migration:check (scripts/db-migration.mjs, the project’s own engine driver)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['scripts/db-migration.mjs', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: urlFor('postgres'), PRISMA_MIGRATE_ENGINE: 'wasm' },
      timeout: 120_000,
    });

  it('finds that prisma/schema.prisma and the migrations agree', () => {
    const res = run(['check']);
    expect(res.stdout + res.stderr).toContain('migrations match prisma/schema.prisma');
    expect(res.status).toBe(0);
  });

  it('refuses a call without its arguments', () => {
    expect(run(['create']).status).toBe(2);
  });
});
