import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrationsDir, runMigrations } from '../../src/infra/database/migrator';

/**
 * Every jest run has its own id (set by the global setup, inherited by the workers): its template
 * and its per-file databases carry it, so two runs on one server never drop each other's databases.
 * The id starts with the run's start time in base 36, which lets a later run clean up after a
 * crashed one.
 */
export function runId(): string {
  const id = process.env.TEST_RUN_ID;
  if (!id) throw new Error('TEST_RUN_ID is not set: run the e2e tests through jest (global setup)');
  return id;
}

export const DB_PREFIX = 'omsk_t_';

export function templateDb(): string {
  return `${DB_PREFIX}${runId()}_template`;
}

/** Per-file databases of this run start with this. */
export function testDbPrefix(): string {
  return `${DB_PREFIX}${runId()}_`;
}

/** The start time encoded in a database name of some run, or null when it is not one of ours. */
export function runStartedAt(database: string): number | null {
  const m = new RegExp(`^${DB_PREFIX}([0-9a-z]+)-`).exec(database);
  return m ? parseInt(m[1], 36) : null;
}

/** The server-level URL the global setup prepared (DATABASE_URL or an embedded PostgreSQL). */
export function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('TEST_PG_SERVER_URL is not set: run the e2e tests through jest (global setup)');
  return url;
}

export function urlFor(database: string, server = serverUrl()): string {
  const u = new URL(server);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql: string, server = serverUrl()): Promise<void> {
  const client = new Client({ connectionString: urlFor('postgres', server) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: one per test file. */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${testDbPrefix()}${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${templateDb()}"`);
  return {
    name,
    url: urlFor(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * A database of its own, migrated up to the migration whose name ends with `suffix` (not included),
 * for a test of that migration on data recorded before it: `apply()` then runs it alone and answers
 * the names applied. `drop()` closes the client and removes the database and its migrations folder.
 */
export async function databaseBefore(
  suffix: string,
): Promise<{ migration: string; client: Client; apply: () => Promise<string[]>; drop: () => Promise<void> }> {
  const all = fs
    .readdirSync(migrationsDir(), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const migration = all.find((n) => n.endsWith(suffix));
  if (!migration) throw new Error(`no migration named *${suffix}`);
  const name = `${testDbPrefix()}mig_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  await adminQuery(`CREATE DATABASE "${name}"`);
  for (const n of all.filter((m) => m < migration)) fs.cpSync(path.join(migrationsDir(), n), path.join(dir, n), { recursive: true });
  await runMigrations(url, dir);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    migration,
    client,
    apply: async () => {
      fs.cpSync(path.join(migrationsDir(), migration), path.join(dir, migration), { recursive: true });
      return (await runMigrations(url, dir)).applied;
    },
    drop: async () => {
      await client.end();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
