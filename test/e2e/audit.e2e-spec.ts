import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createUser, login } from '../factories/users';

describe('audit trail', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    const a = await createUser(t, Role.ADMIN);
    adminId = a.id;
    admin = (await login(t, a.email, a.password)).accessToken;
  });
  afterAll(() => t?.close());

  it('the table rejects UPDATE, DELETE and TRUNCATE', async () => {
    const prisma = t.app.get(PrismaService);
    expect(await prisma.auditEvent.count()).toBeGreaterThan(0);
    await expect(prisma.$executeRawUnsafe("UPDATE audit_events SET action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count({ where: { action: 'tampered' } })).toBe(0);
  });

  it('lists events newest first with filters and a cursor, sensitive values masked', async () => {
    const u = await createUser(t, Role.STAFF);
    await request(t.http).patch(`/api/v1/users/${u.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ fullName: 'Changed' }).expect(200);
    const res = await request(t.http).get(`/api/v1/audit-events?entityType=user&entityId=${u.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.items[0]).toMatchObject({ action: 'user.update', actorId: adminId, actorRole: 'ADMIN', kind: 'CHANGE' });
    const byActor = await request(t.http).get(`/api/v1/audit-events?actorId=${adminId}&limit=1`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(byActor.body.items).toHaveLength(1);
    expect(byActor.body.nextCursor).toEqual(expect.any(String));
    const next = await request(t.http)
      .get(`/api/v1/audit-events?actorId=${adminId}&limit=1&cursor=${byActor.body.nextCursor}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(BigInt(next.body.items[0].id)).toBeLessThan(BigInt(byActor.body.items[0].id));
    const future = await request(t.http).get('/api/v1/audit-events?from=2100-01-01T00:00:00Z').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(future.body.items).toHaveLength(0);
    await request(t.http).get('/api/v1/audit-events?from=yesterday').set('Authorization', `Bearer ${admin}`).expect(400);
    const all = JSON.stringify((await request(t.http).get('/api/v1/audit-events?limit=200').set('Authorization', `Bearer ${admin}`)).body);
    expect(all).not.toMatch(/Mountains-of-Altai/); // no password ever reaches the trail
  });

  it('pages the trail with the cursor it hands out: newest first, each event once', async () => {
    const u = await createUser(t, Role.STAFF);
    for (const fullName of ['One', 'Two', 'Three', 'Four', 'Five']) {
      await request(t.http).patch(`/api/v1/users/${u.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ fullName }).expect(200);
    }
    const path = `/api/v1/audit-events?entityType=user&entityId=${u.id}`;
    const all = (await request(t.http).get(path).set('Authorization', `Bearer ${admin}`).expect(200)).body.items.map((e: { id: string }) => e.id);
    expect(all.length).toBeGreaterThanOrEqual(6); // its creation and five changes
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: request.Response = await request(t.http)
        .get(`${path}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { id: string }) => e.id));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  const forged = (value: unknown, id: unknown = value) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
  it.each([
    ['a non-numeric id', forged('abc')],
    ['a negative id', forged('-1')],
    ['a zero id', forged('0')],
    ['a fractional id', forged('1.5')],
    ['an id in exponent form', forged('1e3')],
    ['a hexadecimal id', forged('0x10')],
    ['an id past bigint', forged('9223372036854775808')],
    ['a huge id', forged('99999999999999999999999999')],
    ['a number as the value', forged(5, '5')],
    ['a fractional number as the value', forged(1.5, '1')],
    ['a value that is not its id', forged('7', '8')],
    ["a uuid (another list's cursor)", forged('7d0f0b5e-7b5e-4a8e-9d0e-000000000000')],
    ['an object as the value', forged({ id: 1 }, '1')],
    ['an array as the value', forged([1], '1')],
    ['an object', Buffer.from(JSON.stringify({ value: '1', id: '1' })).toString('base64url')],
  ])('refuses a cursor with %s: 400 INVALID_CURSOR', async (_what, cursor) => {
    const res = await request(t.http).get(`/api/v1/audit-events?cursor=${cursor}`).set('Authorization', `Bearer ${admin}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('failed logins and logins are security events', async () => {
    const u = await createUser(t, Role.STAFF);
    await request(t.http).post('/api/v1/auth/login').send({ email: u.email, password: 'wrong-password-99' }).expect(401);
    await login(t, u.email, u.password);
    const res = await request(t.http).get(`/api/v1/audit-events?kind=SECURITY&entityId=${u.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login.failed']));
  });
});
