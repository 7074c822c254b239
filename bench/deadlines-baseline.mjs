// The floor of the caseworker's overdue list: bare node:http and `pg` doing what
// GET /deadlines?assignee=me&overdue=true cannot skip, and nothing else: the bearer token verified
// and the user and session read (bench/lib/worker-dossier.mjs authenticate, as the app's guard),
// the page in one statement (the same joins, order and limit as DeadlinesRepository.list), and
// the same JSON body. No framework, validation, logging or security headers. Configured by
// BENCH_DATABASE_URL and BENCH_JWT_SECRET; reports { type: 'ready', port } over IPC (serveChild).
import http from 'node:http';
import { createRequire } from 'node:module';
import { authenticate, initBaseline } from './lib/worker-dossier.mjs';
import { serveChild } from './lib/serve-child.mjs';
import { OVERDUE_SQL, overdueView } from './lib/overdue-list.mjs';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');

await serveChild(async () => {
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10, keepAlive: true });
  const ctx = { state: { jwtSecret: process.env.BENCH_JWT_SECRET }, query: (name, text, values) => pool.query({ name, text, values }) };
  initBaseline(ctx);
  const server = http.createServer(async (req, res) => {
    try {
      const actor = await authenticate(req, ctx);
      if (!actor) return void res.writeHead(401).end();
      const today = new Date().toISOString().slice(0, 10);
      const { rows } = await ctx.query('bench_overdue', OVERDUE_SQL, [actor.id, today]);
      const page = rows.slice(0, 50);
      const last = page[page.length - 1];
      const nextCursor = rows.length > 50 ? Buffer.from(JSON.stringify([last.due_date, last.id])).toString('base64url') : null;
      const body = JSON.stringify({ items: page.map(overdueView), nextCursor });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e?.message ?? e));
    }
  });
  server.keepAliveTimeout = 72_000;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await pool.end();
    },
  };
});
