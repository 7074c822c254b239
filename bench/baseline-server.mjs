// The baseline: bare node:http doing what a scenario needs and nothing else (no framework, no
// logging, no security headers). Serves one scenario at a time: the parent sends
// { type: 'activate', name, state } before measuring it. Database work goes through `pg` with
// named prepared statements (ctx.query). Reports { type: 'ready', port } over IPC.
import http from 'node:http';
import { createRequire } from 'node:module';
import { loadScenarios } from './lib/scenarios.mjs';

const require = createRequire(import.meta.url);

const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const POOL_MAX = Number(process.env.BENCH_DB_POOL_MAX ?? 10);

let pool;
function getPool() {
  if (!pool) {
    if (!DATABASE_URL) throw new Error('no BENCH_DATABASE_URL for the baseline');
    const { Pool } = require('pg');
    pool = new Pool({ connectionString: DATABASE_URL, max: POOL_MAX, keepAlive: true, application_name: 'omsk-bench-baseline' });
    pool.on('error', () => undefined);
  }
  return pool;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What a baseline handler gets as its third argument. */
function makeContext(state) {
  return {
    state,
    get pool() {
      return getPool();
    },
    /** A named prepared statement, the way the app's Prisma adapter is configured. */
    query: (name, text, values = []) => getPool().query({ name, text, values }),
    readBody,
    readJson: async (req) => {
      const raw = await readBody(req);
      return raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    },
    sendJson(res, status, value, headers = {}) {
      const body = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
    },
  };
}

const scenarios = new Map((await loadScenarios()).map(({ scenario }) => [scenario.name, scenario]));
let active; // { scenario, ctx }

const server = http.createServer((req, res) => {
  if (!active) {
    res.writeHead(503).end();
    return;
  }
  let result;
  try {
    result = active.scenario.baseline.handler(req, res, active.ctx);
  } catch (e) {
    result = Promise.reject(e);
  }
  if (result && typeof result.then === 'function') {
    result.catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e?.message ?? e));
    });
  }
});
server.keepAliveTimeout = 72_000; // like Fastify's default

async function stop(code = 0) {
  setTimeout(() => process.exit(code || 1), 5000).unref();
  server.closeAllConnections?.();
  await new Promise((r) => server.close(() => r()));
  await pool?.end().catch(() => undefined);
  process.exit(code);
}

process.on('disconnect', () => void stop(0));
process.on('message', async (m) => {
  if (m?.type === 'stop') return void stop(0);
  if (m?.type === 'cpu') return void process.send?.({ replyTo: m.id, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  if (m?.type === 'activate') {
    try {
      const scenario = scenarios.get(m.name);
      if (!scenario) throw new Error(`unknown scenario ${m.name}`);
      if (!scenario.baseline.handler) throw new Error(`scenario ${m.name} compares against the app (baseline.appPath): nothing to serve here`);
      const ctx = makeContext(m.state ?? {});
      await scenario.baseline.init?.(ctx);
      active = { scenario, ctx };
      process.send?.({ replyTo: m.id, ok: true });
    } catch (e) {
      process.send?.({ replyTo: m.id, error: e?.stack ?? String(e) });
    }
  }
});

server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port }));
