// A PostgreSQL for one bench run: a scratch database on DATABASE_URL's server, or an embedded
// server in a temporary directory. Either way migrated with the compiled migrator, and removed
// by the returned cleanup function.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(url, sql) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const KEPT_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * @param {{ distDir: string, databaseUrl?: string, embeddedPort: number, log: (m: string) => void, keep?: string }} opts
 *   keep: the name of a database on DATABASE_URL's server to use and keep (created when missing, migrated
 *   either way, never dropped), so that a bench can measure again without seeding again.
 * @returns {Promise<{ url: string, kind: 'scratch' | 'embedded' | 'kept', name: string, created: boolean, cleanup: () => Promise<void> }>}
 */
export async function prepareBenchDatabase(opts) {
  const { runMigrations } = require(path.join(opts.distDir, 'infra/database/migrator.js'));
  if (opts.keep && !opts.databaseUrl) throw new Error('a kept bench database needs DATABASE_URL');
  if (opts.databaseUrl) {
    const host = new URL(opts.databaseUrl).hostname;
    if (!LOOPBACK.has(host)) throw new Error(`DATABASE_URL must point at a loopback address for the bench (got ${host})`);
    if (opts.keep) {
      if (!KEPT_NAME.test(opts.keep)) throw new Error(`a kept bench database's name must match ${KEPT_NAME} (got ${opts.keep})`);
      const url = withDatabase(opts.databaseUrl, opts.keep);
      const exists = (await adminQuery(opts.databaseUrl, { text: 'SELECT 1 FROM pg_database WHERE datname = $1', values: [opts.keep] })).rowCount > 0;
      if (!exists) await adminQuery(opts.databaseUrl, `CREATE DATABASE "${opts.keep}"`);
      opts.log(
        `${exists ? 'reusing' : 'created'} kept database ${opts.keep} on ${host}:${new URL(opts.databaseUrl).port || 5432} (drop it yourself when done)`,
      );
      await runMigrations(url);
      return { url, kind: 'kept', name: opts.keep, created: !exists, cleanup: async () => opts.log(`kept database ${opts.keep}`) };
    }
    const name = `omsk_bench_${randomBytes(5).toString('hex')}`;
    const url = withDatabase(opts.databaseUrl, name);
    await adminQuery(opts.databaseUrl, `CREATE DATABASE "${name}"`);
    const cleanup = async () => {
      await adminQuery(opts.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      opts.log(`dropped scratch database ${name}`);
    };
    try {
      opts.log(`scratch database ${name} on ${host}:${new URL(opts.databaseUrl).port || 5432}`);
      await runMigrations(url);
    } catch (e) {
      await cleanup().catch(() => undefined);
      throw e;
    }
    return { url, kind: 'scratch', name, created: true, cleanup };
  }

  const { startEmbeddedPostgres } = require(path.join(opts.distDir, 'infra/database/embedded-postgres.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omsk-bench-pg-'));
  fs.chmodSync(dir, 0o755); // as root, initdb runs as the `postgres` user and must reach data/
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  opts.log(`starting embedded PostgreSQL on 127.0.0.1:${opts.embeddedPort} in ${dir}`);
  let embedded;
  try {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: opts.embeddedPort, database: 'omsk_bench', log: opts.log });
  } catch (e) {
    removeDir();
    throw e;
  }
  const cleanup = async () => {
    try {
      await embedded.stop();
      opts.log('stopped embedded PostgreSQL');
    } finally {
      removeDir();
    }
  };
  try {
    await runMigrations(embedded.url);
  } catch (e) {
    await cleanup().catch(() => undefined);
    throw e;
  }
  return { url: embedded.url, kind: 'embedded', name: 'omsk_bench', created: true, cleanup };
}
