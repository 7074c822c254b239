// `npm run bench:floor`: where the health probe's time goes, layer by layer. The same answer to
// GET /api/v1/health/live is served by a ladder of servers (bench/floor-server.mjs): node:http as
// the bench's baseline does, node:http sending the app's headers too, Fastify, Nest 12 on Fastify
// with and without those headers, and the application itself (every global layer). Each rung runs
// in its own process and is measured in turn, in rounds (the median round is reported); the table
// gives requests/s, the ratio to bare node:http, and the CPU each request cost the server and the
// load generator. `--instructions` counts instructions per request under callgrind instead, which
// does not move with the speed of the VM (bench/lib/callgrind.mjs). See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { apiNodeFlags } from './lib/app-flags.mjs';
import { benchAppEnv } from './lib/app-env.mjs';
import { HEALTH_PATH, instructionsPerRequest, median, requireValgrind, underValgrind } from './lib/callgrind.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';
import { STEPS } from './floor-server.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const DIST = path.join(ROOT, 'dist');
process.chdir(ROOT);
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const INSTRUCTIONS = process.argv.includes('--instructions');
const settings = {
  duration: Number(process.env.BENCH_DURATION ?? 4),
  warmup: Number(process.env.BENCH_WARMUP ?? 2),
  rounds: Number(process.env.BENCH_ROUNDS ?? 5),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
};
const WINDOWS = {
  warmup: Number(process.env.BENCH_IR_WARMUP ?? 20_000),
  window: Number(process.env.BENCH_IR_REQUESTS ?? 4_000),
  windows: Number(process.env.BENCH_IR_WINDOWS ?? 3),
};
const log = (m) => process.stdout.write(`[bench:floor] ${m}\n`);
if (INSTRUCTIONS) requireValgrind(log);
// a bounded run: nothing here may outlive a stuck server
setTimeout(() => {
  log('watchdog: the run took too long');
  process.exit(1);
}, 30 * 60_000).unref();

const runLoad = (port, seconds) =>
  new Promise((resolve, reject) =>
    autocannon({ url: `http://127.0.0.1:${port}${HEALTH_PATH}`, connections: settings.connections, duration: seconds, timeout: 10 }, (err, r) =>
      err ? reject(err) : r.non2xx || r.errors || r.timeouts ? reject(new Error(`${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`)) : resolve(r),
    ),
  );

/** One measured run of one rung: requests/s, and CPU per request of the server and of this process. */
async function measure(child) {
  if (settings.warmup > 0) await runLoad(child.port, settings.warmup);
  const before = await child.request({ type: 'cpu' });
  const loadBefore = process.cpuUsage();
  const r = await runLoad(child.port, settings.duration);
  const load = process.cpuUsage(loadBefore);
  const after = await child.request({ type: 'cpu' });
  const server = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
  const n = r.requests.total;
  return { rps: n / r.duration, serverUs: server / n, loadUs: (load.user + load.system) / n, bytes: r.throughput.total / n };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'omsk-bench-floor-'));
const rungs = [];
let db;
let code = 0;
try {
  db = await prepareBenchDatabase({ distDir: DIST, databaseUrl: process.env.DATABASE_URL, embeddedPort: 54333, log });
  const env = { ...process.env, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  // node:http as the bench's baseline runs (no flags); the framework rungs as the API runs
  const flags = apiNodeFlags(ROOT);
  const spawn = (name, modulePath, childEnv, nodeFlags) => {
    const out = path.join(work, name.replace(/\W+/g, '-'));
    const child = new ServerChild(name, modulePath, {
      cwd: ROOT,
      env: { ...env, ...childEnv },
      ...(INSTRUCTIONS ? { execPath: 'valgrind', execArgv: [...underValgrind(out), ...nodeFlags] } : { execArgv: nodeFlags }),
    });
    rungs.push({ name, child, out });
  };
  for (const name of Object.keys(STEPS)) {
    spawn(name, path.join(BENCH_DIR, 'floor-server.mjs'), { BENCH_FLOOR_STEP: name }, name.startsWith('node:http') ? [] : flags);
  }
  const appEnv = benchAppEnv({ databaseUrl: db.url, dataDir: work });
  spawn('app (every layer)', path.join(BENCH_DIR, 'app-server.mjs'), { BENCH_APP_ENV: JSON.stringify(appEnv) }, flags);
  log(`starting ${rungs.length} servers${INSTRUCTIONS ? ' under callgrind (a few minutes)' : ''}…`);
  await Promise.all(rungs.map((r) => r.child.ready(INSTRUCTIONS ? 600_000 : 60_000)));

  let lines;
  if (INSTRUCTIONS) {
    log(`${WINDOWS.warmup} warm-up requests, then ${WINDOWS.windows} windows of ${WINDOWS.window}, every server at once (each counts its own)…`);
    const counts = await Promise.all(rungs.map((r) => instructionsPerRequest(r.child, r.out, WINDOWS)));
    const base = median(counts[0]);
    lines = [
      `${'rung'.padEnd(22)} ${'instructions/request'.padStart(20)}  ${'node:http/rung'.padStart(14)}  windows`,
      ...rungs.map((r, i) => `${r.name.padEnd(22)} ${String(median(counts[i])).padStart(20)}  ${(base / median(counts[i])).toFixed(2).padStart(14)}  ${counts[i].join(', ')}`),
    ];
  } else {
    log(`${settings.warmup} s warm-up + ${settings.duration} s per rung × ${settings.rounds} rounds, ${settings.connections} connections`);
    const results = rungs.map(() => []);
    for (let round = 1; round <= settings.rounds; round++) {
      for (const [i, r] of rungs.entries()) {
        log(`round ${round}/${settings.rounds}: ${r.name}…`);
        results[i].push(await measure(r.child));
      }
    }
    // each rung against node:http of the same round, the median of the rounds' ratios; req/s and CPU
    // of the rung's median round
    const ratios = results.map((rs) => rs.map((m, round) => m.rps / results[0][round].rps));
    const pick = (i) => {
      const order = results[i].map((_, round) => round).sort((a, b) => results[i][a].rps - results[i][b].rps);
      return order[Math.floor((order.length - 1) / 2)];
    };
    const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
    lines = [
      `${'rung'.padEnd(22)} ${'req/s'.padStart(8)}  ${'rung/node:http'.padStart(14)}  ${'server µs/req'.padStart(13)}  ${'load µs/req'.padStart(11)}  ${'bytes/answer'.padStart(12)}  ratio per round`,
      ...rungs.map((r, i) => {
        const m = results[i][pick(i)];
        return `${r.name.padEnd(22)} ${fmt(m.rps).padStart(8)}  ${fmt(median(ratios[i]), 2).padStart(14)}  ${fmt(m.serverUs, 1).padStart(13)}  ${fmt(m.loadUs, 1).padStart(11)}  ${fmt(m.bytes).padStart(12)}  ${ratios[i].map((x) => fmt(x, 2)).join(', ')}`;
      }),
    ];
  }
  process.stdout.write(['', ...lines, ''].join('\n'));
} catch (e) {
  log(e?.stack ?? String(e));
  code = 1;
} finally {
  await Promise.all(rungs.map((r) => r.child.stop(20_000)));
  await db?.cleanup().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(code);
