// The cost of authentication on a request: GET /api/v1/auth/session with a bearer token (a trivial
// handler; the global AccessGuard runs Passport's JWT strategy — HS256 verify with a KeyObject — and
// loads the caller's user and session: from the per-replica actor cache, kept true by PostgreSQL
// NOTIFY, or on a miss from PostgreSQL) against its public twin GET /api/v1/bench/session, a route
// that exists only in the benchmark's app (bench/app-server.mjs): the same trivial handler and
// answer size, the same global layers, rate limited the same way (each request counts a hit on the
// shared storage: Redis with REDIS_URL, else PostgreSQL), no guard work. Both requests carry the
// same bearer token, so they differ only in the guard. The token is obtained in setup by logging
// in a STAFF user created through the app; access tokens live 15 minutes, longer than a run.
import { createUserWithPassword, api, jwtClaims, login } from '../lib/app-client.mjs';
import { PUBLIC_SESSION } from '../lib/probe-routes.mjs';

export default {
  name: 'jwt-guard',
  description: 'GET /auth/session with a bearer token vs its public twin GET /bench/session: JWT guard cost',
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
    appPath: '/api/v1/bench/session',
    expect: { status: 200, json: PUBLIC_SESSION },
  },
};
