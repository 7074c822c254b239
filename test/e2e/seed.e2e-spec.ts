import request from 'supertest';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { runSeeds } from '../../src/seed/seed';
import { DEMO_PASSWORD } from '../../src/seed/demo-data';
import { Clock } from '../../src/infra/clock/clock';
import { createTestApp, TestApp } from '../support/app';

describe('seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    // a day of a year whose МРОТ the reference data holds, whenever the tests run
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-12-02T09:00:00Z'));
  });
  afterAll(() => t?.close());

  it('creates demo data once: one user per role, employers, agencies, ~50 workers in many states', async () => {
    const first = await runSeeds(t.app, t.config);
    expect(first.logins).toHaveLength(4);
    expect(first.warnings).toEqual([]);
    const prisma = t.app.get(PrismaService);
    const counts = async () => ({
      workers: await prisma.worker.count(),
      users: await prisma.user.count(),
      employers: await prisma.employer.count(),
      agencies: await prisma.partnerAgency.count(),
      documents: await prisma.workerDocument.count(),
      requests: await prisma.labourRequest.count(),
      placements: await prisma.placement.count(),
      deadlines: await prisma.deadline.count(),
    });
    const after = await counts();
    // fifty dossiers across the lifecycle, three placed workers, two candidates on a train
    expect(after.workers).toBe(55);
    expect(after.employers).toBeGreaterThanOrEqual(4);
    // every demo dossier with an arrival, a paper or a placement got its deadlines at start
    expect(after.deadlines).toBeGreaterThan(50);
    expect(await prisma.deadline.count({ where: { kind: 'CONTRACT_NOTIFICATION', employerId: { not: null } } })).toBeGreaterThan(0);
    const statuses = await prisma.worker.groupBy({ by: ['status'], _count: true });
    expect(statuses.length).toBeGreaterThanOrEqual(7);
    await runSeeds(t.app, t.config);
    expect(await counts()).toEqual(after);
    for (const email of ['staff@centre.example', 'liaison@centre.example', 'employer@centre.example']) {
      await request(t.http).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
    }
    const staff = (await request(t.http).post('/api/v1/auth/login').send({ email: 'staff@centre.example', password: DEMO_PASSWORD })).body.accessToken;
    const list = await request(t.http).get('/api/v1/workers?limit=200').set('Authorization', `Bearer ${staff}`).expect(200);
    const auth = new Set(list.body.items.map((w: { workAuthorization: string }) => w.workAuthorization));
    expect([...auth].sort()).toEqual(['EXPIRED', 'EXPIRING', 'MISSING', 'NOT_REQUIRED', 'VALID']);
    // the list filter (bounds on the cover dates) agrees with the derived value the list shows, for every worker
    for (const value of auth) {
      const filtered = await request(t.http).get(`/api/v1/workers?limit=200&workAuthorization=${value}`).set('Authorization', `Bearer ${staff}`).expect(200);
      const expected = list.body.items
        .filter((w: { workAuthorization: string }) => w.workAuthorization === value)
        .map((w: { id: string }) => w.id)
        .sort();
      expect(filtered.body.items.map((w: { id: string }) => w.id).sort()).toEqual(expected);
    }
    await request(t.http).get('/api/v1/workers?workAuthorization=PERHAPS').set('Authorization', `Bearer ${staff}`).expect(400);
  }, 180_000);

  it('demo recruitment: requests in every status, limits near exhaustion, an agreed and an open negotiation, placements the employer sees', async () => {
    const prisma = t.app.get(PrismaService);
    const statuses = (await prisma.labourRequest.groupBy({ by: ['status'], _count: true })).map((g) => g.status).sort();
    expect(statuses).toEqual(['APPROVED', 'CLOSED', 'DRAFT', 'FILLED', 'PARTIALLY_APPROVED', 'REJECTED', 'SUBMITTED', 'WITHDRAWN']);
    const quotas = await prisma.quotaAllocation.findMany({ where: { OR: [{ occupationCode: '7112' }, { citizenship: 'TJ' }] } });
    expect(quotas.map((q) => q.limit - q.approved).sort()).toEqual([1, 2]);
    // the yearly limits are set by the administrator, as only administrators may
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: t.config.bootstrapAdmin.email } });
    const limitsSetBy = await prisma.auditEvent.findMany({ where: { action: 'quota_allocation.create' }, select: { actorId: true } });
    expect(new Set(limitsSetBy.map((a) => a.actorId))).toEqual(new Set([admin.id]));
    expect((await prisma.negotiation.findMany()).map((n) => n.status).sort()).toEqual(['AGREED', 'OPEN']);
    expect(await prisma.arrival.count()).toBe(1);
    expect(await prisma.contractNotification.count({ where: { late: true } })).toBe(1);
    const employer = (await request(t.http).post('/api/v1/auth/login').send({ email: 'employer@centre.example', password: DEMO_PASSWORD })).body.accessToken;
    const workers = await request(t.http).get('/api/v1/workers').set('Authorization', `Bearer ${employer}`).expect(200);
    expect(workers.body.items).toHaveLength(2);
    expect(workers.body.items[0]).not.toHaveProperty('phone');
    const requests = await request(t.http).get('/api/v1/labour-requests').set('Authorization', `Bearer ${employer}`).expect(200);
    expect(requests.body.items).toHaveLength(2);
  });

  it('with DEMO_DATA=false only the administrator login is printed', async () => {
    const res = await runSeeds(t.app, { ...t.config, demoData: false });
    expect(res.logins).toHaveLength(1);
  });
});
