import request from 'supertest';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { runSeeds } from '../../src/seed/seed';
import { DEMO_PASSWORD } from '../../src/seed/demo-data';
import { createTestApp, TestApp } from '../support/app';

describe('seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());

  it('creates demo data once: one user per role, employers, agencies, ~50 workers in many states', async () => {
    const first = await runSeeds(t.app, t.config);
    expect(first.logins).toHaveLength(4);
    const prisma = t.app.get(PrismaService);
    const counts = async () => ({
      workers: await prisma.worker.count(),
      users: await prisma.user.count(),
      employers: await prisma.employer.count(),
      agencies: await prisma.partnerAgency.count(),
      documents: await prisma.workerDocument.count(),
    });
    const after = await counts();
    expect(after.workers).toBe(50);
    expect(after.employers).toBeGreaterThanOrEqual(4);
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
    // the list filter (SQL) agrees with the dossier's derived value (the pure rule) for every worker
    for (const value of auth) {
      const filtered = await request(t.http).get(`/api/v1/workers?limit=200&workAuthorization=${value}`).set('Authorization', `Bearer ${staff}`).expect(200);
      const expected = list.body.items.filter((w: { workAuthorization: string }) => w.workAuthorization === value).map((w: { id: string }) => w.id).sort();
      expect(filtered.body.items.map((w: { id: string }) => w.id).sort()).toEqual(expected);
    }
    await request(t.http).get('/api/v1/workers?workAuthorization=PERHAPS').set('Authorization', `Bearer ${staff}`).expect(400);
  });

  it('with DEMO_DATA=false only the administrator login is printed', async () => {
    const res = await runSeeds(t.app, { ...t.config, demoData: false });
    expect(res.logins).toHaveLength(1);
  });
});
