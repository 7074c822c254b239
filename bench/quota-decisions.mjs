// Quota decisions under concurrency: one allocation, many submitted labour requests, every decision
// fired at once over HTTP against the compiled app. Prints decisions/s, p50/p99 latency, how many
// were approved and refused, and the over-allocation read back from the database (must be 0).
//
// Usage (`npm run bench:quota` = `node bench/quota-decisions.mjs`):
//   node bench/quota-decisions.mjs                     # builds dist/ if the sources are newer (QUOTA_BENCH_SKIP_BUILD=1: don't)
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 node bench/quota-decisions.mjs
//   QUOTA_BENCH_REQUESTS=50 QUOTA_BENCH_LIMIT=25 node bench/quota-decisions.mjs
// Without DATABASE_URL an embedded PostgreSQL is started (port BENCH_EMBEDDED_PG_PORT, default 54332).
// Exit codes: 0 ok, 1 failure, 4 over-allocated (approved places above the limit).
import { randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { adminToken, api, createUserWithPassword, login } from './lib/app-client.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';
import { cleanupStack, runBench } from './lib/run-bench.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const DIST = path.join(ROOT, 'dist');
process.chdir(ROOT); // the migrator reads prisma/migrations relative to the working directory
const require = createRequire(import.meta.url);
const { Client } = require('pg');

const log = (m) => process.stdout.write(`[bench:quota] ${m}\n`);
const positive = (name, fallback) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const REQUESTS = positive('QUOTA_BENCH_REQUESTS', 50);
const LIMIT = positive('QUOTA_BENCH_LIMIT', 25);
const WARMUP = positive('QUOTA_BENCH_WARMUP', 20);
// next year: a request is submitted only while its period is not over, and the app runs on the real clock
const YEAR = new Date().getUTCFullYear() + 1;
const OCCUPATION = '7112';

const cleanups = cleanupStack(log);
const cleanup = cleanups.run;
const watchdog = setTimeout(() => {
  log('watchdog: still running after 300 s, giving up');
  void cleanup().finally(() => process.exit(2));
}, 300_000);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

/** The reference figures a decision checks (the bench app starts on an empty, migrated database). */
async function seedReference(appUrl, token) {
  const put = (p, body) => api(appUrl, 'PUT', `/reference/${p}`, { token, body });
  await put(`wage-floors/${YEAR}`, { mrotRub: 27_093 });
  await put('regional-coefficients/OMSK', { coefficient: 1.15 });
  await put(`occupations/${OCCUPATION}`, { title: 'Bricklayer', titleRu: 'Каменщик' });
  for (const [key, value] of [
    ['FULL_TIME_HOURS_PER_WEEK', 40],
    ['MAX_DEDUCTION_SHARE', 0.2],
    ['INCOME_TAX_RATE', 0.13],
  ])
    await put(`labour-parameters/${key}`, { value });
}

/** `n` SUBMITTED requests of one worker each from the employer, preferring `citizenship` (so counted against its allocation). */
async function submittedRequests(appUrl, token, employerId, n, citizenship) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const body = {
      employerId,
      occupationCode: OCCUPATION,
      workersRequested: 1,
      preferredCitizenships: [citizenship],
      periodStart: `${YEAR}-04-01`,
      periodEnd: `${YEAR}-11-30`,
      workPlace: 'Omsk',
      monthlyWageRub: 60_000,
      hoursPerWeek: 40,
    };
    const draft = await api(appUrl, 'POST', '/labour-requests', { token, body, expectStatus: 201 });
    await api(appUrl, 'POST', `/labour-requests/${draft.id}/submit`, { token });
    ids.push(draft.id);
  }
  return ids;
}

async function decide(appUrl, token, id) {
  const started = performance.now();
  const res = await globalThis.fetch(`${appUrl}/api/v1/labour-requests/${id}/decision`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'APPROVED' }),
    signal: globalThis.AbortSignal.timeout(30_000),
  });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, code: body.code, ms: performance.now() - started };
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main() {
  // builds dist/ when the sources are newer (as `npm run bench` does); QUOTA_BENCH_SKIP_BUILD=1 uses dist/ as it is
  if (process.env.QUOTA_BENCH_SKIP_BUILD !== '1') execSync('node scripts/ensure-built.mjs', { stdio: 'inherit', cwd: ROOT });
  if (!fs.existsSync(path.join(DIST, 'bootstrap.js'))) throw new Error('dist/ is missing: build first (npm run build)');
  const db = await prepareBenchDatabase({ distDir: DIST, databaseUrl: process.env.DATABASE_URL, embeddedPort: positive('BENCH_EMBEDDED_PG_PORT', 54332), log });
  cleanups.push(db.cleanup);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omsk-bench-quota-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const appEnv = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL,
    QUEUE_PREFIX: `benchq${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BOOTSTRAP_ADMIN_EMAIL: 'bench-admin@bench.example',
    BOOTSTRAP_ADMIN_PASSWORD: 'Steppe-Kestrel-Pass-2026',
    DEMO_DATA: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    AUTH_LOGIN_RATE_PER_MINUTE: '1000000000',
    DB_POOL_MAX: process.env.DB_POOL_MAX || '10',
  };
  const env = { ...process.env, NODE_ENV: 'production', BENCH_APP_ENV: JSON.stringify(appEnv) };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const app = new ServerChild('app server', path.join(BENCH_DIR, 'app-server.mjs'), { cwd: ROOT, env });
  process.on('exit', () => app.killNow());
  cleanups.push(() => app.stop());
  const appUrl = `http://127.0.0.1:${await app.ready(120_000)}`;
  const ctx = { appUrl, appEnv, log };

  const admin = await adminToken(ctx);
  await seedReference(appUrl, admin);
  const allocate = (citizenship, limit) =>
    api(appUrl, 'POST', '/quota-allocations', { token: admin, body: { year: YEAR, occupationCode: OCCUPATION, citizenship, limit }, expectStatus: 201 });
  const employer = await api(appUrl, 'POST', '/employers', { token: admin, body: { name: 'ООО «Бенч Строй»', inn: '7707083893' }, expectStatus: 201 });
  const staff = await createUserWithPassword(ctx, { emailName: 'bench-staff', role: 'STAFF' });
  const staffToken = (await login(appUrl, staff.email, staff.password)).accessToken;

  // warm-up (not measured): the same burst on another allocation (TJ), all within its limit
  await allocate('TJ', WARMUP);
  const warm = await Promise.all((await submittedRequests(appUrl, admin, employer.id, WARMUP, 'TJ')).map((id) => decide(appUrl, staffToken, id)));
  log(`warm-up: ${warm.filter((a) => a.status === 200).length}/${WARMUP} approved`);

  const allocation = await allocate('UZ', LIMIT);
  const ids = await submittedRequests(appUrl, admin, employer.id, REQUESTS, 'UZ');
  log(`${REQUESTS} submitted requests of 1 worker against an allocation of ${LIMIT}; firing every decision at once…`);

  const started = performance.now();
  const answers = await Promise.all(ids.map((id) => decide(appUrl, staffToken, id)));
  const seconds = (performance.now() - started) / 1000;

  const approved = answers.filter((a) => a.status === 200).length;
  const exhausted = answers.filter((a) => a.status === 422 && a.code === 'QUOTA_EXHAUSTED').length;
  const other = answers.length - approved - exhausted;
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const {
    rows: [stored],
  } = await client.query('SELECT "limit", approved FROM quota_allocations WHERE id = $1', [allocation.id]);
  const {
    rows: [counted],
  } = await client.query('SELECT COALESCE(SUM(approved_count), 0)::int AS places FROM labour_requests WHERE quota_allocation_id = $1', [allocation.id]);
  await client.end();
  const over = Math.max(0, stored.approved - stored.limit, counted.places - stored.limit);

  log(`decisions: ${answers.length} in ${seconds.toFixed(3)} s → ${(answers.length / seconds).toFixed(1)} decisions/s`);
  log(`latency: p50 ${percentile(ms, 0.5).toFixed(1)} ms, p99 ${percentile(ms, 0.99).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
  log(`approved: ${approved}, refused QUOTA_EXHAUSTED: ${exhausted}, other answers: ${other}`);
  log(`allocation: limit ${stored.limit}, approved ${stored.approved}, places on requests ${counted.places}`);
  log(`over-allocation: ${over}`);
  if (other > 0) log(`unexpected answers: ${JSON.stringify(answers.filter((a) => a.status !== 200 && a.code !== 'QUOTA_EXHAUSTED').slice(0, 5))}`);
  if (over > 0) return 4;
  return other > 0 || approved !== Math.min(LIMIT, REQUESTS) ? 1 : 0;
}

cleanups.push(async () => clearTimeout(watchdog));
await runBench(main, cleanups, log);
