// What the node:http baselines of worker-by-id and worker-search do, in plain SQL through `pg`
// named prepared statements (ctx.query), and the JSON they answer: the same body as the app's
// (worker.views.ts fullView for a dossier, summaryView for a search page), which the harness checks before the load (scenario `compare`).
//
// Each baseline request does the work the app cannot skip, and nothing else:
// - authentication as the app's global guard does it: the bearer token verified with jsonwebtoken
//   at every request (HS256 with a KeyObject, issuer omsk-centre, expiry checked: passport-jwt in
//   JwtStrategy), then the user/session check — the SQL of src/auth/auth.repository.ts loadActor();
// - the lookup: the statements of src/workers/workers.repository.ts, their text taken from dist;
// - the JSON view, with workAuthorization() from dist/workers/work-authorization.rules.js (the
//   app's own rule; it is a pure function, and a different one would answer something else).
// No framework, no validation library, no logging, no security headers, no rate limiting.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUserWithPassword, login } from './app-client.mjs';

const require = createRequire(import.meta.url);
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s) => typeof s === 'string' && UUID.test(s);

/** As src/auth/auth.repository.ts loadActor(): the user, active, with a live session, and its agencies. */
export const LOAD_ACTOR_SQL = `
  SELECT u.id, u.role, u.employer_id,
         COALESCE(array_agg(ua.agency_id::text) FILTER (WHERE ua.agency_id IS NOT NULL), '{}') AS agency_ids
  FROM users u
  LEFT JOIN user_agencies ua ON ua.user_id = u.id
  WHERE u.id = $1::uuid AND u.active
    AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2::uuid AND r.user_id = u.id AND r.revoked_at IS NULL)
  GROUP BY u.id`;

/**
 * The dossier as WorkersRepository reads it outside a transaction: the worker row, its intermediary's
 * status, its placements and its VALID PATENT / WORK_PERMIT documents in one statement — the app's
 * own SQL text (dist/workers/workers.repository.js), so both do exactly the same lookup.
 */
const { DOSSIER_BY_ID_SQL: APP_DOSSIER_BY_ID_SQL, searchStatement } = require(path.join(DIST, 'workers/workers.repository.js'));
const { statementName } = require(path.join(DIST, 'infra/database/statement-name.js'));

/** findById() for a STAFF caller: scope parameters $2 (employer) and $3 (agencies) are NULL. */
export const DOSSIER_BY_ID_SQL = APP_DOSSIER_BY_ID_SQL;

/**
 * WorkersRepository.search() for a STAFF caller and no other filter: the statement the app's own
 * searchStatement() (dist) renders — the same text and parameters, so the same plan — run as the app
 * runs it, one named prepared statement on the pool: the query words matched against the name-word
 * lexicon, the dossiers of the best matches read in id order, the dossier columns computed for the
 * page's rows only (days and instants as ISO text). Rows come best first, at most `take`.
 */
export async function searchRanked(ctx, folded, take, offset) {
  const statement = searchStatement({}, {}, folded, take, offset, 'summary');
  if (!statement) return [];
  const name = statementName('bench_worker_search_', statement.text);
  const { rows } = await ctx.query(name, statement.text, statement.values);
  return rows;
}

/** As AuditService.access() → AuditRepository.insert(): one ACCESS row per full-dossier read. */
export const AUDIT_ACCESS_SQL = `
  INSERT INTO audit_events (kind, actor_id, actor_role, action, entity_type, entity_id, request_id, ip)
  VALUES ('ACCESS', $1::uuid, $2, $3, $4, $5, $6, $7)`;

/** In the baseline process: the app's JWT key, its pure rules, jsonwebtoken. */
export function initBaseline(ctx) {
  const jwt = require('jsonwebtoken');
  const key = createSecretKey(Buffer.from(ctx.state.jwtSecret, 'utf8'));
  ctx.state.verifyToken = (token) => jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'omsk-centre' });
  ctx.state.workAuthorization = require(path.join(DIST, 'workers/work-authorization.rules.js')).workAuthorization;
  ctx.state.searchQuery = require(path.join(DIST, 'workers/transliteration.js')).searchQuery;
}

/** The caller behind the bearer token, or null (the handler answers 401). */
export async function authenticate(req, ctx) {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return null;
  let claims;
  try {
    claims = ctx.state.verifyToken(header.slice(7));
  } catch {
    return null;
  }
  if (!isUuid(claims?.sub) || !isUuid(claims?.sid)) return null;
  const { rows } = await ctx.query('bench_load_actor', LOAD_ACTOR_SQL, [claims.sub, claims.sid]);
  const row = rows[0];
  return row ? { id: row.id, role: row.role, employerId: row.employer_id, agencyIds: row.agency_ids } : null;
}

/** Who gets the full dossier in these scenarios (the app: roleHas(role, WorkerReadSensitive)). */
export const FULL_DOSSIER_ROLES = new Set(['STAFF', 'ADMIN']);

/** An instant as the views print it: DOSSIER_COLUMNS give Dates, the search page ISO 8601 text already. */
const iso = (d) => (typeof d === 'string' ? d : d.toISOString());

/** The full dossier view (worker.views.ts fullView) of a row with DOSSIER_COLUMNS. */
export function dossierView(row, today, workAuthorization) {
  return {
    id: row.id,
    caseNumber: row.case_number,
    lastNameCyr: row.last_name_cyr,
    firstNameCyr: row.first_name_cyr,
    lastNameLat: row.last_name_lat,
    firstNameLat: row.first_name_lat,
    citizenship: row.citizenship,
    occupations: row.occupations,
    placements: row.placements ?? [],
    patronymicCyr: row.patronymic_cyr,
    patronymicLat: row.patronymic_lat,
    birthDate: row.birth_date,
    sex: row.sex,
    languages: row.languages,
    phone: row.phone,
    recruitmentChannel: row.recruitment_channel,
    partnerAgencyId: row.partner_agency_id,
    intermediaryId: row.intermediary_id,
    intermediaryBlacklisted: row.intermediary_status === 'BLACKLISTED',
    caseworkerId: row.caseworker_id,
    consentGivenOn: row.consent_given_on,
    consentScope: row.consent_scope,
    arrivalDate: row.arrival_date,
    status: row.status,
    workAuthorization: workAuthorization({ citizenship: row.citizenship, documents: row.documents ?? [], today }),
    unannounced: row.unannounced,
    archivedAt: row.archived_at === null ? null : iso(row.archived_at),
    version: row.version,
    createdAt: iso(row.created_at),
  };
}

/** A list summary (worker.views.ts summaryView) of a search page row. */
export function summaryView(row, today, workAuthorization) {
  return {
    id: row.id,
    caseNumber: row.case_number,
    lastNameCyr: row.last_name_cyr,
    firstNameCyr: row.first_name_cyr,
    patronymicCyr: row.patronymic_cyr,
    lastNameLat: row.last_name_lat,
    firstNameLat: row.first_name_lat,
    patronymicLat: row.patronymic_lat,
    birthDate: row.birth_date,
    citizenship: row.citizenship,
    occupations: row.occupations,
    status: row.status,
    workAuthorization: workAuthorization({ citizenship: row.citizenship, documents: row.documents ?? [], today }),
    intermediaryBlacklisted: row.intermediary_status === 'BLACKLISTED',
    unannounced: row.unannounced,
    archivedAt: row.archived_at,
  };
}

export const today = () => new Date().toISOString().slice(0, 10);

/** A STAFF user's bearer token, and what the baseline needs to verify it. */
export async function staffBearer(ctx, emailName) {
  const user = await createUserWithPassword(ctx, { emailName, fullName: 'Bench Caseworker', role: 'STAFF' });
  const { accessToken } = await login(ctx.appUrl, user.email, user.password);
  return { headers: { authorization: `Bearer ${accessToken}` }, state: { jwtSecret: ctx.appEnv.JWT_SECRET } };
}
