import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/infra/database/embedded-postgres';
import { runMigrations } from '../../src/infra/database/migrator';
import { randomBytes } from 'node:crypto';
import { adminQuery, DB_PREFIX, runStartedAt, templateDb, urlFor } from './database';

const STALE_AFTER_MS = 3 * 3600_000;

/**
 * Uses DATABASE_URL's server when set, otherwise starts an embedded PostgreSQL; builds a migrated
 * template database that every e2e file clones.
 */
export default async function globalSetup(): Promise<void> {
  let server = process.env.DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), 'omsk-centre-test-pg'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 25430), // below the ephemeral range, as in embedded-postgres.e2e-spec
      database: 'postgres',
    });
    (globalThis as { __embeddedPg?: unknown }).__embeddedPg = embedded;
    server = embedded.url;
  }
  process.env.TEST_PG_SERVER_URL = server;
  process.env.TEST_RUN_ID = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const client = new Client({ connectionString: urlFor('postgres', server) });
  await client.connect();
  try {
    // databases left by runs that crashed long ago; a run still in progress is left alone
    const ours = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${DB_PREFIX}%'`);
    for (const { datname } of ours.rows) {
      const started = runStartedAt(datname);
      if (started === null || Date.now() - started > STALE_AFTER_MS) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  } finally {
    await client.end();
  }
  await adminQuery(`CREATE DATABASE "${templateDb()}"`, server);
  await runMigrations(urlFor(templateDb(), server));
}
