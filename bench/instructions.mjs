// `npm run bench:instructions`: the health-live scenario counted in CPU instructions instead of
// seconds. The app and the node:http baseline each run under valgrind's callgrind, which counts
// the instructions their main thread executes (user space: the kernel's share of a socket write is
// not counted) for a fixed number of requests, after a warm-up that lets V8 optimise the hot code.
// Unlike requests per second, the count does not move with the speed of a shared virtual machine,
// so two versions of the code can be compared run to run (within ±5 %: garbage collections and
// the JIT's background compiles land in one window or another). See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiNodeFlags } from './lib/app-flags.mjs';
import { benchAppEnv } from './lib/app-env.mjs';
import { instructionsPerRequest, median, requireValgrind, underValgrind } from './lib/callgrind.mjs';
import { ServerChild } from './lib/child.mjs';
import { prepareBenchDatabase } from './lib/database.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const DIST = path.join(ROOT, 'dist');
process.chdir(ROOT);

const WINDOWS = {
  warmup: Number(process.env.BENCH_IR_WARMUP ?? 20_000),
  window: Number(process.env.BENCH_IR_REQUESTS ?? 4_000),
  windows: Number(process.env.BENCH_IR_WINDOWS ?? 3),
};
const log = (m) => process.stdout.write(`[bench:instructions] ${m}\n`);
requireValgrind(log);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'omsk-bench-ir-'));
const children = [];
let db;
let code = 0;
try {
  db = await prepareBenchDatabase({ distDir: DIST, databaseUrl: process.env.DATABASE_URL, embeddedPort: 54332, log });
  const env = { ...process.env, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  const appEnv = benchAppEnv({ databaseUrl: db.url, dataDir: work });
  const app = new ServerChild('app server', path.join(BENCH_DIR, 'app-server.mjs'), {
    cwd: ROOT,
    env: { ...env, BENCH_APP_ENV: JSON.stringify(appEnv) },
    execPath: 'valgrind',
    execArgv: [...underValgrind(path.join(work, 'app')), ...apiNodeFlags(ROOT)],
  });
  const baseline = new ServerChild('baseline server', path.join(BENCH_DIR, 'baseline-server.mjs'), {
    cwd: ROOT,
    env: { ...env, BENCH_DATABASE_URL: db.url },
    execPath: 'valgrind',
    execArgv: underValgrind(path.join(work, 'baseline')),
  });
  children.push(app, baseline);
  log('starting the app and the baseline under callgrind (a minute or two)…');
  await Promise.all([app.ready(600_000), baseline.ready(300_000)]);
  await baseline.request({ type: 'activate', name: 'health-live', state: {} }, 120_000);
  log(`${WINDOWS.warmup} warm-up requests, then ${WINDOWS.windows} windows of ${WINDOWS.window}, both servers at once (each counts its own)…`);
  const [appIr, baseIr] = await Promise.all([
    instructionsPerRequest(app, path.join(work, 'app'), WINDOWS),
    instructionsPerRequest(baseline, path.join(work, 'baseline'), WINDOWS),
  ]);
  const a = median(appIr);
  const b = median(baseIr);
  process.stdout.write(
    [
      '',
      `scenario     target    instructions/request (main thread)   windows`,
      `health-live  app       ${String(a).padStart(10)}                           ${appIr.join(', ')}`,
      `             baseline  ${String(b).padStart(10)}                           ${baseIr.join(', ')}`,
      `baseline/app instructions: ${(b / a).toFixed(2)}`,
      '',
    ].join('\n'),
  );
} catch (e) {
  log(e?.stack ?? String(e));
  code = 1;
} finally {
  await Promise.all(children.map((c) => c.stop(20_000)));
  await db?.cleanup().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(code);
