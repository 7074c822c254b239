import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

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
