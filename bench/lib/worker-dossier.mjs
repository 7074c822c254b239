// What the node:http baselines of worker-by-id and worker-search do, in plain SQL through `pg`
// named prepared statements (ctx.query), and the JSON they answer: the same body as the app's
// (worker.views.ts fullView), which the harness checks before the load (scenario `compare`).
//
// Each baseline request does the work the app cannot skip, and nothing else:
// - authentication as the app's global guard does it: the bearer token verified with
//   jsonwebtoken (HS256 with a KeyObject, issuer omsk-centre, expiry checked: what passport-jwt
//   calls), then the user/session check — the SQL of src/auth/auth.repository.ts loadActor();
// - the lookup, with the shape of src/workers/workers.repository.ts (see DOSSIER_SELECT);
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
 * The dossier as WorkersRepository reads it (include WITH_LINKS): the worker row, its
 * intermediary's status, and its VALID PATENT / WORK_PERMIT documents — in one statement
 * (a join and a correlated json_agg), where Prisma may use several. Dates come as ISO text.
 */
const DOSSIER_SELECT = `
  SELECT w.id, w.case_number, w.last_name_cyr, w.first_name_cyr, w.patronymic_cyr,
         w.last_name_lat, w.first_name_lat, w.patronymic_lat, w.birth_date::text AS birth_date,
         w.sex, w.citizenship, w.languages, w.phone, w.occupations, w.recruitment_channel,
         w.partner_agency_id, w.intermediary_id, w.caseworker_id, w.consent_given_on::text AS consent_given_on,
         w.consent_scope, w.arrival_date::text AS arrival_date, w.status, w.unannounced, w.archived_at,
         w.version, w.created_at, i.status AS intermediary_status,
         COALESCE((SELECT json_agg(json_build_object('type', d.type, 'status', d.status, 'issuedOn', d.issued_on,
                                                     'expiresOn', d.expires_on, 'paidUntil', d.paid_until))
                   FROM worker_documents d
                   WHERE d.worker_id = w.id AND d.status = 'VALID' AND d.type IN ('PATENT', 'WORK_PERMIT')), '[]') AS documents
  FROM workers w
  LEFT JOIN intermediaries i ON i.id = w.intermediary_id`;

/** findById() for a STAFF caller (scope: everything): one dossier, unless erased. */
export const DOSSIER_BY_ID_SQL = `${DOSSIER_SELECT} WHERE w.id = $1::uuid AND w.erased_at IS NULL`;

/** hydrate() of list(): the dossiers of the ranked ids (the order is restored in JS). */
export const DOSSIERS_BY_IDS_SQL = `${DOSSIER_SELECT} WHERE w.id = ANY($1::uuid[])`;

/**
 * WorkersRepository.list() with `search` for a STAFF caller and no other filter, as Prisma.sql
 * renders it (the same text, parameters numbered the same way, so the same plans): erased and
 * archived excluded, `true` for the unrestricted scope, trigram match on search_text, ranked.
 */
export const SEARCH_SQL = `
        SELECT w.id, GREATEST(similarity(w.search_text, $1), word_similarity($2, w.search_text))::float AS score
        FROM workers w
        WHERE w.erased_at IS NULL AND true AND w.archived_at IS NULL AND (w.search_text % $3 OR $4 <% w.search_text)
        ORDER BY score DESC, w.id
        LIMIT $5 OFFSET $6`;

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

/** The full dossier view (worker.views.ts fullView) of a DOSSIER_SELECT row. */
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
    workAuthorization: workAuthorization({ citizenship: row.citizenship, documents: row.documents, today }),
    unannounced: row.unannounced,
    archivedAt: row.archived_at ? row.archived_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export const today = () => new Date().toISOString().slice(0, 10);

/** A STAFF user's bearer token, and what the baseline needs to verify it. */
export async function staffBearer(ctx, emailName) {
  const user = await createUserWithPassword(ctx, { emailName, fullName: 'Bench Caseworker', role: 'STAFF' });
  const { accessToken } = await login(ctx.appUrl, user.email, user.password);
  return { headers: { authorization: `Bearer ${accessToken}` }, state: { jwtSecret: ctx.appEnv.JWT_SECRET } };
}
