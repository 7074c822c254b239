// The cost of authentication on a request: GET /api/v1/auth/session (trivial handler; the
// throttler counts the hit on shared storage — Redis with REDIS_URL, else PostgreSQL — and the
// global AccessGuard runs Passport's JWT strategy, i.e. HS256 verify with a KeyObject, then reads
// the user and the session row from PostgreSQL, concurrent requests' reads in one statement)
// against the app's own public GET /api/v1/health/live (same process, same global middleware, no
// guard work, not rate limited). Both requests carry the same bearer
// token, so they differ only in the route. The token is obtained in setup by logging in a STAFF
// user created through the app; access tokens live 15 minutes, longer than a run.
import { createUserWithPassword, api, jwtClaims, login } from '../lib/app-client.mjs';

export default {
  name: 'jwt-guard',
  description: 'GET /auth/session with a bearer token vs the same app on GET /health/live: JWT guard cost',
  method: 'GET',
  path: '/api/v1/auth/session',
  /** The guard may cost at most 20 % of the throughput of a guard-free route. */
  target: 0.8,
  expect: { status: 200 },
  async setup(ctx) {
    const user = await createUserWithPassword(ctx, { emailName: 'bench-session', fullName: 'Bench Session', role: 'STAFF' });
    const { accessToken } = await login(ctx.appUrl, user.email, user.password);
    // what the route must answer for this token
    const claims = jwtClaims(accessToken);
    const session = await api(ctx.appUrl, 'GET', '/auth/session', { token: accessToken });
    const want = { userId: claims.sub, role: 'STAFF', sessionId: claims.sid };
    if (JSON.stringify(session) !== JSON.stringify(want)) throw new Error(`GET /auth/session answered ${JSON.stringify(session)}, expected ${JSON.stringify(want)}`);
    return { headers: { authorization: `Bearer ${accessToken}` } };
  },
  baseline: {
    /** The comparison target is the app itself on this path (no node:http handler). */
    appPath: '/api/v1/health/live',
    expect: { status: 200, json: { status: 'ok' } },
  },
};
