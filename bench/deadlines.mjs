// Deadlines at scale (`npm run bench:deadlines`): 100,000 seeded dossiers with papers (BENCH_WORKERS).
// Measures, in one run:
//   - the backfill that computes every worker's deadlines (as a start on existing data does);
//   - the daily scan: its time and the process's peak resident memory;
//   - reminders per second through the outbox relay, the mail queue and the mail transport (.eml files);
//   - recomputing one worker's deadlines after a change, p50/p99 (goal p99 ≤ 20 ms);
//   - GET /deadlines?assignee=me&overdue=true at 16 connections, p99 (goal < 50 ms), against the app in
//     its own process.
// DATABASE_URL: a scratch database on that server (else an embedded PostgreSQL). REDIS_URL: the queue.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { benchAppEnv } from './lib/app-env.mjs';
import { createUserWithPassword, login } from './lib/app-client.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';
import { cleanupStack, runBench } from './lib/run-bench.mjs';
import { ensureWorkersSeeded, workersToSeed } from './lib/seed-workers.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const DIST = path.join(ROOT, 'dist');
process.chdir(ROOT);
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { Client } = require('pg');
const log = (m) => process.stdout.write(`[bench:deadlines] ${m}\n`);
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const cleanups = cleanupStack(log);

async function context(env) {
  require('reflect-metadata');
  const { createHttpApp } = require(path.join(DIST, 'bootstrap.js'));
  const { loadConfig } = require(path.join(DIST, 'config/config.js'));
  const app = await createHttpApp(loadConfig(env));
  await app.init();
  cleanups.push(() => app.close());
  return app;
}

async function main() {
  const db = await prepareBenchDatabase({ distDir: DIST, databaseUrl: process.env.DATABASE_URL, embeddedPort: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54333), log });
  cleanups.push(db.cleanup);
  const seeded = await ensureWorkersSeeded({ databaseUrl: db.url, log, total: workersToSeed() });
  log(`${seeded.workers.toLocaleString('en-US')} workers`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deadlines-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...benchAppEnv({ databaseUrl: db.url, dataDir, logLevel: 'warn' }), RUN_PROCESSORS: 'false' };

  // the API in its own process, for the list under load
  const server = new ServerChild('app', path.join(BENCH_DIR, 'app-server.mjs'), { cwd: ROOT, env: { ...process.env, BENCH_APP_ENV: JSON.stringify(env) } });
  process.on('exit', () => server.killNow());
  cleanups.push(() => server.stop());
  const appUrl = `http://127.0.0.1:${await server.ready(120_000)}`;
  const app = await context(env);
  const { seedReferenceData } = require(path.join(DIST, 'reference/reference.seed.js'));
  await seedReferenceData(app);
  const staff = await createUserWithPassword({ appUrl, appEnv: env, log }, { emailName: 'caseworker', role: 'STAFF' });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  cleanups.push(() => pg.end());
  // one caseworker holds a fiftieth of the dossiers (about 2,000 at 100,000)
  await pg.query(`UPDATE workers SET caseworker_id = $1 WHERE abs(hashtext(id::text)) % 50 = 0`, [staff.id]);

  const { DeadlinesService } = require(path.join(DIST, 'deadlines/deadlines.service.js'));
  const { RemindersService } = require(path.join(DIST, 'deadlines/reminders.service.js'));
  const { PrismaService } = require(path.join(DIST, 'infra/database/prisma.service.js'));
  const deadlines = app.get(DeadlinesService, { strict: false });

  let t = performance.now();
  const workers = await deadlines.backfill();
  const { rows: [{ n }] } = await pg.query('SELECT count(*)::int AS n FROM deadlines');
  log(`backfill: ${workers.toLocaleString('en-US')} workers, ${n.toLocaleString('en-US')} deadlines in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  t = performance.now();
  const scan = await app.get(RemindersService, { strict: false }).scan();
  clearInterval(sampler);
  log(`daily scan: ${JSON.stringify(scan)} in ${((performance.now() - t) / 1000).toFixed(1)} s; resident memory ${mb(rssBefore)} before, peak ${mb(peak)}`);

  // recompute one worker after a change, as a document change does, inside its transaction
  const prisma = app.get(PrismaService, { strict: false });
  const { rows: sample } = await pg.query('SELECT id FROM workers ORDER BY random() LIMIT 300');
  const times = [];
  for (const { id } of sample) {
    const s = performance.now();
    await prisma.$transaction((tx) => deadlines.recompute(tx, id, null));
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  log(`recompute one worker: p50 ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms (goal p99 ≤ 20 ms)`);

  // the caseworker's overdue list under load
  const { accessToken } = await login(appUrl, staff.email, staff.password);
  const result = await autocannon({
    url: `${appUrl}/api/v1/deadlines?assignee=me&overdue=true`,
    connections: 16,
    duration: Number(process.env.BENCH_DURATION ?? 10),
    headers: { authorization: `Bearer ${accessToken}` },
  });
  log(`GET /deadlines?assignee=me&overdue=true, 16 connections: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (goal < 50 ms), non-2xx ${result.non2xx}`);

  // reminders through the outbox relay and the mail queue, with processors running
  const { rows: [{ mails }] } = await pg.query('SELECT count(*)::int AS mails FROM outgoing_mail WHERE sent_at IS NULL');
  t = performance.now();
  await context({ ...env, RUN_PROCESSORS: 'true' });
  for (;;) {
    const { rows: [{ left }] } = await pg.query('SELECT count(*)::int AS left FROM outgoing_mail WHERE sent_at IS NULL');
    if (left === 0 || performance.now() - t > 600_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - t) / 1000;
  log(`reminders sent through the outbox relay and the mail queue: ${mails} in ${seconds.toFixed(1)} s = ${Math.round(mails / seconds)}/s (goal ≥ 1,000/s)`);
  return 0;
}

await runBench(main, cleanups, log);
