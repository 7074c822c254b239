// GET /api/v1/workers/:id — one full dossier read by a caseworker (STAFF), among 100,000 seeded
// workers (bench/lib/seed-workers.mjs; BENCH_WORKERS overrides the count), 16 connections.
//
// The app: the global guards (JWT verify + user/session read, throttler, permission check), the
// UUID pipe, WorkersRepository.findById() — one statement on the pool (worker + intermediary status
// + placements + VALID PATENT/WORK_PERMIT documents) — one ACCESS row in audit_events (every
// full-dossier read is logged), fullView() with the work-authorisation rule, the ETag hook, pino
// request logging.
//
// The baseline (node:http + pg, named prepared statements, pool size = the app's DB_POOL_MAX), per
// request, in this order, as the app does it:
//   1. the bearer token verified with jsonwebtoken (HS256, KeyObject, issuer, expiry);
//   2. the user/session check: the SQL of AuthRepository.loadActor(), 401 if no row, full dossier
//      only for STAFF/ADMIN;
//   3. the id checked as a UUID (404 otherwise), then ONE statement for the dossier, the app's own
//      (bench/lib/worker-dossier.mjs DOSSIER_BY_ID_SQL, scope parameters NULL for STAFF): the worker
//      row (erased excluded), its intermediary's status, its placements and its VALID
//      PATENT/WORK_PERMIT documents as correlated subqueries; 404 if none;
//   4. INSERT INTO audit_events (kind ACCESS, actor id and role, action worker.read, entity
//      worker/<id>, a request id, the client ip) — autocommit, as AuditService.access();
//   5. the same JSON as the app (fullView, workAuthorization() from dist) with an ETag "<version>".
// Both answer the same body: the harness compares them once before the load (`compare`).
// Target: the app keeps at least 0.35 of the baseline's throughput.
import { ensureWorkersSeeded, workersToSeed } from '../lib/seed-workers.mjs';
import {
  AUDIT_ACCESS_SQL,
  DOSSIER_BY_ID_SQL,
  FULL_DOSSIER_ROLES,
  authenticate,
  dossierView,
  initBaseline,
  isUuid,
  staffBearer,
  today,
} from '../lib/worker-dossier.mjs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');

/** A typical dossier: arrived, on a patent that is still valid, recruited through an intermediary. */
const PICK_WORKER_SQL = `
  SELECT w.id, w.case_number FROM workers w
  WHERE w.erased_at IS NULL AND w.archived_at IS NULL AND w.intermediary_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM worker_documents d WHERE d.worker_id = w.id AND d.type = 'PATENT' AND d.status = 'VALID' AND d.paid_until >= current_date)
  ORDER BY w.case_number OFFSET $1 LIMIT 1`;

export default {
  name: 'worker-by-id',
  description: 'GET /workers/:id as STAFF (100k dossiers): auth + lookup + access-log row, vs node:http + pg doing the same',
  method: 'GET',
  path: '/api/v1/workers/00000000-0000-0000-0000-000000000000', // replaced in setup
  connections: 16,
  target: 0.35,
  expect: { status: 200 },
  /** The baseline must answer the app's body exactly (checked before the load). */
  compare: true,
  /** Extra watchdog time for seeding (≈ 14 s per 100,000 workers on 2 cores). */
  setupBudgetSeconds: 60 + Math.ceil(workersToSeed() / 2000),
  async setup(ctx) {
    const seeded = await ensureWorkersSeeded({ databaseUrl: ctx.databaseUrl, log: ctx.log });
    const client = new Client({ connectionString: ctx.databaseUrl, connectionTimeoutMillis: 10_000 });
    await client.connect();
    let worker;
    try {
      worker = (await client.query(PICK_WORKER_SQL, [Math.floor(seeded.workers / 40)])).rows[0] ?? (await client.query(PICK_WORKER_SQL, [0])).rows[0];
    } finally {
      await client.end().catch(() => undefined);
    }
    if (!worker) throw new Error('no seeded worker with a valid patent and an intermediary');
    ctx.log(`reading ${worker.case_number} (${worker.id})`);
    const { headers, state } = await staffBearer(ctx, 'bench-dossier');
    return { path: `/api/v1/workers/${worker.id}`, headers, state };
  },
  baseline: {
    init: initBaseline,
    async handler(req, res, ctx) {
      const actor = await authenticate(req, ctx);
      if (!actor) return ctx.sendJson(res, 401, { code: 'UNAUTHENTICATED' });
      if (!FULL_DOSSIER_ROLES.has(actor.role)) return ctx.sendJson(res, 403, { code: 'FORBIDDEN' });
      const id = req.url.slice(req.url.lastIndexOf('/') + 1);
      if (!isUuid(id)) return ctx.sendJson(res, 404, { code: 'WORKER_NOT_FOUND' });
      const { rows } = await ctx.query('bench_dossier_by_id', DOSSIER_BY_ID_SQL, [id, null, null]);
      if (!rows.length) return ctx.sendJson(res, 404, { code: 'WORKER_NOT_FOUND' });
      await ctx.query('bench_audit_access', AUDIT_ACCESS_SQL, [
        actor.id,
        actor.role,
        'worker.read',
        'worker',
        id,
        randomUUID(),
        req.socket.remoteAddress ?? null,
      ]);
      const view = dossierView(rows[0], today(), ctx.state.workAuthorization);
      ctx.sendJson(res, 200, view, { etag: `"${view.version}"` });
    },
  },
};
