import { hash } from '@node-rs/argon2';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { AuthRepository } from '../../src/auth/auth.repository';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { needsRehash } from '../../src/auth/password-hasher';
import { TokenService } from '../../src/auth/token.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createUser } from '../factories/users';

// A successful login is one statement (failure count reset, refresh token, audit row); concurrent
// token checks are read together. Each must leave exactly what the separate steps left.
describe('login session and token checks', () => {
  let t: TestApp;
  let prisma: PrismaService;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    prisma = t.app.get(PrismaService);
  });
  afterAll(() => t?.close());

  const loginAs = (email: string, password: string) => request(t.http).post('/api/v1/auth/login').set('X-Request-Id', 'login-req-1').send({ email, password });

  it('clears the failures of this e-mail from this address, stores the hashed refresh token and audits the login once', async () => {
    const u = await createUser(t, Role.STAFF);
    const throttleRow = () =>
      prisma.$queryRawUnsafe<{ failures: number; last_success_at: Date | null }[]>(
        'SELECT failures, last_success_at FROM login_throttle WHERE key = $1',
        t.app.get(LoginThrottle).keys(u.email, '127.0.0.1').pair,
      );
    await loginAs(u.email, 'wrong-password-123').expect(401);
    expect(await throttleRow()).toEqual([{ failures: 1, last_success_at: null }]);
    const res = await loginAs(u.email, u.password).expect(200);
    expect(await throttleRow()).toEqual([{ failures: 0, last_success_at: expect.any(Date) }]);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(user).toMatchObject({ lastLoginAt: expect.any(Date) });
    const token = await prisma.refreshToken.findUniqueOrThrow({ where: { tokenHash: TokenService.hashOf(res.body.refreshToken) } });
    expect(token).toMatchObject({ userId: u.id, rotatedAt: null, revokedAt: null });
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const audits = await prisma.auditEvent.findMany({ where: { action: 'auth.login', entityId: u.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ kind: 'SECURITY', actorId: u.id, actorRole: 'STAFF', entityType: 'user', requestId: 'login-req-1', changes: null });
    // the session works, and its id is the token's family
    const session = await request(t.http).get('/api/v1/auth/session').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(session.body).toEqual({ userId: u.id, role: 'STAFF', sessionId: token.familyId });
  });

  it('upgrades a hash made with earlier argon2 parameters at the next successful login, and only then', async () => {
    const u = await createUser(t, Role.STAFF);
    const old = await hash(u.password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await prisma.user.update({ where: { id: u.id }, data: { passwordHash: old } });
    await loginAs(u.email, 'wrong-password-123').expect(401);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(old);
    await loginAs(u.email, u.password).expect(200);
    const upgraded = (await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash!;
    expect(upgraded).not.toBe(old);
    expect(needsRehash(upgraded)).toBe(false);
    await loginAs(u.email, u.password).expect(200); // the new hash verifies, and stays
    expect((await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(upgraded);
    expect(await prisma.auditEvent.count({ where: { action: 'auth.login', entityId: u.id } })).toBe(2);
  });

  it('writes nothing when the user was deactivated after the password check', async () => {
    const u = await createUser(t, Role.STAFF);
    await prisma.user.update({ where: { id: u.id }, data: { active: false } });
    const started = await t.app.get(AuthRepository).startSession({
      userId: u.id,
      familyId: '6f1c2f0e-8d2b-4c1a-9b7e-2a1d3c4b5e6f',
      tokenId: '7f1c2f0e-8d2b-4c1a-9b7e-2a1d3c4b5e6f',
      tokenHash: 'x'.repeat(64),
      expiresAt: new Date(Date.now() + 86_400_000),
      now: new Date(),
      requestId: null,
      ip: null,
      throttleKey: 'k'.repeat(64),
      knownUntil: new Date(Date.now() + 86_400_000),
    });
    expect(started).toBeNull();
    expect(await prisma.$queryRawUnsafe('SELECT key FROM login_throttle WHERE key = $1', 'k'.repeat(64))).toEqual([]);
    expect(await prisma.refreshToken.count({ where: { userId: u.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: 'auth.login', entityId: u.id } })).toBe(0);
  });

  it('answers concurrent token checks each for its own token, refusing revoked sessions and bad ids', async () => {
    const a = await createUser(t, Role.STAFF);
    const b = await createUser(t, Role.ADMIN);
    const [ta, tb, tc] = await Promise.all([loginAs(a.email, a.password), loginAs(b.email, b.password), loginAs(a.email, a.password)]);
    const sid = (res: request.Response) => JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString()).sid as string;
    await prisma.refreshToken.updateMany({ where: { familyId: sid(tc) }, data: { revokedAt: new Date() } });
    const repo = t.app.get(AuthRepository);
    const results = await Promise.all([
      repo.loadActor(a.id, sid(ta)),
      repo.loadActor(b.id, sid(tb)),
      repo.loadActor(a.id, sid(tc)),
      repo.loadActor(a.id, sid(ta)),
      repo.loadActor(b.id, sid(ta)),
      repo.loadActor('not-a-uuid', sid(ta)),
    ]);
    expect(results.map((r) => r?.role ?? null)).toEqual(['STAFF', 'ADMIN', null, 'STAFF', null, null]);
    expect(results[0]).toEqual({ id: a.id, role: 'STAFF', employerId: null, agencyIds: [] });
  });
});

// Refused logins differ in cost (a dummy hash for an unknown email, an older and slower stored hash,
// failure-count and audit writes); each answers no sooner than AUTH_FAILED_LOGIN_FLOOR_MS after it
// began, so that its timing does not tell which case it was. Only the lower bound is asserted.
describe('refused logins answer no sooner than the floor', () => {
  let t: TestApp;
  let prisma: PrismaService;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', AUTH_FAILED_LOGIN_FLOOR_MS: '400' });
    prisma = t.app.get(PrismaService);
  });
  afterAll(() => t?.close());

  const timed = async (email: string, password: string, status: number) => {
    const started = performance.now();
    await request(t.http).post('/api/v1/auth/login').send({ email, password }).expect(status);
    return performance.now() - started;
  };

  it('unknown email, wrong password, an older hash, a deactivated account: 401 after at least 400 ms', async () => {
    const u = await createUser(t, Role.STAFF);
    const old = await createUser(t, Role.STAFF);
    await prisma.user.update({
      where: { id: old.id },
      data: { passwordHash: await hash(old.password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 }) },
    });
    const gone = await createUser(t, Role.STAFF);
    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    for (const [email, password] of [
      ['nobody@test.example', 'whatever-password-1'],
      [u.email, 'wrong-password-123'],
      [old.email, 'wrong-password-123'],
      [gone.email, gone.password],
    ]) {
      expect(await timed(email, password, 401)).toBeGreaterThanOrEqual(399);
    }
    await timed(u.email, u.password, 200); // a success is not held back (no bound asserted)
  });

  it('an attempt that must wait (429) also answers no sooner than the floor', async () => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date()); // the wait does not run out meanwhile
    for (let i = 0; i < 5; i++) await timed('waiting@test.example', 'wrong-password-123', 401);
    expect(await timed('waiting@test.example', 'wrong-password-123', 429)).toBeGreaterThanOrEqual(399);
    jest.restoreAllMocks();
  });
});
