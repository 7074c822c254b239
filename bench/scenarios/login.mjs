// POST /api/v1/auth/login with a real user: logins per second, against an absolute goal. The app
// counts the hit against the per-IP login limit, validates the body, runs Passport's local strategy
// (user read, argon2id verify at the OWASP settings, off the event loop), then opens the session in
// one statement (refresh token, audit row, sign-in throttle reset) and signs an access token. The
// baseline is bare node:http doing the same argon2id verify with @node-rs/argon2 and answering 200,
// so the ratio is the framework's overhead on top of the hash.
//
// The user is created through the app itself (bootstrap admin → POST /users → the one-time
// password setup token → POST /auth/password-reset). The bench starts the app with
// AUTH_LOGIN_RATE_PER_MINUTE very high (BENCH_AUTH_LOGIN_RATE) so the per-IP login throttle never
// answers 429, and every login must succeed (200), so the sign-in throttle never delays one.
import { createRequire } from 'node:module';
import { createUserWithPassword } from '../lib/app-client.mjs';

const require = createRequire(import.meta.url);

/** The app's own parameters (src/auth/password-hasher.ts, from dist): argon2id (2), m = 12 MiB, t = 3, p = 1. */
const ARGON2_OPTIONS = { algorithm: 2, ...require('../../dist/auth/password-hasher.js').ARGON2_PARAMS };

export default {
  name: 'login',
  description: 'POST /auth/login, real user: argon2id verify + session, vs node:http doing the same verify',
  method: 'POST',
  path: '/api/v1/auth/login',
  /** Absolute goal: app logins per second (2 cores). No ratio goal: the ratio is informative. */
  minRps: 100,
  expect: { status: 200 },
  async setup(ctx) {
    const user = await createUserWithPassword(ctx, { emailName: 'bench-login', fullName: 'Bench Login', role: 'STAFF' });
    return { body: { email: user.email, password: user.password }, state: { password: user.password } };
  },
  baseline: {
    async init(ctx) {
      const argon2 = require('@node-rs/argon2');
      ctx.state.verify = argon2.verify;
      ctx.state.passwordHash = await argon2.hash(ctx.state.password, ARGON2_OPTIONS);
    },
    async handler(req, res, ctx) {
      const body = await ctx.readJson(req);
      const ok = typeof body?.password === 'string' && (await ctx.state.verify(ctx.state.passwordHash, body.password).catch(() => false));
      if (ok) ctx.sendJson(res, 200, { tokenType: 'Bearer' });
      else ctx.sendJson(res, 401, { code: 'INVALID_CREDENTIALS' });
    },
  },
};
