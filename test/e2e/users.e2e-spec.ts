import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createHttpApp } from '../../src/bootstrap';
import { createTestApp, TestApp, testConfig } from '../support/app';
import { createTestDatabase } from '../support/database';
import { createAgency, createEmployer, createUser, login } from '../factories/users';

describe('users (admin)', () => {
  let t: TestApp;
  let admin: string;
  let prisma: PrismaService;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const email = () => `u-${Math.random().toString(36).slice(2, 10)}@test.example`;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    prisma = t.app.get(PrismaService);
    const a = await createUser(t, Role.ADMIN);
    admin = (await login(t, a.email, a.password)).accessToken;
  });
  afterAll(() => t?.close());

  it('creates a user with a one-time password setup token, never a password', async () => {
    const res = await request(t.http).post('/api/v1/users').set(auth()).send({ email: email().toUpperCase(), fullName: 'Ирина', role: 'STAFF' }).expect(201);
    expect(res.body).toMatchObject({ role: 'STAFF', active: true, version: 1, passwordSetup: { token: expect.any(String) } });
    expect(res.body.email).toBe(res.body.email.toLowerCase());
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash/);
    await request(t.http).post('/api/v1/auth/password-reset').send({ token: res.body.passwordSetup.token, newPassword: 'Irtysh-River-Bank-1' }).expect(204);
    await login(t, res.body.email, 'Irtysh-River-Bank-1');
  });

  it('links employer users to one employer and liaison users to agencies (422 otherwise)', async () => {
    const employer = await createEmployer(t);
    const agency = await createAgency(t);
    await request(t.http).post('/api/v1/users').set(auth()).send({ email: email(), fullName: 'E', role: 'EMPLOYER', employerId: employer.id }).expect(201);
    await request(t.http)
      .post('/api/v1/users')
      .set(auth())
      .send({ email: email(), fullName: 'L', role: 'LIAISON', agencyIds: [agency.id] })
      .expect(201);
    const cases = [
      { role: 'EMPLOYER' },
      { role: 'STAFF', employerId: employer.id },
      { role: 'LIAISON' },
      { role: 'LIAISON', agencyIds: ['7d0f0b5e-7b5e-4a8e-9d0e-000000000000'] },
      { role: 'EMPLOYER', employerId: '7d0f0b5e-7b5e-4a8e-9d0e-000000000000' },
    ];
    for (const c of cases) {
      const res = await request(t.http)
        .post('/api/v1/users')
        .set(auth())
        .send({ email: email(), fullName: 'X', ...c })
        .expect(422);
      expect(res.body.code).toBe('USER_LINKS_INVALID');
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });

  it('refuses a duplicate email with 409 and bad input with 400', async () => {
    const e = email();
    await request(t.http).post('/api/v1/users').set(auth()).send({ email: e, fullName: 'A', role: 'STAFF' }).expect(201);
    const dup = await request(t.http).post('/api/v1/users').set(auth()).send({ email: e.toUpperCase(), fullName: 'B', role: 'STAFF' }).expect(409);
    expect(dup.body.code).toBe('USER_EMAIL_TAKEN');
    const bad = await request(t.http).post('/api/v1/users').set(auth()).send({ email: 'nope', fullName: '', role: 'KING' }).expect(400);
    expect(bad.body.errors.map((x: { field: string }) => x.field).sort()).toEqual(['email', 'fullName', 'role']);
  });

  it('lists with filters and cursor pagination', async () => {
    const first = await request(t.http).get('/api/v1/users?limit=2').set(auth()).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(t.http).get(`/api/v1/users?limit=2&cursor=${first.body.nextCursor}`).set(auth()).expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    const staff = await request(t.http).get('/api/v1/users?role=STAFF&limit=200').set(auth()).expect(200);
    expect(staff.body.items.every((u: { role: string }) => u.role === 'STAFF')).toBe(true);
    await request(t.http).get('/api/v1/users?limit=500').set(auth()).expect(400);
    const cursor = await request(t.http).get('/api/v1/users?cursor=%%%').set(auth()).expect(400);
    expect(cursor.body.code).toBe('INVALID_CURSOR');
  });

  it('reads one with an ETag; unknown or malformed ids are 404', async () => {
    const u = await createUser(t, Role.STAFF);
    const res = await request(t.http).get(`/api/v1/users/${u.id}`).set(auth()).expect(200);
    expect(res.headers.etag).toBe('"1"');
    await request(t.http).get('/api/v1/users/7d0f0b5e-7b5e-4a8e-9d0e-000000000000').set(auth()).expect(404);
    const bad = await request(t.http).get('/api/v1/users/not-a-uuid').set(auth()).expect(404);
    expect(bad.body.code).toBe('USER_NOT_FOUND');
  });

  it('updates with If-Match; a stale ETag answers 412 and changes nothing', async () => {
    const u = await createUser(t, Role.STAFF);
    const ok = await request(t.http).patch(`/api/v1/users/${u.id}`).set(auth()).set('If-Match', '"1"').send({ fullName: 'New name' }).expect(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await request(t.http).patch(`/api/v1/users/${u.id}`).set(auth()).set('If-Match', '"1"').send({ fullName: 'Lost update' }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).fullName).toBe('New name');
  });

  it('changes a role with its links, and an admin cannot demote or deactivate itself', async () => {
    const u = await createUser(t, Role.STAFF);
    const agency = await createAgency(t);
    await request(t.http).patch(`/api/v1/users/${u.id}`).set(auth()).set('If-Match', '*').send({ role: 'LIAISON' }).expect(422);
    const res = await request(t.http)
      .patch(`/api/v1/users/${u.id}`)
      .set(auth())
      .set('If-Match', '*')
      .send({ role: 'LIAISON', agencyIds: [agency.id] })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'LIAISON', agencyIds: [agency.id] });
    const me = (await request(t.http).get('/api/v1/auth/me').set(auth()).expect(200)).body;
    const self = await request(t.http).patch(`/api/v1/users/${me.id}`).set(auth()).set('If-Match', '*').send({ active: false }).expect(422);
    expect(self.body.code).toBe('USER_SELF_CHANGE');
  });

  it('issues a password reset token for a user (404 for an unknown one)', async () => {
    const u = await createUser(t, Role.STAFF);
    const res = await request(t.http).post(`/api/v1/users/${u.id}/password-reset`).set(auth()).expect(201);
    expect(res.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
    await request(t.http).post('/api/v1/users/7d0f0b5e-7b5e-4a8e-9d0e-000000000000/password-reset').set(auth()).expect(404);
  });

  it('every write leaves exactly one audit row', async () => {
    const count = () => prisma.auditEvent.count({ where: { kind: 'CHANGE' } });
    const before = await count();
    const created = await request(t.http).post('/api/v1/users').set(auth()).send({ email: email(), fullName: 'Audited', role: 'STAFF' }).expect(201);
    expect(await count()).toBe(before + 1);
    await request(t.http).patch(`/api/v1/users/${created.body.id}`).set(auth()).set('If-Match', '*').send({ fullName: 'Audited 2' }).expect(200);
    expect(await count()).toBe(before + 2);
    await request(t.http).post(`/api/v1/users/${created.body.id}/password-reset`).set(auth()).expect(201);
    expect(await count()).toBe(before + 3);
    const rows = await prisma.auditEvent.findMany({ where: { entityId: created.body.id, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.update', 'user.password-reset']);
    expect(rows[1].changes).toEqual({ fullName: { from: 'Audited', to: 'Audited 2' } });
    expect(rows.every((r) => r.requestId && r.ip && r.actorId)).toBe(true);
  });

  it('mass assignment: extra fields on every write are refused with 400 and nothing changes', async () => {
    const target = await createUser(t, Role.STAFF);
    const employer = await createEmployer(t);
    const forbidden = fc.constantFrom(
      'role',
      'id',
      'version',
      'createdAt',
      'passwordHash',
      'active',
      'employerId',
      'failedLogins',
      'lockedUntil',
      'isAdmin',
      '__proto__x',
      'permissions',
    );
    const extraValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant('ADMIN'));
    const writes: { method: 'post' | 'patch'; path: string; body: object; allowed: string[] }[] = [
      { method: 'post', path: '/api/v1/users', body: { email: email(), fullName: 'MA', role: 'STAFF' }, allowed: ['role', 'employerId'] },
      { method: 'patch', path: `/api/v1/users/${target.id}`, body: { fullName: 'MA' }, allowed: ['role', 'active', 'employerId'] },
      { method: 'post', path: '/api/v1/employers', body: { name: 'MA LLC', inn: '7707083893' }, allowed: [] },
      { method: 'patch', path: `/api/v1/employers/${employer.id}`, body: { address: 'Omsk' }, allowed: [] },
      { method: 'post', path: '/api/v1/auth/login', body: { email: target.email, password: target.password }, allowed: [] },
      { method: 'post', path: '/api/v1/auth/refresh', body: { refreshToken: 'x'.repeat(43) }, allowed: [] },
      { method: 'post', path: '/api/v1/auth/password-reset', body: { token: 'x'.repeat(43), newPassword: 'Whatever-Strong-1' }, allowed: [] },
    ];
    const snapshot = async () =>
      JSON.stringify([await prisma.user.findMany({ orderBy: { id: 'asc' } }), await prisma.employer.findMany({ orderBy: { id: 'asc' } })]);
    const before = await snapshot();
    for (const w of writes) {
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(forbidden, { minLength: 1, maxLength: 4 }), extraValue, async (keys, value) => {
          const extra = Object.fromEntries(keys.filter((k) => !w.allowed.includes(k)).map((k) => [k, value]));
          fc.pre(Object.keys(extra).length > 0);
          const res = await request(t.http)
            [w.method](w.path)
            .set(auth())
            .send({ ...w.body, ...extra });
          expect({ path: w.path, status: res.status }).toEqual({ path: w.path, status: 400 });
        }),
        { numRuns: 15 },
      );
    }
    expect(await snapshot()).toBe(before);
  });
});

// Its own applications, after the file's: Passport's strategies are process-wide, and a second
// application in this process would take them over from the first.
describe('the first administrator (BOOTSTRAP_ADMIN_PASSWORD)', () => {
  it.each([
    ['a guessable password', 'password1234', /too easy to guess/],
    ['a password built from the e-mail', 'Chief-Steppe-Kestrel-26', /must not contain your name or e-mail address/],
  ])('%s stops the start, naming the variable, and creates no one', async (_, password, reason) => {
    const db = await createTestDatabase();
    const app = await createHttpApp(
      testConfig(db.url, { BOOTSTRAP_ADMIN_EMAIL: 'chief@test.example', BOOTSTRAP_ADMIN_PASSWORD: password, RUN_PROCESSORS: 'false', DEMO_DATA: 'false' }),
    );
    try {
      const started = app.init();
      await expect(started).rejects.toThrow(/^BOOTSTRAP_ADMIN_PASSWORD is refused: it /);
      await expect(started).rejects.toThrow(reason);
      expect(await app.get(PrismaService).user.count()).toBe(0);
    } finally {
      await app.close().catch(() => undefined);
      await db.drop();
    }
  });
});
