import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { PlacementsService } from '../../src/placements/placements.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createRoleUsers, signedInUser, systemActor, TestUser } from '../factories/users';
import { readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';
import { eventually, recipientOf, startSmtp } from '../support/smtp';

const RETALIATION = 'COMPLAINT_RETALIATION_RISK';

describe('complaints: retaliation watch and the blacklisting proposal', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let caseworker: TestUser & { token: string };
  let request1: { id: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const post = (path: string, body: object, auth: Record<string, string> = as(Role.STAFF)) => request(t.http).post(`/api/v1${path}`).set(auth).send(body);
  const clockAt = (iso: string) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(iso));
  const alertsOf = (complaintId: string) => prisma.notification.findMany({ where: { kind: RETALIATION, entityId: complaintId } });
  const complaint = (body: object) =>
    post('/complaints', { category: 'UNPAID_WAGES', against: 'EMPLOYER', channel: 'IN_PERSON', narrative: 'No pay for two months at the warehouse.', ...body })
      .expect(201)
      .then((r) => r.body as { id: string; reference: string });

  /** A worker placed with the employer from 2026-03-10, and the placement. */
  async function placed() {
    clockAt('2026-03-06T06:00:00Z');
    const w = await readyWorker(t, 'KG');
    clockAt('2026-03-10T06:00:00Z');
    const p = await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: request1.id, workerId: w.id, startDate: '2026-03-10' });
    expect(p.status).toBe('ACTIVE');
    return { worker: w, placement: p };
  }

  /** A placed worker's complaint about the placement on 2026-03-20, and the placement ended on `endOn` (by the clock, that day). */
  async function complainedThenEnded(endOn: string) {
    const { worker, placement } = await placed();
    clockAt('2026-03-20T08:00:00Z');
    const c = await complaint({ workerId: worker.id, placementId: placement.id, assignedToId: caseworker.id });
    clockAt(`${endOn}T08:00:00Z`);
    await post(`/placements/${placement.id}/end`, { endDate: endOn, reason: 'dismissed for absence' }).expect(200);
    return c;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    caseworker = await signedInUser(t, Role.STAFF);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-03-01T06:00:00Z'));
    request1 = await createApprovedRequest(t, ctx.employer.id, {
      preferredCitizenships: ['KG'],
      periodStart: '2026-03-01',
      periodEnd: '2026-12-31',
      workersRequested: 10,
    });
    jest.restoreAllMocks();
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  describe('retaliation watch', () => {
    it(
      'a placement with the employer complained about ending within the window alerts ' +
        'the caseworker at once, by notification and e-mail, and tells the employer nothing',
      async () => {
        const c = await complainedThenEnded('2026-05-10'); // 51 days later
        const alerts = await alertsOf(c.id);
        expect(alerts.map((n) => n.userId)).toEqual([caseworker.id]);
        expect(alerts[0]).toMatchObject({ entityType: 'complaint', title: expect.stringContaining(c.reference) });
        const mails = await eventually(
          () => smtp.received.filter((m) => m.subject?.includes(c.reference)),
          (m) => m.length > 0,
        );
        expect(mails.map(recipientOf)).toEqual([caseworker.email]);
        const employerSees = await request(t.http).get('/api/v1/notifications?limit=200').set(as(Role.EMPLOYER)).expect(200);
        expect(JSON.stringify(employerSees.body)).not.toContain(c.reference);
        expect(JSON.stringify(employerSees.body)).not.toMatch(/complaint/i);
      },
    );

    it('an end after the window (90 days by default) alerts nobody', async () => {
      const c = await complainedThenEnded('2026-06-20'); // 92 days later
      expect(await alertsOf(c.id)).toEqual([]);
    });

    it('a complaint against another employer is not about this dismissal; a dismissed complaint is not watched', async () => {
      const { worker, placement } = await placed();
      clockAt('2026-03-20T08:00:00Z');
      const other = await complaint({ workerId: worker.id, employerId: ctx.otherEmployer.id, assignedToId: caseworker.id });
      const dismissed = await complaint({ workerId: worker.id, employerId: ctx.employer.id, assignedToId: caseworker.id });
      await post(`/complaints/${dismissed.id}/transitions`, { to: 'DISMISSED', reason: 'withdrawn by the worker' }).expect(200);
      clockAt('2026-04-01T08:00:00Z');
      await post(`/placements/${placement.id}/end`, { endDate: '2026-04-01', reason: 'contract ended' }).expect(200);
      expect(await alertsOf(other.id)).toEqual([]);
      expect(await alertsOf(dismissed.id)).toEqual([]);
    });

    it('the window is the policy’s: shortened to 30 days, an end 40 days after the complaint alerts nobody', async () => {
      const policy = (await request(t.http).get('/api/v1/reference/complaint-policy').set(as(Role.ADMIN)).expect(200)).body;
      const { version: _v, ...values } = policy;
      await request(t.http)
        .put('/api/v1/reference/complaint-policy')
        .set(as(Role.ADMIN))
        .send({ ...values, retaliationDays: 30 })
        .expect(200);
      try {
        const c = await complainedThenEnded('2026-04-29'); // 40 days later
        expect(await alertsOf(c.id)).toEqual([]);
      } finally {
        jest.restoreAllMocks();
        await request(t.http)
          .put('/api/v1/reference/complaint-policy')
          .set(as(Role.ADMIN))
          .send({ ...values, retaliationDays: 90 })
          .expect(200);
      }
    });

    it('a planned placement cancelled within the window counts too', async () => {
      clockAt('2026-03-06T06:00:00Z');
      const w = await readyWorker(t, 'KG');
      const planned = await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: request1.id, workerId: w.id, startDate: '2026-04-15' });
      expect(planned.status).toBe('PLANNED');
      clockAt('2026-03-08T08:00:00Z');
      const c = await complaint({ workerId: w.id, employerId: ctx.employer.id, assignedToId: caseworker.id });
      clockAt('2026-03-12T08:00:00Z');
      await post(`/placements/${planned.id}/end`, { reason: 'employer withdrew the offer' }).expect(200);
      expect((await alertsOf(c.id)).map((n) => n.userId)).toEqual([caseworker.id]);
    });

    it('a worker moved to DEPARTED within the window alerts about any of their complaints; with no caseworker, the administrators', async () => {
      clockAt('2026-03-06T06:00:00Z');
      const w = await readyWorker(t, 'KG');
      clockAt('2026-03-10T08:00:00Z');
      const c = await complaint({ workerId: w.id, against: 'OTHER', category: 'HOUSING', narrative: 'Twelve people in one room without heating.' });
      clockAt('2026-04-10T08:00:00Z');
      await post(`/workers/${w.id}/transitions`, { to: 'DEPARTED', reason: 'left for home' }).expect(200);
      const alerts = await alertsOf(c.id);
      const admins = await prisma.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true } });
      expect(alerts.map((n) => n.userId).sort()).toEqual(admins.map((u) => u.id).sort());
      expect(alerts.map((n) => n.userId)).toContain(ctx.users.ADMIN.id);
      clockAt('2026-07-20T08:00:00Z'); // closing the case after the window: nothing more
      await post(`/workers/${w.id}/transitions`, { to: 'CLOSED', reason: 'case wound up' }).expect(200);
      expect(await alertsOf(c.id)).toHaveLength(alerts.length);
    });

    it('a worker CLOSED within the window alerts the caseworker of a confidential complaint only', async () => {
      clockAt('2026-03-06T06:00:00Z');
      const w = await readyWorker(t, 'KG');
      clockAt('2026-03-10T08:00:00Z');
      const c = await complaint({ workerId: w.id, against: 'OTHER', category: 'HOUSING', confidential: true, assignedToId: caseworker.id });
      clockAt('2026-03-11T08:00:00Z');
      await post(`/workers/${w.id}/transitions`, { to: 'CLOSED', reason: 'stopped coming' }).expect(200);
      expect((await alertsOf(c.id)).map((n) => n.userId)).toEqual([caseworker.id]);
    });
  });

  describe('an intermediary found at fault', () => {
    const intermediary = () =>
      post('/intermediaries', { name: `Бригадир ${Math.random().toString(36).slice(2, 8)}`, country: 'UZ' })
        .expect(201)
        .then((r) => r.body as { id: string; version: number });
    const resolve = async (id: string, finding: string) => {
      for (const to of ['TRIAGED', 'INVESTIGATING']) await post(`/complaints/${id}/transitions`, { to }).expect(200);
      await post(`/complaints/${id}/transitions`, { to: 'RESOLVED', reason: 'receipts and two witnesses', finding }).expect(200);
    };
    const proposals = (intermediaryId: string) =>
      prisma.notification.findMany({ where: { kind: 'INTERMEDIARY_BLACKLIST_PROPOSED', entityId: intermediaryId } });

    it('a SUBSTANTIATED complaint proposes blacklisting it to staff and administrators; staff confirm through the intermediary’s record', async () => {
      const i = await intermediary();
      const c = await complaint({ against: 'INTERMEDIARY', intermediaryId: i.id, category: 'RECRUITMENT_FEE_FRAUD' });
      await resolve(c.id, 'SUBSTANTIATED');
      const told = await proposals(i.id);
      expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([ctx.users.ADMIN.id, ctx.users.STAFF.id, caseworker.id]));
      expect(told.map((n) => n.userId)).not.toContain(ctx.users.LIAISON.id);
      expect(told.map((n) => n.userId)).not.toContain(ctx.users.EMPLOYER.id);
      expect(told[0]).toMatchObject({ entityType: 'intermediary', body: expect.stringContaining(c.reference) });
      // nothing is blacklisted by the finding itself
      const before = (await request(t.http).get('/api/v1/intermediaries?limit=200').set(as(Role.STAFF)).expect(200)).body.items.find(
        (x: { id: string }) => x.id === i.id,
      );
      expect(before.status).toBe('UNVERIFIED');
      const confirmed = await request(t.http)
        .patch(`/api/v1/intermediaries/${i.id}`)
        .set(as(Role.STAFF))
        .set('If-Match', `"${before.version}"`)
        .send({ status: 'BLACKLISTED' })
        .expect(200);
      expect(confirmed.body.status).toBe('BLACKLISTED');
      const audit = await prisma.auditEvent.findMany({ where: { entityType: 'intermediary', entityId: i.id, action: 'intermediary.blacklist_proposed' } });
      expect(audit).toHaveLength(1);
    });

    it('no proposal for another finding, an intermediary already blacklisted, or a complaint against an employer', async () => {
      const i = await intermediary();
      const inconclusive = await complaint({ against: 'INTERMEDIARY', intermediaryId: i.id, category: 'RECRUITMENT_FEE_FRAUD' });
      await resolve(inconclusive.id, 'INCONCLUSIVE');
      expect(await proposals(i.id)).toEqual([]);
      const blacklisted = await intermediary();
      await request(t.http)
        .patch(`/api/v1/intermediaries/${blacklisted.id}`)
        .set(as(Role.STAFF))
        .set('If-Match', `"${blacklisted.version}"`)
        .send({ status: 'BLACKLISTED' })
        .expect(200);
      const again = await complaint({ against: 'INTERMEDIARY', intermediaryId: blacklisted.id, category: 'RECRUITMENT_FEE_FRAUD' });
      await resolve(again.id, 'SUBSTANTIATED');
      expect(await proposals(blacklisted.id)).toEqual([]);
      const employerCase = await complaint({ against: 'EMPLOYER', employerId: ctx.otherEmployer.id, intermediaryId: i.id });
      await resolve(employerCase.id, 'SUBSTANTIATED');
      expect(await proposals(i.id)).toEqual([]);
    });

    it('a confidential complaint’s proposal reaches only its caseworker and the administrators', async () => {
      const i = await intermediary();
      const c = await complaint({
        against: 'INTERMEDIARY',
        intermediaryId: i.id,
        category: 'RECRUITMENT_FEE_FRAUD',
        confidential: true,
        assignedToId: caseworker.id,
      });
      for (const to of ['TRIAGED', 'INVESTIGATING'])
        await post(`/complaints/${c.id}/transitions`, { to }, { Authorization: `Bearer ${caseworker.token}` }).expect(200);
      await post(
        `/complaints/${c.id}/transitions`,
        { to: 'RESOLVED', reason: 'receipts', finding: 'SUBSTANTIATED' },
        { Authorization: `Bearer ${caseworker.token}` },
      ).expect(200);
      const told = (await proposals(i.id)).map((n) => n.userId);
      expect(told).toEqual(expect.arrayContaining([caseworker.id, ctx.users.ADMIN.id]));
      expect(told).not.toContain(ctx.users.STAFF.id);
    });
  });
});
