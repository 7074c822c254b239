// `npm run bench [-- scenario-name ...]`: the compiled app against a bare node:http baseline, both
// in their own processes, under autocannon load from this one. See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { apiNodeFlags } from './lib/app-flags.mjs';
import { benchAppEnv } from './lib/app-env.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';
import { belowTarget, goals, table, verdict, writeJson } from './lib/report.mjs';
import { loadScenarios, selectScenarios } from './lib/scenarios.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const DIST = path.join(ROOT, 'dist');
const RESULTS = path.join(BENCH_DIR, 'results', 'latest.json');
process.chdir(ROOT); // the migrator reads prisma/migrations relative to the working directory

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

function intEnv(name, fallback, min = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw Object.assign(new Error(`${name} must be an integer ≥ ${min} (got ${raw})`), { usage: true });
  return n;
}

function readSettings() {
  return {
    duration: intEnv('BENCH_DURATION', 10),
    warmup: intEnv('BENCH_WARMUP', 2, 0),
    connections: intEnv('BENCH_CONNECTIONS', 10),
    rounds: intEnv('BENCH_ROUNDS', 1), // app, baseline, app, baseline…; the median round is reported
    pipelining: 1,
    logLevel: process.env.BENCH_LOG_LEVEL || 'info',
    embeddedPort: intEnv('BENCH_EMBEDDED_PG_PORT', 54331, 1024),
  };
}

let settings;
try {
  settings = readSettings();
} catch (e) {
  process.stdout.write(`[bench] ${e.message}\n`);
  process.exit(1);
}

const log = (m) => process.stdout.write(`[bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------- cleanup ---
const cleanups = []; // LIFO
const children = [];
let currentLoad; // the running autocannon instance, stopped on interruption
let cleaning;

function runCleanups() {
  cleaning ??= (async () => {
    currentLoad?.stop?.();
    while (cleanups.length) {
      const { label, fn } = cleanups.pop();
      try {
        await fn();
      } catch (e) {
        log(`cleanup "${label}" failed: ${e?.message ?? e}`);
      }
    }
  })();
  return cleaning;
}

let aborting = false;

async function abort(reason, code) {
  aborting = true;
  log(reason);
  await runCleanups();
  process.exit(code);
}

process.once('SIGINT', () => void abort('interrupted (SIGINT): cleaning up', 130));
process.once('SIGTERM', () => void abort('terminated (SIGTERM): cleaning up', 143));
process.on('exit', () => children.forEach((c) => c.killNow()));

// ------------------------------------------------------------------------------------- load ---
function toRequest(base, override = {}) {
  const merged = { ...base, ...override, headers: { ...base.headers, ...override.headers } };
  let body = merged.body;
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
    body = JSON.stringify(body);
    if (!Object.keys(merged.headers).some((h) => h.toLowerCase() === 'content-type')) merged.headers['content-type'] = 'application/json';
  }
  // `paths`: several request paths that every connection cycles through (then `path` is only a label)
  const paths = Array.isArray(merged.paths) && merged.paths.length ? [...merged.paths] : undefined;
  return { method: merged.method.toUpperCase(), path: merged.path, ...(paths && { paths }), headers: merged.headers, body };
}

/** The distinct requests a target is sent: one, or one per path of `paths`. */
const variants = (req) => (req.paths ?? [req.path]).map((p) => ({ ...req, path: p }));

/** Response times of 2xx answers in ms, at full resolution (autocannon's histogram keeps whole ms). */
class Latencies {
  constructor() {
    this.values = new Float64Array(1 << 16);
    this.n = 0;
  }
  add(ms) {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.n++] = ms;
  }
  summary() {
    const v = this.values.subarray(0, this.n).sort();
    const at = (q) => (this.n ? v[Math.min(this.n - 1, Math.floor(q * this.n))] : undefined);
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += v[i];
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: this.n ? sum / this.n : undefined };
  }
}

function runLoad(port, req, seconds, connections, latencies) {
  return new Promise((resolve, reject) => {
    currentLoad = autocannon(
      {
        url: `http://127.0.0.1:${port}${req.path}`,
        method: req.method,
        headers: req.headers,
        body: req.body,
        // several paths: each connection sends them in turn, round and round
        ...(req.paths && { requests: req.paths.map((p) => ({ method: req.method, path: p, headers: req.headers, body: req.body })) }),
        connections,
        pipelining: settings.pipelining,
        duration: seconds,
        timeout: 10,
      },
      (err, result) => {
        currentLoad = undefined;
        if (aborting) reject(new Error('interrupted'));
        else if (err) reject(err);
        else resolve(result);
      },
    );
    if (latencies) {
      currentLoad.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latencies.add(ms);
      });
    }
  });
}

async function check(port, req, expect = {}) {
  const res = await globalThis.fetch(`http://127.0.0.1:${port}${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: globalThis.AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const wantStatus = expect.status;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (wantStatus ? res.status !== wantStatus : res.status < 200 || res.status > 299) {
    throw new Error(`${req.method} ${req.path} answered ${res.status} (expected ${wantStatus ?? '2xx'}): ${text.slice(0, 300)}`);
  }
  if (expect.json !== undefined) {
    if (parsed === undefined) throw new Error(`${req.method} ${req.path} did not answer JSON: ${text.slice(0, 300)}`);
    if (!isDeepStrictEqual(parsed, expect.json))
      throw new Error(`${req.method} ${req.path} answered ${text.slice(0, 300)}, expected ${JSON.stringify(expect.json)}`);
  }
  return { text, json: parsed };
}

/** The first difference between two JSON values, as a path and both values (for `compare`). */
function firstDifference(a, b, at = '$') {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: app ${JSON.stringify(a)?.slice(0, 200)}, baseline ${JSON.stringify(b)?.slice(0, 200)}`;
}

/**
 * CPU time (µs) used so far by each PostgreSQL process on this machine, by pid (Linux /proc; the
 * bench's database is always on loopback), or undefined where /proc cannot tell. Other databases
 * on the same server count too: the figure is for an otherwise idle machine.
 */
function postgresCpuUs() {
  let dirs;
  try {
    dirs = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  const tick = 1e6 / 100; // USER_HZ is 100 on Linux
  const byPid = new Map();
  for (const d of dirs) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
    const fields = stat.slice(close + 2).split(' ');
    byPid.set(d, (Number(fields[11]) + Number(fields[12])) * tick); // utime, stime (fields 14 and 15 of the line)
  }
  return byPid;
}

/** CPU the PostgreSQL processes used between two snapshots (a process that exited meanwhile is not counted). */
function postgresCpuSpent(before, after) {
  if (!before || !after) return undefined;
  let sum = 0;
  for (const [pid, us] of after) sum += us - (before.get(pid) ?? 0);
  return sum;
}

async function measure(child, req, connections) {
  if (settings.warmup > 0) await runLoad(child.port, req, settings.warmup, connections);
  await sleep(300);
  const before = await child.request({ type: 'cpu' });
  const dbBefore = postgresCpuUs();
  const loadBefore = process.cpuUsage();
  const latencies = new Latencies();
  const r = await runLoad(child.port, req, settings.duration, connections, latencies);
  const lat = latencies.summary();
  const load = process.cpuUsage(loadBefore);
  const dbAfter = postgresCpuUs();
  const after = await child.request({ type: 'cpu' });
  const cpuUs = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
  const perRequest = (us) => (r.requests.total && Number.isFinite(us) ? us / r.requests.total : undefined);
  const failed = r.non2xx + r.errors + r.timeouts;
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: lat.p50,
    p90: lat.p90,
    p99: lat.p99,
    latencyMean: lat.mean,
    latencyMax: lat.max,
    autocannonLatencyWholeMs: { p50: r.latency.p50, p99: r.latency.p99, average: r.latency.average, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    failed,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    seconds: r.duration,
    cpuUsPerRequest: perRequest(cpuUs),
    /** PostgreSQL's CPU per request (all its processes; with a database at all), and the load generator's (this process). */
    dbCpuUsPerRequest: perRequest(postgresCpuSpent(dbBefore, dbAfter)),
    loadCpuUsPerRequest: perRequest(load.user + load.system),
    serverCpuShare: r.duration ? cpuUs / 1e6 / r.duration : undefined,
    serverRssMb: Math.round(after.rss / 1048576),
  };
}

/** The round with the median requests/s, with every round's requests/s alongside. */
function median(results) {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  const pick = sorted[Math.floor((sorted.length - 1) / 2)];
  return results.length > 1 ? { ...pick, roundsRps: results.map((r) => r.rps) } : pick;
}

// ------------------------------------------------------------------------------------- main ---
function loopbackOnly(name, url) {
  if (!url) return;
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`${name} must point at a loopback address for the bench (got ${host})`);
}

async function main() {
  const args = process.argv.slice(2);
  const all = await loadScenarios();
  if (args.includes('--list')) {
    for (const { scenario } of all) {
      const vs = scenario.baseline.appPath ? `vs app ${scenario.baseline.method ?? 'GET'} ${scenario.baseline.appPath}` : 'vs node:http';
      const goal =
        goals({ target: scenario.target, minRps: scenario.minRps, maxP99Ms: scenario.maxP99Ms })
          .map((g) => g.label)
          .join(', ') || 'no goal';
      const conns = `${scenario.connections ?? settings.connections} conn.`;
      log(
        `${scenario.name}\t${scenario.method} ` +
          `${scenario.path}${scenario.paths ? ` (+${scenario.paths.length - 1} paths)` : ''}\t${vs}\t${conns}\t${goal}\t${scenario.description ?? ''}`,
      );
    }
    return 0;
  }
  const selected = selectScenarios(
    all,
    args.filter((a) => !a.startsWith('-')),
  );
  if (!selected.length) throw new Error('no scenarios in bench/scenarios/');
  if (!fs.existsSync(path.join(DIST, 'bootstrap.js'))) throw new Error('dist/ is missing: run through `npm run bench` (it builds first)');
  loopbackOnly('REDIS_URL', process.env.REDIS_URL);

  // Everything below is bounded: a watchdog cleans up and exits if a step hangs.
  const setupBudget = selected.reduce((s, e) => s + (e.scenario.setupBudgetSeconds ?? 0), 0); // e.g. seeding
  const budgetMs = 240_000 + (selected.length * (2 * settings.rounds * (settings.warmup + settings.duration + 5) + 60) + setupBudget) * 1000;
  const watchdog = setTimeout(() => void abort(`watchdog: still running after ${Math.round(budgetMs / 1000)} s, giving up`, 2), budgetMs);
  cleanups.push({ label: 'watchdog', fn: () => clearTimeout(watchdog) });

  log(
    `${selected.length} scenario(s): ${selected.map((e) => e.scenario.name).join(', ')}; ` +
      `${settings.connections} connections (unless a scenario sets its own), ` +
      `${settings.warmup} s warm-up + ${settings.duration} s per ` +
      `target${settings.rounds > 1 ? ` × ${settings.rounds} rounds` : ''}; app LOG_LEVEL=${settings.logLevel}; ` +
      `${os.cpus().length} CPUs`,
  );

  const db = await prepareBenchDatabase({ distDir: DIST, databaseUrl: process.env.DATABASE_URL, embeddedPort: settings.embeddedPort, log });
  cleanups.push({ label: 'database', fn: db.cleanup });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omsk-bench-data-'));
  cleanups.push({ label: 'data dir', fn: () => fs.rmSync(dataDir, { recursive: true, force: true }) });

  // the app's own default (src/config/env.schema.ts) unless DB_POOL_MAX is given; the baseline
  // gets the same number
  const poolMax = String(require(path.join(DIST, 'config/env.schema.js')).envSchema.shape.DB_POOL_MAX.parse(process.env.DB_POOL_MAX || undefined));
  const appEnv = { ...benchAppEnv({ databaseUrl: db.url, dataDir, logLevel: settings.logLevel }), DB_POOL_MAX: poolMax };
  const childEnv = { ...process.env, NODE_ENV: 'production' };
  delete childEnv.DATABASE_URL;
  delete childEnv.REDIS_URL;

  const app = new ServerChild('app server', path.join(BENCH_DIR, 'app-server.mjs'), {
    cwd: ROOT,
    env: { ...childEnv, BENCH_APP_ENV: JSON.stringify(appEnv) },
    execArgv: [...apiNodeFlags(ROOT), ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)],
  });
  children.push(app);
  cleanups.push({ label: 'app server', fn: () => app.stop() });
  const baseline = new ServerChild('baseline server', path.join(BENCH_DIR, 'baseline-server.mjs'), {
    cwd: ROOT,
    env: { ...childEnv, BENCH_DATABASE_URL: db.url, BENCH_DB_POOL_MAX: poolMax },
  });
  children.push(baseline);
  cleanups.push({ label: 'baseline server', fn: () => baseline.stop() });
  await Promise.all([app.ready(120_000), baseline.ready(30_000)]);
  log(`app on 127.0.0.1:${app.port}, baseline on 127.0.0.1:${baseline.port}`);

  const entries = [];
  for (const { scenario } of selected) {
    // baseline.appPath: the comparison target is the app itself on that path, not node:http
    const appPath = scenario.baseline.appPath;
    const connections = scenario.connections ?? settings.connections;
    const entry = {
      name: scenario.name,
      method: scenario.method,
      path: scenario.path,
      ...(scenario.paths && { paths: scenario.paths }),
      connections,
      target: scenario.target,
      minRps: scenario.minRps,
      maxP99Ms: scenario.maxP99Ms,
      baselineKind: appPath ? 'app-path' : 'node:http',
      ...(appPath && { baselinePath: appPath, baselineLabel: `app ${appPath}` }),
    };
    entries.push(entry);
    try {
      const prepared =
        (await scenario.setup?.({
          appUrl: `http://127.0.0.1:${app.port}`,
          baselineUrl: `http://127.0.0.1:${baseline.port}`,
          databaseUrl: db.url,
          appEnv,
          log: (m) => log(`${scenario.name}: ${m}`),
        })) ?? {};
      const base = { method: scenario.method, path: scenario.path, paths: scenario.paths, headers: scenario.headers ?? {}, body: scenario.body };
      const shared = {
        ...(prepared.method && { method: prepared.method }),
        ...(prepared.path && { path: prepared.path }),
        ...(prepared.paths && { paths: prepared.paths }),
        headers: prepared.headers ?? {},
        ...('body' in prepared && { body: prepared.body }),
      };
      const appReq = toRequest(toRequest(base, shared), prepared.app);
      const againstApp = appPath ? { method: scenario.baseline.method ?? 'GET', path: appPath, paths: undefined, body: scenario.baseline.body } : {};
      const baselineReq = toRequest(toRequest(toRequest(base, shared), againstApp), prepared.baseline);
      const versus = appPath ? app : baseline; // the process that serves the comparison target
      if (!appPath) await baseline.request({ type: 'activate', name: scenario.name, state: prepared.state ?? {} });
      const appVariants = variants(appReq);
      const baselineVariants = variants(baselineReq);
      for (let i = 0; i < Math.max(appVariants.length, baselineVariants.length); i++) {
        const a = appVariants[i % appVariants.length];
        const b = baselineVariants[i % baselineVariants.length];
        const gotApp = await check(app.port, a, scenario.expect);
        const gotBaseline = await check(versus.port, b, appPath ? (scenario.baseline.expect ?? {}) : scenario.expect);
        // compare: the baseline must answer exactly what the app answers (same work, same result)
        if (scenario.compare) {
          const diff = firstDifference(gotApp.json ?? gotApp.text, gotBaseline.json ?? gotBaseline.text);
          if (diff) throw new Error(`${a.method} ${a.path}: the baseline's answer differs from the app's at ${diff}`);
        }
      }
      if (scenario.compare)
        log(`${scenario.name}: the baseline answers the app's body (${appVariants.length} request${appVariants.length > 1 ? 's' : ''} compared)`);

      const rounds = { app: [], baseline: [] };
      for (let i = 1; i <= settings.rounds; i++) {
        const of = settings.rounds > 1 ? ` (round ${i}/${settings.rounds})` : '';
        log(`${scenario.name}: app${of}, ${connections} connections…`);
        rounds.app.push(await measure(app, appReq, connections));
        log(`${scenario.name}: ${appPath ? `baseline = app ${baselineReq.method} ${appPath}` : 'baseline'}${of}…`);
        rounds.baseline.push(await measure(versus, baselineReq, connections));
      }
      entry.app = median(rounds.app);
      entry.baseline = median(rounds.baseline);
      entry.ratio = entry.baseline.rps > 0 ? entry.app.rps / entry.baseline.rps : undefined;
      entry.verdict = verdict(entry);
      if (app.exited) throw app.failure('died during the run');
    } catch (e) {
      entry.error = e?.stack ?? String(e);
      entry.verdict = 'ERROR';
      if (aborting) return new Promise(() => {}); // abort() cleans up and exits
      log(`${scenario.name} failed: ${e?.message ?? e}`);
      if (app.exited || baseline.exited) break;
    }
  }

  process.stdout.write(`\n${table(entries)}\n\n`);
  const report = {
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    settings: {
      ...settings,
      database: db.kind,
      redis: Boolean(process.env.REDIS_URL),
      dbPoolMax: Number(poolMax),
      rateLimitPerMinute: Number(appEnv.RATE_LIMIT_PER_MINUTE),
      authLoginRatePerMinute: Number(appEnv.AUTH_LOGIN_RATE_PER_MINUTE),
    },
    scenarios: entries,
  };
  writeJson(RESULTS, report);
  log(`results written to ${path.relative(ROOT, RESULTS)}`);

  const errored = entries.some((e) => e.error);
  const below = entries.some(belowTarget);
  if (errored) return 1;
  return below && process.env.BENCH_STRICT === '1' ? 3 : 0;
}

let code;
try {
  code = await main();
} catch (e) {
  log(`failed: ${e?.usage ? e.message : (e?.stack ?? e)}`);
  code = 1;
} finally {
  await runCleanups();
}
process.exit(code);
