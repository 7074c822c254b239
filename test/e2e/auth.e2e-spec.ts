import jwt from 'jsonwebtoken';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TEST_SECRETS, TestApp } from '../support/app';
import { createUser, DEFAULT_PASSWORD, login } from '../factories/users';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const me = (token: string) => request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('creates the bootstrap administrator, who can log in', async () => {
    const tokens = await login(t, TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, TEST_SECRETS.BOOTSTRAP_ADMIN_PASSWORD);
    expect(tokens.expiresIn).toBe(900);
    const res = await me(tokens.accessToken).expect(200);
    expect(res.body).toMatchObject({ email: TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, role: 'ADMIN' });
    expect(res.body.permissions).toContain('user.manage');
  });

  it('logs in with email in any case and answers tokens', async () => {
    const u = await createUser(t, Role.STAFF);
    const res = await request(t.http).post('/api/v1/auth/login').send({ email: u.email.toUpperCase(), password: u.password }).expect(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
    expect(Buffer.from(res.body.refreshToken, 'base64url')).toHaveLength(32);
  });

  it('refuses a wrong password and an unknown email alike with 401', async () => {
    const u = await createUser(t, Role.STAFF);
    const wrong = await request(t.http).post('/api/v1/auth/login').send({ email: u.email, password: 'not-the-password-x' }).expect(401);
    const unknown = await request(t.http).post('/api/v1/auth/login').send({ email: 'nobody@test.example', password: 'whatever-password' }).expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toEqual({ ...wrong.body, instance: unknown.body.instance });
  });

  it('answers malformed login bodies with 400, unknown fields included, and wrong media type with 415', async () => {
    await request(t.http).post('/api/v1/auth/login').send({ email: 'not-an-email', password: 'x' }).expect(400);
    const extra = await request(t.http).post('/api/v1/auth/login').send({ email: 'a@b.example', password: 'x', role: 'ADMIN' }).expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    const bad = await request(t.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const media = await request(t.http).post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('hello').expect(415);
    expect(media.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a known and an unknown e-mail alike: five failures 401, then 429 with Retry-After, never a lock', async () => {
    const u = await createUser(t, Role.STAFF);
    // time stands still: a wait, once started, lasts the whole test
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date());
    const attempt = (email: string, password = 'wrong-password-123') =>
      request(t.http).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.50').send({ email, password });
    const unknown = 'no-account-here@test.example';
    for (let i = 0; i < 5; i++) {
      const [known, none] = [await attempt(u.email), await attempt(unknown)];
      expect([known.status, none.status]).toEqual([401, 401]);
      expect(none.body).toEqual({ ...known.body, instance: none.body.instance });
    }
    const [known, none] = [await attempt(u.email, u.password), await attempt(unknown)];
    expect([known.status, none.status]).toEqual([429, 429]); // the right password is not even checked while waiting
    expect(known.body).toMatchObject({ code: 'LOGIN_THROTTLED', retryAfterSeconds: expect.any(Number) });
    expect(none.body).toEqual(known.body);
    for (const res of [known, none]) expect(res.headers['retry-after']).toBe('1');
    // the account itself is not locked: its owner signs in from another address
    await request(t.http).post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.20').send({ email: u.email, password: u.password }).expect(200);
    const prisma = t.app.get(PrismaService);
    expect(await prisma.auditEvent.count({ where: { action: 'auth.login.throttled', entityId: u.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: 'auth.login.throttled', entityId: null } })).toBe(1);
  });

  it('refuses alg:none, another algorithm, a wrong signature or issuer, an expired token, one without expiry and garbage with 401', async () => {
    const u = await createUser(t, Role.STAFF);
    const { accessToken } = await login(t, u.email, u.password);
    const claims = jwt.decode(accessToken) as Record<string, unknown>;
    const base64url = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    const wrongKey = jwt.sign({ role: 'ADMIN', sid: claims.sid }, 'another-secret-of-sufficient-length-000000', {
      subject: u.id,
      issuer: 'omsk-centre',
      expiresIn: 60,
    });
    const expired = jwt.sign({ role: 'STAFF', sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_SECRETS.JWT_SECRET, {
      subject: u.id,
      issuer: 'omsk-centre',
    });
    const sign = (options: jwt.SignOptions, payload: object = { role: 'STAFF', sid: claims.sid }) =>
      jwt.sign(payload, TEST_SECRETS.JWT_SECRET, { subject: u.id, ...options });
    const noExpiry = sign({ issuer: 'omsk-centre' }); // our key and issuer, but it would never expire
    const otherIssuer = sign({ issuer: 'someone-else', expiresIn: 60 });
    const noIssuer = sign({ expiresIn: 60 });
    const otherAlgorithm = sign({ issuer: 'omsk-centre', expiresIn: 60, algorithm: 'HS512' });
    for (const token of [none, wrongKey, expired, noExpiry, otherIssuer, noIssuer, otherAlgorithm, 'garbage']) {
      const res = await me(token).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    await request(t.http).get('/api/v1/auth/me').expect(401);
    await me(accessToken).expect(200);
  });

  it('refuses any altered copy of a token that worked, and reads the scheme in any case', async () => {
    const u = await createUser(t, Role.STAFF);
    const { accessToken } = await login(t, u.email, u.password);
    await me(accessToken).expect(200);
    const [head, body, sig] = accessToken.split('.');
    const flip = (s: string) => (s[s.length - 2] === 'A' ? `${s.slice(0, -2)}B${s.slice(-1)}` : `${s.slice(0, -2)}A${s.slice(-1)}`);
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
    for (const altered of [`${head}.${body}.${flip(sig)}`, `${head}.${promoted}.${sig}`, `${head}.${body}`, `${accessToken}x`]) {
      expect((await me(altered).expect(401)).body.code).toBe('UNAUTHENTICATED');
    }
    await request(t.http).get('/api/v1/auth/me').set('Authorization', `bearer ${accessToken}`).expect(200); // the scheme in any case
    await request(t.http).get('/api/v1/auth/me').set('Authorization', `Basic ${accessToken}`).expect(401);
    await me(accessToken).expect(200);
  });

  it('rotates refresh tokens; reusing an old one revokes the whole family', async () => {
    const u = await createUser(t, Role.STAFF);
    const first = await login(t, u.email, u.password);
    const second = (await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const reuse = await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // the family is gone: the newest refresh token and the access tokens of the session stop working
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await me(second.accessToken).expect(401);
  });

  it('logout revokes the session at once', async () => {
    const u = await createUser(t, Role.LIAISON, {
      agencyIds: [(await t.app.get(PrismaService).partnerAgency.create({ data: { name: 'A', country: 'TJ' } })).id],
    });
    const s = await login(t, u.email, u.password);
    await request(t.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${s.accessToken}`).expect(204);
    await me(s.accessToken).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it("a deactivated user's tokens stop working at once", async () => {
    const admin = await login(t, TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, TEST_SECRETS.BOOTSTRAP_ADMIN_PASSWORD);
    const u = await createUser(t, Role.STAFF);
    const s = await login(t, u.email, u.password);
    await me(s.accessToken).expect(200);
    await request(t.http)
      .patch(`/api/v1/users/${u.id}`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .set('If-Match', '*')
      .send({ active: false })
      .expect(200);
    await me(s.accessToken).expect(401);
    await request(t.http).post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(401);
  });

  it('password reset: one-time token, policy enforced, old sessions ended', async () => {
    const admin = await login(t, TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, TEST_SECRETS.BOOTSTRAP_ADMIN_PASSWORD);
    const u = await createUser(t, Role.STAFF);
    const s = await login(t, u.email, u.password);
    const reset = await request(t.http).post(`/api/v1/users/${u.id}/password-reset`).set('Authorization', `Bearer ${admin.accessToken}`).expect(201);
    await me(s.accessToken).expect(401);
    const weak = await request(t.http).post('/api/v1/auth/password-reset').send({ token: reset.body.token, newPassword: 'short' }).expect(422);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    // a refused password does not use up the token
    const common = await request(t.http).post('/api/v1/auth/password-reset').send({ token: reset.body.token, newPassword: 'Qwerty123456' }).expect(422);
    expect(common.body.detail).toMatch(/too easy to guess/);
    await request(t.http).post('/api/v1/auth/password-reset').send({ token: reset.body.token, newPassword: 'Another-Strong-Pass-77' }).expect(204);
    await request(t.http).post('/api/v1/auth/password-reset').send({ token: reset.body.token, newPassword: 'Another-Strong-Pass-78' }).expect(400);
    await login(t, u.email, 'Another-Strong-Pass-77');
    await request(t.http).post('/api/v1/auth/login').send({ email: u.email, password: DEFAULT_PASSWORD }).expect(401);
  });

  it("refuses a guessable password and one built from the user's name or e-mail, naming the field newPassword", async () => {
    const admin = await login(t, TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, TEST_SECRETS.BOOTSTRAP_ADMIN_PASSWORD);
    const created = await request(t.http)
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ email: 'gulnara.saidova@test.example', fullName: 'Гульнара Саидова', role: 'STAFF' })
      .expect(201);
    const token = created.body.passwordSetup.token as string;
    const refused = async (newPassword: string, message: RegExp) => {
      const res = await request(t.http).post('/api/v1/auth/password-reset').send({ token, newPassword }).expect(422);
      expect(res.body).toMatchObject({ code: 'WEAK_PASSWORD', errors: [{ field: 'newPassword', message: expect.stringMatching(message) }] });
      expect(res.body.errors).toHaveLength(1); // one message for the field, whatever the reasons
    };
    await refused('password1234', /too easy to guess/); // 12 characters, yet among the first guesses
    await refused('P@ssw0rd2024', /too easy to guess/);
    await refused('Saidova-Steppe-Wind-7', /name or e-mail/);
    await refused('Гульнара-Омск-2026-лето', /name or e-mail/);
    await refused('gulnara.saidova-88', /name or e-mail/);
    await request(t.http).post('/api/v1/auth/password-reset').send({ token, newPassword: 'Steppe-Kestrel-Over-Irtysh' }).expect(204);
    await login(t, 'gulnara.saidova@test.example', 'Steppe-Kestrel-Over-Irtysh');
  });
});
