// Deadlines at scale (`npm run bench:deadlines`): 100,000 seeded dossiers with papers (BENCH_WORKERS),
// and on top of the dossier seed: patent payments, placements with 40 employers (some ended) and
// most of their MVD notices. Measures, in one run:
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
import { api, createUserWithPassword, login } from './lib/app-client.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';
import { cleanupStack, runBench } from './lib/run-bench.mjs';
import { ensureWorkersSeeded, workersToSeed } from './lib/seed-workers.mjs';
import { OVERDUE_SQL } from './lib/overdue-list.mjs';

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

/**
 * Payments and placements for the seeded dossiers, in a few set-based statements (derived from the
 * ids, so the same data set each run): 40 employers with one labour request each; for each valid
 * patent one to three monthly payments; for 40 % of the patent holders a placement from a few days
 * after the patent's issue, a quarter of those ended two to four months later; the employer's MVD
 * notice of the start for most, of the end for many.
 */
async function seedPaymentsAndPlacements(pg) {
  const h = (expr, n) => `(abs(hashtext(${expr})) % ${n})`;
  await pg.query(`INSERT INTO employers (id, name, inn, updated_at)
    SELECT gen_random_uuid(), 'Bench employer ' || g, lpad((7700000000 + g)::text, 10, '0'), now() FROM generate_series(1, 40) g ON CONFLICT (inn) DO NOTHING`);
  await pg.query(`INSERT INTO labour_requests (id, employer_id, occupation_code, workers_requested, preferred_citizenships, period_start, period_end,
                                work_place, monthly_wage_rub, hours_per_week, updated_at)
    SELECT gen_random_uuid(), e.id, (SELECT code FROM occupations ORDER BY code LIMIT 1), 10000, '{}', date_trunc('year', now())::date,
           (date_trunc('year', now()) + interval '1 year - 1 day')::date, 'Omsk', 65000, 40, now()
    FROM employers e WHERE e.name LIKE 'Bench employer %' AND NOT EXISTS (SELECT 1 FROM labour_requests r WHERE r.employer_id = e.id)`);
  await pg.query(`INSERT INTO patent_payments (id, worker_id, document_id, paid_on, months, amount_rub)
    SELECT gen_random_uuid(), d.worker_id, d.id, d.issued_on + k * 30, 1, 9200
    FROM worker_documents d CROSS JOIN generate_series(0, 2) k
    WHERE d.type = 'PATENT' AND d.paid_until IS NOT NULL AND d.issued_on + k * 30 < d.paid_until AND k <= ${h('d.id::text', 3)}
      AND NOT EXISTS (SELECT 1 FROM patent_payments p WHERE p.document_id = d.id)`);
  await pg.query(`WITH r AS (SELECT id, employer_id, row_number() OVER (ORDER BY id) - 1 AS n FROM labour_requests
                WHERE work_place = 'Omsk' AND monthly_wage_rub = 65000),
    p AS (SELECT d.worker_id, d.issued_on + 3 + ${h("d.id::text || 's'", 8)} AS start_date, ${h("d.id::text || 'e'", 4)} = 0 AS ended,
                 ${h("d.id::text || 'r'", 40)} AS n,
                 60 + ${h("d.id::text || 'l'", 60)} AS days
          FROM worker_documents d WHERE d.type = 'PATENT' AND ${h("d.id::text || 'p'", 10)} < 4 AND d.issued_on + 3 <= current_date
            AND NOT EXISTS (SELECT 1 FROM placements x WHERE x.worker_id = d.worker_id))
    INSERT INTO placements (id, labour_request_id, employer_id, worker_id, start_date, end_date, status, monthly_wage_rub, hours_per_week, updated_at)
    SELECT gen_random_uuid(), r.id, r.employer_id, p.worker_id, p.start_date,
           CASE WHEN p.ended AND p.start_date + p.days < current_date THEN p.start_date + p.days END,
           (CASE WHEN p.ended AND p.start_date + p.days < current_date THEN 'ENDED' ELSE 'ACTIVE' END)::"PlacementStatus", 65000, 40, now()
    FROM p JOIN r ON r.n = p.n`);
  await pg.query(`INSERT INTO contract_notifications (id, placement_id, kind, notified_on, due_on)
    SELECT gen_random_uuid(), p.id, 'CONCLUSION', p.start_date + 1, p.start_date + 3 FROM placements p
    WHERE ${h('p.id::text', 10)} < 8 AND p.start_date + 1 <= current_date ON CONFLICT DO NOTHING`);
  await pg.query(`INSERT INTO contract_notifications (id, placement_id, kind, notified_on, due_on)
    SELECT gen_random_uuid(), p.id, 'TERMINATION', p.end_date + 2, p.end_date + 3 FROM placements p
    WHERE p.status = 'ENDED' AND ${h("p.id::text || 't'", 10)} < 7 AND p.end_date + 2 <= current_date ON CONFLICT DO NOTHING`);
  await pg.query('VACUUM (ANALYZE) employers, labour_requests, placements, contract_notifications, patent_payments');
  const {
    rows: [c],
  } = await pg.query(`SELECT (SELECT count(*) FROM patent_payments)::int AS payments, (SELECT count(*) FROM placements)::int AS placements,
    (SELECT count(*) FROM placements WHERE status = 'ENDED')::int AS ended, (SELECT count(*) FROM contract_notifications)::int AS notices`);
  log(
    `payments and placements: ${c.payments.toLocaleString('en-US')} payments, ` +
      `${c.placements.toLocaleString('en-US')} placements (${c.ended.toLocaleString('en-US')} ended), ` +
      `${c.notices.toLocaleString('en-US')} MVD notices recorded`,
  );
}

async function main() {
  const db = await prepareBenchDatabase({
    distDir: DIST,
    databaseUrl: process.env.DATABASE_URL,
    embeddedPort: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54333),
    log,
  });
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
  await seedPaymentsAndPlacements(pg);

  const { DeadlinesService } = require(path.join(DIST, 'deadlines/deadlines.service.js'));
  const { RemindersService } = require(path.join(DIST, 'deadlines/reminders.service.js'));
  const { PrismaService } = require(path.join(DIST, 'infra/database/prisma.service.js'));
  const deadlines = app.get(DeadlinesService, { strict: false });

  let t = performance.now();
  const workers = await deadlines.backfill();
  const {
    rows: [{ n }],
  } = await pg.query('SELECT count(*)::int AS n FROM deadlines');
  const backfillSeconds = (performance.now() - t) / 1000;
  log(
    `backfill: ${workers.toLocaleString('en-US')} workers, ${n.toLocaleString('en-US')} deadlines ` +
      `in ${backfillSeconds.toFixed(1)} s (${Math.round(workers / backfillSeconds)} workers/s)`,
  );
  await pg.query('VACUUM (ANALYZE) deadlines, worker_notices, outbox, deadline_reminders');

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  t = performance.now();
  const scan = await app.get(RemindersService, { strict: false }).scan();
  clearInterval(sampler);
  log(`daily scan: ${JSON.stringify(scan)} in ${((performance.now() - t) / 1000).toFixed(1)} s; resident memory ${mb(rssBefore)} before, peak ${mb(peak)}`);

  // recompute one worker after a document change, inside the change's transaction as POST /documents
  // does: a medical certificate issued today (it closes the arrival's medical exam and owes a renewal)
  const prisma = app.get(PrismaService, { strict: false });
  const { rows: sample } = await pg.query('SELECT id FROM workers ORDER BY random() LIMIT 300');
  const same = [];
  for (const { id } of sample) {
    const s = performance.now();
    await prisma.$transaction((tx) => deadlines.recompute(tx, id, null));
    same.push(performance.now() - s);
  }
  same.sort((a, b) => a - b);
  log(`recompute one worker, nothing changed (a transaction of its own): p50 ${pct(same, 0.5).toFixed(1)} ms, p99 ${pct(same, 0.99).toFixed(1)} ms`);
  const times = [];
  const issuedOn = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const expiresOn = new Date(issuedOn.getTime() + 364 * 86_400_000);
  for (const { id } of sample) {
    await prisma.$transaction(async (tx) => {
      await tx.workerDocument.create({ data: { workerId: id, type: 'MEDICAL_CERTIFICATE', issuedOn, expiresOn, issuer: 'bench clinic' } });
      const s = performance.now();
      await deadlines.recompute(tx, id, null);
      times.push(performance.now() - s);
    });
  }
  times.sort((a, b) => a - b);
  log(`recompute one worker after a document change: p50 ${pct(times, 0.5).toFixed(1)} ms, p99 ${pct(times, 0.99).toFixed(1)} ms (goal p99 ≤ 20 ms)`);

  // the caseworker's overdue list under load, the app and its floor (bare node:http + pg doing the same
  // work, bench/deadlines-baseline.mjs) in turns, BENCH_ROUNDS times each
  const { accessToken } = await login(appUrl, staff.email, staff.password);
  const baseline = new ServerChild('baseline', path.join(BENCH_DIR, 'deadlines-baseline.mjs'), {
    cwd: ROOT,
    env: { ...process.env, BENCH_DATABASE_URL: db.url, BENCH_JWT_SECRET: env.JWT_SECRET },
  });
  process.on('exit', () => baseline.killNow());
  cleanups.push(() => baseline.stop());
  const baselineUrl = `http://127.0.0.1:${await baseline.ready(60_000)}`;
  const load = (url) =>
    autocannon({
      url: `${url}/api/v1/deadlines?assignee=me&overdue=true`,
      connections: 16,
      duration: Number(process.env.BENCH_DURATION ?? 10),
      headers: { authorization: `Bearer ${accessToken}` },
    });
  const show = (r) => `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`;
  // the floor must answer what the app answers
  const body = async (url) => JSON.stringify(await api(url, 'GET', '/deadlines?assignee=me&overdue=true', { token: accessToken }));
  if ((await body(appUrl)) !== (await body(baselineUrl))) throw new Error('the floor does not answer what the app answers');
  for (let round = 1; round <= Number(process.env.BENCH_ROUNDS ?? 3); round++) {
    const a = await load(appUrl);
    const b = await load(baselineUrl);
    log(
      `GET /deadlines?assignee=me&overdue=true, 16 connections, round ${round}: app ${show(a)} (goal p99 < 50 ms); ` +
        `floor ${show(b)}; throughput ratio ${(a.requests.average / b.requests.average).toFixed(2)}`,
    );
  }

  // the list's statement alone through bare pg (one connection, one after the other), and its plan
  const today = new Date().toISOString().slice(0, 10);
  const bare = [];
  for (let i = 0; i < 300; i++) {
    const s = performance.now();
    await pg.query({ name: 'overdue', text: OVERDUE_SQL, values: [staff.id, today] });
    bare.push(performance.now() - s);
  }
  bare.sort((a, b) => a - b);
  const { rows: plan } = await pg.query(`EXPLAIN (ANALYZE, BUFFERS) ${OVERDUE_SQL.replace('$1', `'${staff.id}'`).replace('$2', `'${today}'`)}`);
  const lines = plan.map((r) => r['QUERY PLAN']);
  log(
    `  its statement through bare pg: p50 ${pct(bare, 0.5).toFixed(2)} ms, p99 ${pct(bare, 0.99).toFixed(2)} ms; plan: ${lines
      .filter((l) => /Index|Scan|Execution/.test(l))
      .map((l) => l.trim().replace(/\s+\(cost=[^)]*\)/, ''))
      .join(' | ')}`,
  );

  // reminders through the outbox relay and the mail queue, with processors running. The backlog also
  // holds the backfill's worker notices (relayed first, being older) on their own queue.
  const count = async (sql) => (await pg.query(sql)).rows[0].n;
  const mails = await count('SELECT count(*)::int AS n FROM outgoing_mail WHERE sent_at IS NULL');
  const notices = await count('SELECT count(*)::int AS n FROM worker_notices WHERE sent_at IS NULL');
  t = performance.now();
  await context({ ...env, RUN_PROCESSORS: 'true' });
  // counted from the moment the app with its processors is up (its start, about a second, is not the pipeline's)
  const boot = (performance.now() - t) / 1000;
  log(`the app with its processors started in ${boot.toFixed(1)} s`);
  let mailsDone = null;
  let noticesDone = null;
  for (;;) {
    const now = (performance.now() - t) / 1000;
    if (mailsDone === null && (await count('SELECT count(*)::int AS n FROM outgoing_mail WHERE sent_at IS NULL')) === 0) mailsDone = now;
    if (noticesDone === null && (await count('SELECT count(*)::int AS n FROM worker_notices WHERE sent_at IS NULL')) === 0) noticesDone = now;
    if ((mailsDone !== null && noticesDone !== null) || now > 600) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const rate = (n, s) =>
    s === null ? 'not finished in 600 s' : `${n.toLocaleString('en-US')} in ${(s - boot).toFixed(1)} s = ${Math.round(n / (s - boot))}/s`;
  log(
    `reminders sent through the outbox relay and the mail queue: ` +
      `${rate(mails, mailsDone)} (goal ≥ 1,000/s), while the backfill's worker ` +
      `notices went through the outbox and the notice queue beside them: ${rate(notices, noticesDone)}`,
  );
  return 0;
}

await runBench(main, cleanups, log);
