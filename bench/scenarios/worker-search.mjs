// GET /api/v1/workers?q=<misspelled name> — fuzzy name search by a caseworker (STAFF) among
// 100,000 seeded workers (bench/lib/seed-workers.mjs, seeded once per run: by worker-by-id when it
// runs first, else here), 16 connections. Every connection cycles through misspellings in both
// scripts (QUERIES), each close to thousands of dossiers (a whole family name); the first page is
// the default 50 items, best first.
//
// The app: guards (JWT + user/session read), query validation, searchQuery() folding, then ONE
// statement from WorkersRepository.search() (src/workers/worker-search.ts): the query word matched
// against the lexicon of distinct name words (trigram index, word similarity >= 0.4), then, best
// match first, the dossiers holding each matched word in id order from worker_name_words' key, cut
// at LIMIT 51; the summary columns (names, birth date, case state, intermediary status, VALID
// PATENT/WORK_PERMIT documents for work authorisation) computed for those rows only, the score as the
// row's `key`; summaryView() + score.
//
// The baseline (node:http + pg, named prepared statements), per request:
//   1. the bearer token verified with jsonwebtoken and the user/session check of
//      AuthRepository.loadActor() (the app authenticates every request, so does the baseline);
//   2. q from the query string (2–100 characters, else 400), folded with searchQuery() from
//      dist/workers/transliteration.js — the app's own function;
//   3. the statement search() runs, rendered by the app's own searchStatement() from dist for the
//      STAFF scope and no filter (bench/lib/worker-dossier.mjs searchRanked(): same text, same
//      parameters, LIMIT 51 OFFSET 0), as one named prepared statement;
//   4. { items: 50 summaries with score rounded to 2 decimals, nextCursor } — the app's body,
//      compared once before the load (`compare`). No audit row: a list is not a dossier read.
// Goal: the app's p99 under 50 ms. The app/baseline throughput ratio is reported, not judged.
import { URLSearchParams } from 'node:url';
import { ensureWorkersSeeded, workersToSeed } from '../lib/seed-workers.mjs';
import { FULL_DOSSIER_ROLES, authenticate, initBaseline, searchRanked, staffBearer, summaryView, today } from '../lib/worker-dossier.mjs';

/** Misspellings of seeded family names (Холматов, Хамидов, Ахмедов, Юсупов, Рахимов, Қурбонов, Жумабеков, Ўроқов). */
export const QUERIES = ['Holmatof', 'Хамидоф', 'Axmedov', 'Юсупоф', 'Rahimof', 'Курбанов', 'Jumabekof', 'Урокоф'];

const DEFAULT_LIMIT = 50; // src/common/pagination/pagination.ts
const pathOf = (q) => `/api/v1/workers?q=${encodeURIComponent(q)}`;

export default {
  name: 'worker-search',
  description: 'GET /workers?q=<misspelled> as STAFF (100k dossiers, both scripts): trigram search, vs node:http + pg with the same query',
  method: 'GET',
  path: pathOf(QUERIES[0]),
  /** Each connection cycles through these. */
  paths: QUERIES.map(pathOf),
  connections: 16,
  maxP99Ms: 50,
  expect: { status: 200 },
  compare: true,
  setupBudgetSeconds: 60 + Math.ceil(workersToSeed() / 2000),
  async setup(ctx) {
    await ensureWorkersSeeded({ databaseUrl: ctx.databaseUrl, log: ctx.log });
    const { headers, state } = await staffBearer(ctx, 'bench-search');
    return { headers, state };
  },
  baseline: {
    init: initBaseline,
    async handler(req, res, ctx) {
      const actor = await authenticate(req, ctx);
      if (!actor) return ctx.sendJson(res, 401, { code: 'UNAUTHENTICATED' });
      if (!FULL_DOSSIER_ROLES.has(actor.role)) return ctx.sendJson(res, 403, { code: 'FORBIDDEN' });
      const q = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)).get('q');
      if (typeof q !== 'string' || q.length < 2 || q.length > 100) return ctx.sendJson(res, 400, { code: 'VALIDATION_FAILED' });
      const found = await searchRanked(ctx, ctx.state.searchQuery(q), DEFAULT_LIMIT + 1, 0);
      const day = today();
      const items = found.slice(0, DEFAULT_LIMIT).map((r) => ({ ...summaryView(r, day, ctx.state.workAuthorization), score: Math.round(r.key * 100) / 100 }));
      const nextCursor = found.length > DEFAULT_LIMIT ? Buffer.from(JSON.stringify([DEFAULT_LIMIT, 'rank'])).toString('base64url') : null;
      ctx.sendJson(res, 200, { items, nextCursor });
    },
  },
};
