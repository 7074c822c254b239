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
    await expect(prisma.$executeRawUnsafe('UPDATE audit_events SET action = \'tampered\'')).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count({ where: { action: 'tampered' } })).toBe(0);
  });

  it('lists events newest first with filters and a cursor, sensitive values masked', async () => {
    const u = await createUser(t, Role.STAFF);
    await request(t.http).patch(`/api/v1/users/${u.id}`).set('Authorization', `Bearer ${admin}`).send({ fullName: 'Changed' }).expect(200);
    const res = await request(t.http).get(`/api/v1/audit-events?entityType=user&entityId=${u.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.items[0]).toMatchObject({ action: 'user.update', actorId: adminId, actorRole: 'ADMIN', kind: 'CHANGE' });
    const byActor = await request(t.http).get(`/api/v1/audit-events?actorId=${adminId}&limit=1`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(byActor.body.items).toHaveLength(1);
    expect(byActor.body.nextCursor).toEqual(expect.any(String));
    const next = await request(t.http).get(`/api/v1/audit-events?actorId=${adminId}&limit=1&cursor=${byActor.body.nextCursor}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(BigInt(next.body.items[0].id)).toBeLessThan(BigInt(byActor.body.items[0].id));
    const future = await request(t.http).get('/api/v1/audit-events?from=2100-01-01T00:00:00Z').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(future.body.items).toHaveLength(0);
    await request(t.http).get('/api/v1/audit-events?from=yesterday').set('Authorization', `Bearer ${admin}`).expect(400);
    const all = JSON.stringify((await request(t.http).get('/api/v1/audit-events?limit=200').set('Authorization', `Bearer ${admin}`)).body);
    expect(all).not.toMatch(/Mountains-of-Altai/); // no password ever reaches the trail
  });

  it('failed logins and logins are security events', async () => {
    const u = await createUser(t, Role.STAFF);
    await request(t.http).post('/api/v1/auth/login').send({ email: u.email, password: 'wrong-password-99' }).expect(401);
    await login(t, u.email, u.password);
    const res = await request(t.http).get(`/api/v1/audit-events?kind=SECURITY&entityId=${u.id}`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login.failed']));
  });
});
