// Scenario setup through the application's own API (fetch on loopback): the bootstrap
// administrator's token, and users created the way an administrator creates them (a one-time
// password setup token, then POST /auth/password-reset). Every call has a timeout.
import { randomBytes } from 'node:crypto';

const API = '/api/v1';
const TIMEOUT_MS = 15_000;

/** One JSON request to the app; throws unless it answers `expectStatus`. Resolves with the parsed body (or undefined). */
export async function api(appUrl, method, path, { token, body, expectStatus = 200 } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await globalThis.fetch(`${appUrl}${API}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: globalThis.AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (res.status !== expectStatus) throw new Error(`${method} ${API}${path} answered ${res.status} (expected ${expectStatus}): ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** POST /auth/login; resolves with the token pair. */
export function login(appUrl, email, password) {
  return api(appUrl, 'POST', '/auth/login', { body: { email, password } });
}

/** An access token for the administrator the app bootstraps from BOOTSTRAP_ADMIN_EMAIL / _PASSWORD. */
export async function adminToken(ctx) {
  const { accessToken } = await login(ctx.appUrl, ctx.appEnv.BOOTSTRAP_ADMIN_EMAIL, ctx.appEnv.BOOTSTRAP_ADMIN_PASSWORD);
  return accessToken;
}

/** A password the app accepts: ≥ 12 characters, hard to guess, nothing of the user's e-mail or name ("bench"). */
export function benchPassword() {
  return `Kestrel-${randomBytes(12).toString('base64url')}`;
}

/**
 * Creates a user as the administrator (POST /users → passwordSetup.token) and sets its password
 * with POST /auth/password-reset. Resolves with { id, email, password, role }.
 */
export async function createUserWithPassword(ctx, { emailName = 'bench-user', fullName = 'Bench User', role = 'STAFF', password = benchPassword() } = {}) {
  const email = `${emailName}-${randomBytes(4).toString('hex')}@bench.example`;
  const token = await adminToken(ctx);
  const created = await api(ctx.appUrl, 'POST', '/users', { token, body: { email, fullName, role }, expectStatus: 201 });
  const setupToken = created?.passwordSetup?.token;
  if (typeof setupToken !== 'string') throw new Error(`POST ${API}/users answered no passwordSetup.token: ${JSON.stringify(created).slice(0, 300)}`);
  await api(ctx.appUrl, 'POST', '/auth/password-reset', { body: { token: setupToken, newPassword: password }, expectStatus: 204 });
  ctx.log?.(`created ${role} user ${email}`);
  return { id: created.id, email, password, role };
}

/** The claims of a JWT, unverified (for checks in setup only). */
export function jwtClaims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
