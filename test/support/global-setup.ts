import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres';
import { runMigrations } from '../../src/infra/database/migrator';
import { adminQuery, TEMPLATE_DB, TEST_DB_PREFIX, urlFor } from './database';

/**
 * Uses DATABASE_URL's server when set, otherwise starts an embedded PostgreSQL; builds a migrated
 * template database that every e2e file clones.
 */
export default async function globalSetup(): Promise<void> {
  let server = process.env.DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), 'omsk-centre-test-pg'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
      database: 'postgres',
    });
    (globalThis as { __embeddedPg?: unknown }).__embeddedPg = embedded;
    server = embedded.url;
  }
  process.env.TEST_PG_SERVER_URL = server;
  const client = new Client({ connectionString: urlFor('postgres', server) });
  await client.connect();
  try {
    const stale = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%' OR datname = '${TEMPLATE_DB}'`,
    );
    for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`, server);
  await runMigrations(urlFor(TEMPLATE_DB, server));
}
