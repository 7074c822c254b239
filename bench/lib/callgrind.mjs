// Counting a server's instructions per health probe under valgrind's callgrind (bench:instructions,
// bench:floor --instructions): the server runs as `valgrind --tool=callgrind … node …` with
// instrumentation off, and each measured window turns it on for a fixed number of requests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

export const HEALTH_PATH = '/api/v1/health/live';

/** Exits with a message when valgrind is not installed. */
export function requireValgrind(log) {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    log('valgrind is not installed (Debian: apt-get install valgrind)');
    process.exit(1);
  }
}

/** valgrind's arguments before node's own: callgrind, one file per thread, counting off at start. */
export const underValgrind = (outPrefix) => ['--tool=callgrind', '--separate-threads=yes', '--instr-atstart=no', `--callgrind-out-file=${outPrefix}.%p`, process.execPath];

const load = (port, amount) =>
  new Promise((resolve, reject) =>
    autocannon({ url: `http://127.0.0.1:${port}${HEALTH_PATH}`, connections: 10, amount, timeout: 60 }, (err, result) =>
      err ? reject(err) : result.non2xx || result.errors ? reject(new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`)) : resolve(result),
    ),
  );

const control = (pid, ...args) => execFileSync('callgrind_control', [...args, String(pid)], { stdio: 'ignore' });

/**
 * Instructions of the main thread per request, for each measured window: `warmup` requests first
 * (V8 optimises the hot code), then `windows` windows of `window` requests, each counted alone.
 * `child` is a ServerChild started with `underValgrind(outPrefix)`.
 */
export async function instructionsPerRequest(child, outPrefix, { warmup, window, windows }) {
  await load(child.port, warmup);
  const perRequest = [];
  for (let w = 1; w <= windows; w++) {
    control(child.proc.pid, '-z');
    control(child.proc.pid, '-i', 'on');
    await load(child.port, window);
    control(child.proc.pid, '-i', 'off');
    control(child.proc.pid, '-d');
    // the dump of part w, thread 1 (the event loop)
    const file = `${outPrefix}.${child.proc.pid}.${w}-01`;
    for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    const totals = /^totals: (\d+)/m.exec(fs.readFileSync(file, 'utf8'));
    perRequest.push(Math.round(Number(totals[1]) / window));
  }
  return perRequest;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
