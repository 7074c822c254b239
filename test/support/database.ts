import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DB = 'omsk_test_template';
export const TEST_DB_PREFIX = 'omsk_t_';

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
  const name = `${TEST_DB_PREFIX}${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  return {
    name,
    url: urlFor(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
