// The management reports at scale (`npm run bench:reports`). Seeds, with set-based SQL
// (generate_series, no row built in JavaScript), BENCH_SCALE × (1,000,000 workers with their status
// histories, 200,000 labour requests, 500,000 placements, 100,000 complaints, 2,000,000 deadlines) over the years
// 2020–2026, then measures each summary's p50 and p99 through the API (the compiled app in its own
// process, one request at a time) and the same statements run directly with `pg` in the same run:
// goal ratio ≤ 1.5 and p99 < 500 ms. The statements are the ones the app runs: captured from the
// repository of an in-process app while it answers each summary once.
// DATABASE_URL: a scratch database on that server (else an embedded PostgreSQL). BENCH_KEEP_DB=name:
// that database instead, kept afterwards; seeded only when it has no seed yet (of the same scale),
// so that statements can be measured again without reseeding. BENCH_SCALE (default 1),
// BENCH_REPORT_SAMPLES (requests per summary and target, default 40), BENCH_REPORTS_ONLY (names of the
// summaries to measure, comma-separated: nothing else is measured). Last, a CSV export of
// BENCH_EXPORT_ROWS (default 1,000,000 × scale; 0: none) placements, seeded in a year of their own
// (2019, one labour request, so that no summary above sees them) and built by the app's export
// builder in a process of its own (the app without HTTP listening or processors): rows per second and that process's peak resident memory (goal < 300 MB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchAppEnv } from './lib/app-env.mjs';
import { adminToken } from './lib/app-client.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';
import { cleanupStack, runBench } from './lib/run-bench.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const DIST = path.join(ROOT, 'dist');
process.chdir(ROOT);
const require = createRequire(import.meta.url);
const { Pool } = require('pg');
const log = (m) => process.stdout.write(`[bench:reports] ${m}\n`);
const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (n) => n.toLocaleString('en-US');

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`BENCH_SCALE must be within (0, 1] (got ${process.env.BENCH_SCALE})`);
const SAMPLES = Number(process.env.BENCH_REPORT_SAMPLES ?? 40);
const n = (full) => Math.max(1, Math.round(full * SCALE));
const COUNTS = {
  workers: n(1_000_000),
  requests: n(200_000),
  placements: n(500_000),
  deadlines: n(2_000_000),
  complaints: n(100_000),
  employers: n(20_000),
  intermediaries: n(2_000),
  agencies: 40,
};
const KEEP_DB = process.env.BENCH_KEEP_DB || undefined;
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? n(1_000_000));
const EXPORT_YEAR = 2019;
const EXPORT_GOAL_RSS = 300 * 1024 * 1024;
const GOAL = { ratio: 1.5, p99Ms: 500 };

const cleanups = cleanupStack(log);

/**
 * The seed, one statement each. Triggers and foreign-key checks are off for the session
 * (session_replication_role = replica): the name-search tables are not needed here, and every id
 * referred to is one the seed made (md5 of the row's number). Check constraints still hold. Dates spread over 2020-01-01 …
 * 2026-11-30; hashes of the row number make the distributions repeatable.
 */
function seedStatements(c) {
  const h = (expr, mod) => `(abs(hashtext((${expr})::text)) % ${mod})`;
  // the ids of the n-th employer, agency and worker, known without reading the tables
  const id = (what, nth) => `md5('bench-${what}-' || (${nth}))::uuid`;
  const day = (expr) => `(date '2020-01-01' + ${h(expr, 2525)})`; // up to 2026-11-29
  // the i-th worker: its id, how it entered (0 candidate, 3 arrived), how far it got, when its dossier was opened
  const wid = id('worker', 'i');
  const plan = `LATERAL (SELECT e.entry, greatest(e.entry, ${h("'d' || i", 6)}) AS depth,
      ${day('i')}::timestamp + interval '6 hours' + ${h("'t' || i", 600)} * interval '1 minute' AS created
    FROM (SELECT CASE WHEN ${h("'a' || i", 10)} < 7 THEN 0 ELSE 3 END AS entry) e) p`;
  const STATUSES = `(ARRAY['CANDIDATE','SELECTED','IN_TRANSIT','ARRIVED','READY_TO_WORK','EMPLOYED']::"WorkerStatus"[])`;
  return [
    [
      'employers',
      `INSERT INTO employers (id, name, inn, sector, okved, verified, updated_at)
      SELECT ${id('employer', 'i')}, 'ООО Омск-' || i, '9' || lpad(i::text, 11, '0'), (enum_range(NULL::"Sector"))[1 + i % 7], '41.20', true, now()
      FROM generate_series(1, ${c.employers}) i`,
    ],
    [
      'partner agencies',
      `INSERT INTO partner_agencies (id, name, country, updated_at)
      SELECT ${id('agency', 'i')}, 'Агентство ' || i, (ARRAY['UZ','TJ','KG','KZ'])[1 + i % 4], now() FROM generate_series(1, ${c.agencies}) i`,
    ],
    // workers: 70 % through an agency (entering as candidates), the rest walk-ins (entering arrived);
    // each got `depth` steps along the pipeline (0 candidate … 5 placed), and is in that step's status
    [
      'workers',
      `INSERT INTO workers (id, case_number, last_name_cyr, first_name_cyr, last_name_lat, first_name_lat, search_text, birth_date, sex,
        citizenship, languages, occupations, recruitment_channel, partner_agency_id, status, unannounced, arrival_date, created_at, updated_at)
      SELECT ${wid}, 'BENCH-' || i, 'Каримов', 'Акмал', 'KARIMOV', 'AKMAL', 'каримов',
        date '1970-01-01' + ${h('i', 12000)}, 'MALE', (ARRAY['UZ','TJ','KG','KZ'])[1 + ${h("'c' || i", 4)}], '{}', '{}',
        CASE WHEN p.entry = 0 THEN 'PARTNER_AGENCY'::"RecruitmentChannel" ELSE 'WALK_IN' END,
        CASE WHEN p.entry = 0 THEN ${id('agency', `1 + ${h("'p' || i", c.agencies)}`)} END,
        ${STATUSES}[p.depth + 1], p.entry = 0 AND p.depth >= 3 AND ${h("'u' || i", 30)} = 0, CASE WHEN p.depth >= 3 THEN p.created::date END, p.created, now()
      FROM generate_series(1, ${c.workers}) i, ${plan}`,
    ],
    // their status histories: the entry event, then one transition a step, a few days apart
    [
      'worker_events',
      `INSERT INTO worker_events (id, worker_id, kind, occurred_at, from_status, to_status)
      SELECT gen_random_uuid(), ${wid}, CASE WHEN k = p.entry THEN 'CREATED'::"WorkerEventKind" ELSE 'TRANSITION' END,
        p.created + (k - p.entry) * interval '1 day' * (3 + ${h("'v' || i", 20)}), CASE WHEN k > p.entry THEN ${STATUSES}[k] END, ${STATUSES}[k + 1]
      FROM generate_series(1, ${c.workers}) i, ${plan}, generate_series(p.entry, p.depth) k`,
    ],
    // what the triggers on workers and worker_events keep for the pipeline report (off during the seed)
    ['worker_pipeline', `SELECT worker_pipeline_refresh(ARRAY(SELECT id FROM workers))`],
    [
      'quota allocations',
      `INSERT INTO quota_allocations (id, year, occupation_code, citizenship, "limit", created_at, updated_at)
      SELECT gen_random_uuid(), y, o, NULL, ${Math.max(10, Math.round(c.requests / 3))}, make_date(y - 1, 12, 1), now()
      FROM generate_series(2020, 2026) y, (SELECT NULL::text AS o UNION ALL (SELECT code FROM occupations ORDER BY code LIMIT 8)) oc`,
    ],
    // requests: every status; submitted on the first day of the period, decided a week later
    [
      'labour_requests',
      `INSERT INTO labour_requests (id, employer_id, occupation_code, workers_requested, preferred_citizenships, period_start, period_end,
        work_place, monthly_wage_rub, hours_per_week, status, approved_count, placed_count, submitted_at, decided_at, updated_at)
      SELECT gen_random_uuid(), ${id('employer', `1 + ${h("'e' || i", c.employers)}`)},
        (SELECT array_agg(code ORDER BY code) FROM occupations)[1 + ${h("'o' || i", 8)}], 1 + ${h("'n' || i", 20)},
        CASE ${h("'c' || i", 4)} WHEN 0 THEN ARRAY['UZ'] WHEN 1 THEN ARRAY['TJ'] WHEN 2 THEN ARRAY['KG'] ELSE ARRAY['UZ','TJ'] END,
        ${day("'s' || i")}, ${day("'s' || i")} + 200, 'Омск', 60000 + ${h("'w' || i", 30000)}, 40,
        st, CASE WHEN st IN ('DRAFT','SUBMITTED','REJECTED') THEN 0 ELSE 1 END, 0,
        CASE WHEN st <> 'DRAFT' THEN ${day("'s' || i")}::timestamp + interval '9 hours' END,
        CASE WHEN st NOT IN ('DRAFT','SUBMITTED') THEN ${day("'s' || i")}::timestamp + interval '7 days' END, now()
      FROM generate_series(1, ${c.requests}) i,
        LATERAL (SELECT (ARRAY['DRAFT','SUBMITTED','APPROVED','PARTIALLY_APPROVED','REJECTED','FILLED','CLOSED','WITHDRAWN'])
                          [1 + ${h("'t' || i", 8)}]::"LabourRequestStatus" AS st) s`,
    ],
    [
      'approved counts',
      `UPDATE labour_requests SET approved_count = greatest(1, workers_requested - ${h("'x' || id", 3)}),
        placed_count = least(greatest(1, workers_requested - ${h("'x' || id", 3)}), ${h("'y' || id", 4)})
      WHERE approved_count = 1`,
    ],
    // placements under the approved requests, each of another worker (one current placement a worker); a third ended (some early)
    [
      'placements',
      `WITH r AS (SELECT id, employer_id, period_start, period_end, row_number() OVER (ORDER BY id) AS rn FROM labour_requests WHERE approved_count > 0),
        g AS (SELECT i, 1 + abs(hashtext('r' || i)) % (SELECT count(*) FROM r) AS rn FROM generate_series(1, ${c.placements}) i)
      INSERT INTO placements (id, labour_request_id, employer_id, worker_id, start_date, end_date, status, monthly_wage_rub, hours_per_week,
                              created_at, updated_at)
      SELECT gen_random_uuid(), r.id, r.employer_id, ${id('worker', `1 + (i::bigint * 7919) % ${c.workers}`)}, r.period_start + 3,
        CASE st WHEN 'ENDED' THEN r.period_start + 3 + ${h("'d' || i", 250)} END, st, 55000 + ${h("'m' || i", 40000)}, 40,
        r.period_start::timestamp, now()
      FROM g JOIN r USING (rn)
        CROSS JOIN LATERAL (SELECT (ARRAY['ACTIVE','ENDED','ENDED','ACTIVE','CANCELLED','ACTIVE'])[1 + ${h("'s' || i", 6)}]::"PlacementStatus" AS st) s`,
    ],
    [
      'deadlines',
      `INSERT INTO deadlines (id, worker_id, employer_id, key, kind, due_date, status, source_type, source_id, completed_on, waive_reason, updated_at)
      SELECT gen_random_uuid(), ${id('worker', `1 + ${h("'w' || i", c.workers)}`)},
        CASE WHEN k IN ('CONTRACT_NOTIFICATION','CONTRACT_TERMINATION_NOTIFICATION') THEN ${id('employer', `1 + ${h("'e' || i", c.employers)}`)} END,
        'bench-' || i, k, ${day("'d' || i")}, st, 'worker', gen_random_uuid(),
        CASE WHEN st = 'DONE' THEN ${day("'d' || i")} + ${h("'c' || i", 9)} - 4 END, CASE WHEN st = 'WAIVED' THEN 'bench' END, now()
      FROM generate_series(1, ${c.deadlines}) i,
        LATERAL (SELECT (enum_range(NULL::"DeadlineKind"))[1 + ${h("'k' || i", 9)}] AS k,
                        (ARRAY['DONE','DONE','DONE','MISSED','WAIVED','OPEN'])[1 + ${h("'s' || i", 6)}]::"DeadlineStatus" AS st) s`,
    ],
    [
      'intermediaries',
      `INSERT INTO intermediaries (id, name, country, updated_at)
      SELECT ${id('intermediary', 'i')}, 'Посредник ' || i, (ARRAY['UZ','TJ','KG','KZ'])[1 + i % 4], now() FROM generate_series(1, ${c.intermediaries}) i`,
    ],
    // complaints: every category, severity, channel and status; half against an employer, a fifth against
    // an intermediary, a tenth naming a partner agency, a tenth anonymous (no worker); triaged within three
    // days, closed (RESOLVED with a finding, or DISMISSED) 3–62 days after receipt. The summary does not
    // decrypt: the narrative is a token of FieldCrypto's shape made of hashes.
    [
      'complaints',
      `INSERT INTO complaints (id, reference, category, severity, against, employer_id, intermediary_id, partner_agency_id, worker_id,
        channel, narrative_enc, language, anonymous, confidential, status, finding, received_at, triage_due_at, triaged_at, closed_at, created_at, updated_at)
      SELECT gen_random_uuid(), 'C-BENCH-' || i, (enum_range(NULL::"ComplaintCategory"))[1 + ${h("'cc' || i", 11)}],
        (enum_range(NULL::"ComplaintSeverity"))[1 + ${h("'cs' || i", 4)}], s.ag,
        CASE WHEN s.ag = 'EMPLOYER' THEN ${id('employer', `1 + ${h("'ce' || i", c.employers)}`)} END,
        CASE WHEN s.ag = 'INTERMEDIARY' THEN ${id('intermediary', `1 + ${h("'ci' || i", c.intermediaries)}`)} END,
        CASE WHEN ${h("'cp' || i", 10)} = 0 THEN ${id('agency', `1 + ${h("'ca' || i", c.agencies)}`)} END,
        CASE WHEN NOT s.anon THEN ${id('worker', `1 + ${h("'cw' || i", c.workers)}`)} END,
        (enum_range(NULL::"ComplaintChannel"))[1 + ${h("'ch' || i", 4)}],
        'v1.0badbe00.' || left(md5('iv' || i), 16) || '.' || left(md5('tag' || i), 22) || '.' || md5('n' || i) || md5('m' || i),
        'ru', s.anon, ${h("'cf' || i", 20)} = 0, s.st,
        CASE WHEN s.st = 'RESOLVED' THEN (enum_range(NULL::"ComplaintFinding"))[1 + ${h("'fi' || i", 3)}] END,
        s.rcv, s.rcv + interval '3 days',
        CASE WHEN s.st <> 'RECEIVED' THEN s.rcv + (1 + ${h("'tt' || i", 72)}) * interval '1 hour' END,
        CASE WHEN s.st IN ('RESOLVED', 'DISMISSED') THEN s.rcv + (3 + ${h("'tc' || i", 60)}) * interval '1 day' END, s.rcv, now()
      FROM generate_series(1, ${c.complaints}) i,
        LATERAL (SELECT (ARRAY['EMPLOYER','EMPLOYER','EMPLOYER','EMPLOYER','EMPLOYER','INTERMEDIARY','INTERMEDIARY','OFFICIAL','OTHER','OTHER'])
                          [1 + ${h("'ag' || i", 10)}]::"ComplaintAgainst" AS ag,
          (ARRAY['RECEIVED','TRIAGED','INVESTIGATING','REFERRED','RESOLVED','RESOLVED','RESOLVED','DISMISSED','DISMISSED'])
            [1 + ${h("'st' || i", 9)}]::"ComplaintStatus" AS st,
          ${h("'an' || i", 10)} = 0 AS anon,
          (${day("'cr' || i")}::timestamp + interval '8 hours' + ${h("'cm' || i", 600)} * interval '1 minute') AT TIME ZONE 'Asia/Omsk' AS rcv) s`,
    ],
    // the audit rows asOf reads: when requests were withdrawn or closed, when placements ended
    [
      'audit events',
      `INSERT INTO audit_events (occurred_at, kind, action, entity_type, entity_id, changes)
      SELECT decided_at + interval '60 days', 'CHANGE'::"AuditKind",
             CASE status WHEN 'WITHDRAWN' THEN 'labour_request.withdraw' ELSE 'labour_request.close' END,
        'labour_request', id::text, jsonb_build_object('status', jsonb_build_object('to', status))
      FROM labour_requests WHERE status IN ('WITHDRAWN', 'CLOSED')
      UNION ALL
      SELECT end_date::timestamp + interval '30 hours', 'CHANGE'::"AuditKind", 'placement.end', 'placement', id::text, jsonb_build_object('endDate', end_date)
      FROM placements WHERE status = 'ENDED'`,
    ],
  ];
}

async function seed(pool) {
  const client = await pool.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    for (const [what, sql] of seedStatements(COUNTS)) {
      const t = performance.now();
      const res = await client.query(sql);
      log(`seeded ${what}: ${fmt(res.rowCount ?? 0)} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await client.query(`SET session_replication_role = DEFAULT`);
    const t = performance.now();
    await client.query(
      'VACUUM (ANALYZE) workers, worker_events, worker_pipeline, labour_requests, placements, deadlines, audit_events, quota_allocations, employers, ' +
        'complaints, intermediaries',
    );
    log(`vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // what a kept database was seeded with (BENCH_KEEP_DB)
    await client.query(`CREATE TABLE bench_seed AS SELECT ${SCALE}::float8 AS scale, now() AS seeded_at`);
  } finally {
    client.release();
  }
}

/**
 * The placements the export lists: EXPORT_ROWS, all of one labour request whose period is
 * EXPORT_YEAR, ended (no worker has two current placements), a worker each in turn. Seeded once
 * (a kept database keeps them).
 */
async function seedExportRows(pool, rows) {
  const request = `md5('bench-export-request')::uuid`;
  const {
    rows: [have],
  } = await pool.query(`SELECT count(*)::int AS n FROM placements WHERE labour_request_id = ${request}`);
  if (have.n === rows) return;
  if (have.n > 0) throw new Error(`the export's placements are seeded with ${have.n} rows, not ${rows}: drop the database`);
  const client = await pool.connect();
  try {
    const t = performance.now();
    await client.query(`SET session_replication_role = replica`);
    await client.query(`INSERT INTO labour_requests (id, employer_id, occupation_code, workers_requested, preferred_citizenships, period_start, period_end,
        work_place, monthly_wage_rub, hours_per_week, status, approved_count, placed_count, submitted_at, decided_at, updated_at)
      SELECT ${request}, md5('bench-employer-1')::uuid, (SELECT min(code) FROM occupations), 10000, ARRAY['UZ'],
             make_date(${EXPORT_YEAR}, 1, 1), make_date(${EXPORT_YEAR}, 12, 31),
        'Омск', 70000, 40, 'FILLED', 10000, 10000, make_date(${EXPORT_YEAR - 1}, 12, 1), make_date(${EXPORT_YEAR - 1}, 12, 8), now()`);
    const res = await client.query(`INSERT INTO placements (id, labour_request_id, employer_id, worker_id, start_date, end_date, status, monthly_wage_rub,
                                                  hours_per_week, created_at, updated_at)
      SELECT gen_random_uuid(), ${request}, md5('bench-employer-1')::uuid, md5('bench-worker-' || (1 + (i - 1) % ${COUNTS.workers}))::uuid,
        make_date(${EXPORT_YEAR}, 1, 1) + i % 330, make_date(${EXPORT_YEAR}, 1, 1) + i % 330 + 30, 'ENDED', 55000 + i % 40000, 40,
        make_date(${EXPORT_YEAR}, 1, 1), now()
      FROM generate_series(1, ${rows}) i`);
    await client.query(`SET session_replication_role = DEFAULT`);
    await client.query('VACUUM (ANALYZE) placements, labour_requests');
    log(`seeded the export's placements: ${fmt(res.rowCount)} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    client.release();
  }
}

/** The export built in a child process; resolves with what bench/report-export-child.mjs prints. */
async function measureExport(env) {
  const { spawn } = await import('node:child_process');
  // BENCH_EXPORT_NODE_OPTIONS: e.g. --max-old-space-size=200, to see what the export needs when V8 may not let garbage pile up
  const flags = (process.env.BENCH_EXPORT_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--expose-gc', ...flags, path.join(BENCH_DIR, 'report-export-child.mjs')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_APP_ENV: JSON.stringify(env), BENCH_EXPORT_YEAR: String(EXPORT_YEAR) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const line = out
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{"rows"'));
  if (code !== 0 || !line) throw new Error(`the export child exited ${code}: ${out.slice(-500)}`);
  return JSON.parse(line);
}

/** The summaries measured: the API path and the service call that answers it in process (`s`: the reports service, `c`: the complaint summary's). */
const SUMMARIES = [
  ['quota-summary', 'quota-summary?year=2025', (s) => s.quotaSummary({ year: 2025 })],
  ['quota-summary per employer', 'quota-summary?year=2025&groupBy=employer', (s) => s.quotaSummary({ year: 2025, groupBy: 'employer' })],
  ['quota-summary per agency', 'quota-summary?year=2025&groupBy=partnerAgency', (s) => s.quotaSummary({ year: 2025, groupBy: 'partnerAgency' })],
  ['quota-summary asOf', 'quota-summary?year=2025&asOf=2025-09-30', (s) => s.quotaSummary({ year: 2025, asOf: '2025-09-30' })],
  ['wage-summary', 'wage-summary?year=2025', (s) => s.wageSummary({ year: 2025 })],
  ['deadline-compliance', 'deadline-compliance?year=2025', (s) => s.deadlineCompliance({ year: 2025 })],
  ['complaint-summary', 'complaint-summary?year=2025', (s, c) => c.summary({ year: 2025 })],
  ['complaint-summary per employer', 'complaint-summary?year=2025&groupBy=employer', (s, c) => c.summary({ year: 2025, groupBy: 'employer' })],
  ['pipeline', 'pipeline?year=2025', (s) => s.pipeline({ year: 2025 })],
  ['pipeline per agency', 'pipeline?year=2025&groupBy=partnerAgency', (s) => s.pipeline({ year: 2025, groupBy: 'partnerAgency' })],
  ['pipeline asOf', 'pipeline?year=2025&groupBy=citizenship&asOf=2025-09-30', (s) => s.pipeline({ year: 2025, groupBy: 'citizenship', asOf: '2025-09-30' })],
];
const ONLY = process.env.BENCH_REPORTS_ONLY?.split(',').map((x) => x.trim());

/**
 * The statements a summary runs, in the order it runs them: the in-process app's repository answers
 * it once while its Prisma client's $queryRaw records what it is given. Statements started together
 * (Promise.all) are grouped, so that the direct run starts them together too.
 */
async function captureStatements(app, call) {
  const { Prisma } = require(path.join(DIST, 'generated/prisma/client.js'));
  const { PrismaService } = require(path.join(DIST, 'infra/database/prisma.service.js'));
  const { ReportsService } = require(path.join(DIST, 'reports/reports.service.js'));
  const { ComplaintSummaryService } = require(path.join(DIST, 'reports/complaint-summary.service.js'));
  const prisma = app.get(PrismaService, { strict: false });
  const original = prisma.$queryRaw;
  const waves = [];
  let wave = null;
  prisma.$queryRaw = function (first, ...values) {
    const sql = Array.isArray(first) && 'raw' in first ? Prisma.sql(first, ...values) : first;
    if (!wave) {
      wave = [];
      waves.push(wave);
      globalThis.queueMicrotask(() => (wave = null));
    }
    wave.push({ text: sql.text, values: sql.values });
    return original.call(this, sql);
  };
  try {
    await call(app.get(ReportsService, { strict: false }), app.get(ComplaintSummaryService, { strict: false }));
  } finally {
    prisma.$queryRaw = original;
  }
  return waves;
}

/**
 * `samples` timings of each of `a` and `b`, taken in turns (after three warm-ups each) so that the
 * noise of a shared machine falls on both alike; each list sorted.
 */
async function timeBoth(samples, a, b) {
  for (let i = 0; i < 3; i++) await a().then(b);
  const times = [[], []];
  for (let i = 0; i < samples; i++) {
    for (const [j, fn] of i % 2
      ? [
          [1, b],
          [0, a],
        ]
      : [
          [0, a],
          [1, b],
        ]) {
      const t = performance.now();
      await fn();
      times[j].push(performance.now() - t);
    }
  }
  return times.map((ts) => ts.sort((x, y) => x - y));
}

async function main() {
  log(
    `scale ${SCALE}: ${Object.entries(COUNTS)
      .map(([k, v]) => `${fmt(v)} ${k}`)
      .join(', ')}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const db = await prepareBenchDatabase({
    distDir: DIST,
    databaseUrl: process.env.DATABASE_URL,
    embeddedPort: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54334),
    log,
    keep: KEEP_DB,
  });
  cleanups.push(db.cleanup);
  // the session as the app's (src/infra/database/prisma.service.ts createPool: no JIT)
  const pool = new Pool({ connectionString: db.url, max: 4, options: '-c jit=off' });
  pool.on('error', () => undefined); // idle clients cut off when the scratch database is dropped
  cleanups.push(() => pool.end());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...benchAppEnv({ databaseUrl: db.url, dataDir, logLevel: 'warn' }), RUN_PROCESSORS: 'false' };

  // reference data (occupations and the rest) as a start seeds it, from an in-process app
  require('reflect-metadata');
  const { createHttpApp } = require(path.join(DIST, 'bootstrap.js'));
  const { loadConfig } = require(path.join(DIST, 'config/config.js'));
  const app = await createHttpApp(loadConfig(env));
  await app.init();
  cleanups.push(() => app.close());
  const seeded = db.created
    ? null
    : await pool.query('SELECT scale, seeded_at FROM bench_seed').then(
        (r) => r.rows[0],
        () => null,
      );
  if (seeded) {
    if (seeded.scale !== SCALE) throw new Error(`kept database ${db.name} was seeded at scale ${seeded.scale}, not ${SCALE}: drop it or use another name`);
    log(`kept database ${db.name} already seeded (${seeded.seeded_at.toISOString()}): not seeding`);
  } else {
    if (!db.created) {
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM workers');
      if (rows[0].n > 0) throw new Error(`kept database ${db.name} holds a partial seed: drop it and start again`);
    }
    const { seedReferenceData } = require(path.join(DIST, 'reference/reference.seed.js'));
    await seedReferenceData(app);
    await seed(pool);
  }

  const server = new ServerChild('app', path.join(BENCH_DIR, 'app-server.mjs'), { cwd: ROOT, env: { ...process.env, BENCH_APP_ENV: JSON.stringify(env) } });
  process.on('exit', () => server.killNow());
  cleanups.push(() => server.stop());
  const appUrl = `http://127.0.0.1:${await server.ready(120_000)}`;
  const token = await adminToken({ appUrl, appEnv: env, log });

  const results = [];
  for (const [name, apiPath, call] of SUMMARIES.filter(([name]) => !ONLY || ONLY.includes(name))) {
    const waves = await captureStatements(app, call);
    const [viaApi, direct] = await timeBoth(
      SAMPLES,
      async () => {
        const res = await globalThis.fetch(`${appUrl}/api/v1/reports/${apiPath}`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${apiPath} answered ${res.status}: ${body.slice(0, 300)}`);
      },
      async () => {
        for (const w of waves) await Promise.all(w.map((q) => pool.query(q.text, q.values)));
      },
    );
    const r = {
      summary: name,
      statements: waves.flat().length,
      apiP50: pct(viaApi, 0.5),
      apiP99: pct(viaApi, 0.99),
      sqlP50: pct(direct, 0.5),
      sqlP99: pct(direct, 0.99),
    };
    r.ratioP50 = r.apiP50 / r.sqlP50;
    r.pass = r.ratioP50 <= GOAL.ratio && r.apiP99 < GOAL.p99Ms;
    results.push(r);
    log(
      `${name.padEnd(28)} API p50 ${r.apiP50.toFixed(1)} ms p99 ${r.apiP99.toFixed(1)} ms | pg p50 ${r.sqlP50.toFixed(1)} ms p99 ${r.sqlP99.toFixed(1)} ms ` +
        `(${r.statements} statement${r.statements > 1 ? 's' : ''}) | ratio ${r.ratioP50.toFixed(2)} | ${r.pass ? 'PASS' : 'MISSED'}`,
    );
  }
  // the charts, for the record (not a goal)
  for (const chart of ONLY ? [] : ['quota-summary?year=2025', 'pipeline?year=2025']) {
    const svg = async () => {
      const res = await globalThis.fetch(`${appUrl}/api/v1/reports/${chart}`, { headers: { authorization: `Bearer ${token}`, accept: 'image/svg+xml' } });
      await res.text();
      if (res.status !== 200) throw new Error(`${chart} as SVG answered ${res.status}`);
    };
    const [times] = await timeBoth(Math.min(SAMPLES, 20), svg, async () => undefined);
    log(`${`${chart} (SVG)`.padEnd(28)} p50 ${pct(times, 0.5).toFixed(1)} ms p99 ${pct(times, 0.99).toFixed(1)} ms`);
  }
  let exported = null;
  if (!ONLY && EXPORT_ROWS > 0) {
    await seedExportRows(pool, EXPORT_ROWS);
    const x = await measureExport(env);
    const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    exported = { ...x, rowsPerSecond: x.rows / x.seconds, pass: x.status === 'DONE' && x.rows === EXPORT_ROWS && x.rssPeak < EXPORT_GOAL_RSS };
    log(
      `CSV export of ${fmt(x.rows)} placements: ${x.status} in ${x.seconds.toFixed(1)} s, ${fmt(Math.round(exported.rowsPerSecond))} rows/s, ` +
        `${mb(x.fileBytes ?? 0)} file; resident memory ${mb(x.rssBefore)} before, ${mb(x.rssPeak)} at peak while it ran (+${mb(x.rssPeak - x.rssBefore)}) ` +
        `(${mb(x.maxRss)} at most since the process started; V8 heap at most ${mb(x.heapPeak)}, buffers ${mb(x.externalPeak)}) | ` +
        `${exported.pass ? 'PASS' : 'MISSED'}`,
    );
  }
  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(BENCH_DIR, 'results', 'reports.json'),
    JSON.stringify(
      { at: new Date().toISOString(), loadAverage: os.loadavg(), scale: SCALE, counts: COUNTS, samples: SAMPLES, results, export: exported },
      null,
      2,
    ),
  );
  return 0;
}

await runBench(main, cleanups, log);
