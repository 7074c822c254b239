import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { EmployersService } from '../../src/employers/employers.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { NegotiationsService } from '../../src/negotiations/negotiations.service';
import { createApprovedRequest, createDraftRequest, RequestOptions } from '../factories/labour-requests';
import { createRoleUsers, createUser, login, systemActor, validInn } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';
import { readyWorker as makeReadyWorker } from '../factories/workers';

const UNKNOWN = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';

describe('placements', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
  });
  afterAll(() => t?.close());

  const readyWorker = (citizenship = 'KG', patent?: { issuedOn: string; expiresOn: string }) => makeReadyWorker(t, citizenship, patent);

  const approved = (o: RequestOptions & { approvedCount?: number } = {}, employerId = ctx.employer.id) =>
    createApprovedRequest(t, employerId, { preferredCitizenships: ['KG'], ...o });

  const place = (body: object, role = Role.STAFF) => request(t.http).post('/api/v1/placements').set(as(role)).send(body);
  const workerStatus = async (id: string) => (await prisma.worker.findUniqueOrThrow({ where: { id } })).status;
  const requestRow = (id: string) => prisma.labourRequest.findUniqueOrThrow({ where: { id } });
  const codes = (res: request.Response) => (res.body.errors as { code: string }[]).map((e) => e.code);

  /**
   * A negotiation of the request in the state given, made through the negotiation service as its
   * parties would: the Centre offers (36 h, meals, 3 000 ₽ deductions unless told otherwise), then
   * the employer accepts it or breaks off.
   */
  async function negotiation(
    labourRequestId: string,
    status: 'OPEN' | 'AGREED' | 'BROKEN_OFF',
    wage = 70_000,
    terms: { hoursPerWeek?: number; includesOvertime?: boolean; housingProvided?: boolean } = {},
  ) {
    const negotiations = t.app.get(NegotiationsService);
    const centre = { ...systemActor(ctx.users.STAFF.id), role: Role.STAFF };
    const employer = { ...systemActor(ctx.users.EMPLOYER.id), role: Role.EMPLOYER, employerId: ctx.employer.id };
    const made = await negotiations.offer(centre, labourRequestId, {
      monthlyWageRub: wage,
      hoursPerWeek: 36,
      includesOvertime: false,
      housingProvided: false,
      mealsProvided: true,
      deductionsRub: 3_000,
      ...terms,
    });
    const offer = made.offers[made.offers.length - 1];
    if (status === 'AGREED') await negotiations.accept(employer, labourRequestId, { offerId: offer.id });
    if (status === 'BROKEN_OFF') await negotiations.breakOff(employer, labourRequestId, { reason: 'the employer would not pay more' });
    return offer;
  }
  const fillAudits = (labourRequestId: string) => prisma.auditEvent.findMany({ where: { entityId: labourRequestId, action: 'labour_request.fill' } });

  describe('POST /placements', () => {
    it('staff place an eligible worker: 201 with the request terms, the worker EMPLOYED, the place counted, audited', async () => {
      const r = await approved({ approvedCount: 2, workersRequested: 2 });
      const w = await readyWorker();
      const res = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(res.body).toMatchObject({
        labourRequestId: r.id,
        employerId: ctx.employer.id,
        worker: { id: w.id, citizenship: 'KG', lastNameLat: w.lastNameLat },
        startDate: '2026-05-04',
        endDate: null,
        status: 'ACTIVE',
        monthlyWageRub: 60_000,
        hoursPerWeek: 40,
        housingProvided: true,
        mealsProvided: false,
        deductionsRub: 0,
        agreedOfferId: null,
        contractNotifications: [],
        version: 1,
      });
      expect(res.headers.etag).toBe('"1"');
      expect(await workerStatus(w.id)).toBe('EMPLOYED');
      expect(await requestRow(r.id)).toMatchObject({ placedCount: 1, status: 'APPROVED' });
      const audit = await prisma.auditEvent.findMany({ where: { entityId: { in: [res.body.id, w.id] }, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['placement.create', 'worker.transition']));
      expect(await fillAudits(r.id)).toEqual([]);
    });

    it('the last place moves the request to FILLED, audited as labour_request.fill in the same transaction', async () => {
      const r = await approved({ approvedCount: 1, workersRequested: 1 });
      const w = await readyWorker();
      const res = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(await requestRow(r.id)).toMatchObject({ placedCount: 1, status: 'FILLED' });
      const fills = await fillAudits(r.id);
      expect(fills).toEqual([expect.objectContaining({ kind: 'CHANGE', entityType: 'labour_request', actorId: ctx.users.STAFF.id })]);
      expect(fills[0].changes).toMatchObject({ from: 'APPROVED', to: 'FILLED', placedCount: 1, approvedCount: 1, placementId: res.body.id });
      // a refused placement writes no fill row
      expect(codes(await place({ labourRequestId: r.id, workerId: (await readyWorker()).id, startDate: '2026-05-04' }).expect(422))).toEqual([
        'REQUEST_NOT_APPROVED',
      ]);
      expect(await fillAudits(r.id)).toHaveLength(1);
    });

    it('ADMIN may place too, with explicit terms; LIAISON and EMPLOYER get 403', async () => {
      const r = await approved();
      const w = await readyWorker();
      const body = {
        labourRequestId: r.id,
        workerId: w.id,
        startDate: '2026-06-01',
        monthlyWageRub: 65_000,
        hoursPerWeek: 36,
        housingProvided: false,
        mealsProvided: true,
        deductionsRub: 2_000,
      };
      for (const role of [Role.LIAISON, Role.EMPLOYER]) expect((await place(body, role).expect(403)).body.code).toBe('FORBIDDEN');
      const res = await place(body, Role.ADMIN).expect(201);
      expect(res.body).toMatchObject({ monthlyWageRub: 65_000, hoursPerWeek: 36, housingProvided: false, mealsProvided: true, deductionsRub: 2_000 });
    });

    it('answers 400 for malformed or unknown fields and 422 for a request or worker that does not exist', async () => {
      const w = await readyWorker();
      await place({ labourRequestId: UNKNOWN, workerId: w.id, startDate: '2026-5-4' }).expect(400);
      await place({ labourRequestId: UNKNOWN, workerId: w.id, startDate: '2026-05-04', status: 'ENDED' }).expect(400);
      await place({ labourRequestId: 'nope', workerId: w.id, startDate: '2026-05-04' }).expect(400);
      await place({ labourRequestId: UNKNOWN, workerId: w.id, startDate: '2026-05-04', hoursPerWeek: 61 }).expect(400);
      const res = await place({ labourRequestId: UNKNOWN, workerId: UNKNOWN, startDate: '2026-05-04' }).expect(422);
      expect(res.body).toMatchObject({ code: 'PLACEMENT_LINKS_INVALID' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['labourRequestId', 'workerId']);
    });

    it('lists every failed precondition together in one 422', async () => {
      const draft = await createDraftRequest(t, ctx.employer.id, { preferredCitizenships: ['UZ'] });
      const uz = await createWorker(t, { citizenship: 'UZ' }); // ARRIVED, no patent
      const res = await place({ labourRequestId: draft.id, workerId: uz.id, startDate: '2026-12-05', monthlyWageRub: 10_000 }).expect(422);
      expect(res.body.code).toBe('PLACEMENT_PRECONDITIONS_FAILED');
      expect(codes(res)).toEqual(['REQUEST_NOT_APPROVED', 'START_OUTSIDE_PERIOD', 'WORKER_NOT_READY', 'WORK_NOT_AUTHORIZED', 'WAGE_BELOW_FLOOR']);
      for (const e of res.body.errors) expect(e).toEqual(expect.objectContaining({ field: expect.any(String), message: expect.any(String) }));
      expect(await prisma.placement.count({ where: { workerId: uz.id } })).toBe(0);
      expect(await workerStatus(uz.id)).toBe('ARRIVED');
      // a year without МРОТ entered: the missing reference data is one more problem of the list
      const r = await approved();
      const kg = await readyWorker();
      expect(codes(await place({ labourRequestId: r.id, workerId: kg.id, startDate: '2031-01-06' }).expect(422))).toEqual([
        'START_OUTSIDE_PERIOD',
        'REFERENCE_MISSING',
      ]);
    });

    it('checks work authorisation on the start date: a patent lapsing before it fails, an EAEU worker passes without papers', async () => {
      const r = await approved({ preferredCitizenships: ['UZ', 'KG', 'TJ'] });
      // mid-April, while the patent is in force (a worker whose patent has lapsed cannot be READY_TO_WORK)
      const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-04-15T09:00:00Z'));
      try {
        const uz = await readyWorker('UZ', { issuedOn: '2026-01-10', expiresOn: '2026-04-30' });
        const late = await place({ labourRequestId: r.id, workerId: uz.id, startDate: '2026-05-04' }).expect(422);
        expect(late.body.errors).toEqual([expect.objectContaining({ field: 'startDate', code: 'WORK_NOT_AUTHORIZED', workAuthorization: 'EXPIRED' })]);
        await place({ labourRequestId: r.id, workerId: uz.id, startDate: '2026-04-20' }).expect(201);
      } finally {
        clock.mockRestore();
      }
      const kg = await readyWorker('KG');
      await place({ labourRequestId: r.id, workerId: kg.id, startDate: '2026-05-04' }).expect(201);
      // a patent that takes effect after the start date does not cover it (one without any patent is not even READY_TO_WORK)
      const notYet = await readyWorker('TJ', { issuedOn: '2026-05-10', expiresOn: '2027-05-09' });
      expect(codes(await place({ labourRequestId: r.id, workerId: notYet.id, startDate: '2026-05-04' }).expect(422))).toEqual(['WORK_NOT_AUTHORIZED']);
    });

    it('refuses a patent holder in a banned activity on the start date, naming the ban; the day before passes', async () => {
      // a ban the admins add after the request was approved: the approval could not see it, the placement must
      const farm = await t.app
        .get(EmployersService)
        .create(systemActor(), { name: 'КФХ «Иртышские овощи»', inn: validInn(), sector: 'AGRICULTURE', okved: '01.13' });
      const r = await approved({ preferredCitizenships: ['UZ', 'KG'], periodStart: '2026-04-01', periodEnd: '2026-11-30' }, farm.id);
      const title = 'Указ Губернатора Омской области (test): vegetable growing';
      await request(t.http)
        .post('/api/v1/reference/bans')
        .set(as(Role.ADMIN))
        .send({ title, activityCodes: ['01.13'], effectiveFrom: '2026-06-01' })
        .expect(201);
      const uz = await readyWorker('UZ', { issuedOn: '2026-01-10', expiresOn: '2026-12-31' });
      const refused = await place({ labourRequestId: r.id, workerId: uz.id, startDate: '2026-06-01' }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'startDate', code: 'REGIONAL_BAN', effectiveFrom: '2026-06-01' })]);
      expect(refused.body.errors[0].message).toContain(title);
      const kg = await readyWorker('KG');
      await place({ labourRequestId: r.id, workerId: kg.id, startDate: '2026-06-01' }).expect(201);
      const ok = await place({ labourRequestId: r.id, workerId: uz.id, startDate: '2026-05-31' }).expect(201);
      expect(ok.body.employerId).toBe(farm.id);
    });

    it('refuses a worker of a citizenship the request did not ask for; a request without preference takes any', async () => {
      const kgOnly = await approved({ preferredCitizenships: ['KG'] });
      const tj = await readyWorker('TJ', { issuedOn: '2026-01-10', expiresOn: '2026-12-31' });
      const refused = await place({ labourRequestId: kgOnly.id, workerId: tj.id, startDate: '2026-05-04' }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'workerId', code: 'CITIZENSHIP_NOT_REQUESTED', requested: ['KG'] })]);
      expect(await requestRow(kgOnly.id)).toMatchObject({ placedCount: 0 });
      expect(await workerStatus(tj.id)).toBe('READY_TO_WORK');
      const any = await approved({ preferredCitizenships: [] });
      await place({ labourRequestId: any.id, workerId: tj.id, startDate: '2026-05-04' }).expect(201);
    });

    it('an open or broken-off negotiation blocks placements; an agreed one gives its terms', async () => {
      const open = await approved();
      await negotiation(open.id, 'OPEN');
      const w = await readyWorker();
      expect(codes(await place({ labourRequestId: open.id, workerId: w.id, startDate: '2026-05-04' }).expect(422))).toEqual(['NEGOTIATION_OPEN']);
      // broken off: the Centre refused the employer's wage, so the request's offer is no fallback, nor any explicit wage
      const broken = await approved();
      await negotiation(broken.id, 'BROKEN_OFF');
      const refused = await place({ labourRequestId: broken.id, workerId: w.id, startDate: '2026-05-04' }).expect(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'labourRequestId', code: 'NEGOTIATION_NOT_AGREED' })]);
      expect(codes(await place({ labourRequestId: broken.id, workerId: w.id, startDate: '2026-05-04', monthlyWageRub: 90_000 }).expect(422))).toEqual([
        'NEGOTIATION_NOT_AGREED',
      ]);
      expect(await requestRow(broken.id)).toMatchObject({ placedCount: 0 });
      const agreed = await approved();
      const offer = await negotiation(agreed.id, 'AGREED', 70_000);
      const res = await place({ labourRequestId: agreed.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(res.body).toMatchObject({
        monthlyWageRub: 70_000,
        hoursPerWeek: 36,
        housingProvided: false,
        mealsProvided: true,
        deductionsRub: 3_000,
        agreedOfferId: offer.id,
      });
    });

    it('refuses explicit terms worse than the agreed ones, naming each field (TERMS_BELOW_AGREED); better ones pass', async () => {
      const r = await approved();
      await negotiation(r.id, 'AGREED', 70_000); // 36 h, meals, 3 000 ₽ deductions
      const w = await readyWorker();
      const at = { labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' };
      const below = await place({ ...at, monthlyWageRub: 65_000 }).expect(422);
      expect(below.body.errors).toEqual([expect.objectContaining({ field: 'monthlyWageRub', code: 'TERMS_BELOW_AGREED', agreed: 70_000 })]);
      const worse = await place({ ...at, hoursPerWeek: 40, deductionsRub: 4_000, mealsProvided: false }).expect(422);
      expect(worse.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['hoursPerWeek', 'TERMS_BELOW_AGREED'],
        ['deductionsRub', 'TERMS_BELOW_AGREED'],
        ['mealsProvided', 'TERMS_BELOW_AGREED'],
        // deductions with neither housing nor meals: the offer rules of the negotiation refuse them too
        ['deductionsRub', 'DEDUCTIONS_WITHOUT_BENEFIT'],
      ]);
      expect(await requestRow(r.id)).toMatchObject({ placedCount: 0 });
      const better = await place({ ...at, monthlyWageRub: 72_000, hoursPerWeek: 32, deductionsRub: 1_000, housingProvided: true }).expect(201);
      expect(better.body).toMatchObject({ monthlyWageRub: 72_000, hoursPerWeek: 32, deductionsRub: 1_000, housingProvided: true, mealsProvided: true });
    });

    it('runs the offer rules on the final terms: deduction share, deductions without a benefit, hours beyond the normal week', async () => {
      const r = await approved(); // 60 000 ₽, 40 h, housing, no meals, no negotiation
      const w = await readyWorker();
      const at = { labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' };
      const over = await place({ ...at, hoursPerWeek: 48, deductionsRub: 15_000 }).expect(422);
      expect(over.body.code).toBe('PLACEMENT_PRECONDITIONS_FAILED');
      expect(over.body.errors).toEqual([
        expect.objectContaining({ field: 'hoursPerWeek', code: 'HOURS_OVER_LIMIT', maxHours: 40 }),
        expect.objectContaining({ field: 'deductionsRub', code: 'DEDUCTIONS_OVER_SHARE', maxDeductionRub: 12_000 }),
      ]);
      expect(codes(await place({ ...at, housingProvided: false, deductionsRub: 2_000 }).expect(422))).toEqual(['DEDUCTIONS_WITHOUT_BENEFIT']);
      // a request of 48 hours is no overtime agreement either
      const long = await approved({ hoursPerWeek: 48 });
      expect(codes(await place({ labourRequestId: long.id, workerId: w.id, startDate: '2026-05-04' }).expect(422))).toEqual(['HOURS_OVER_LIMIT']);
      expect(await workerStatus(w.id)).toBe('READY_TO_WORK');
      // overtime agreed in the negotiation: 48 hours are placed, and audited as overtime
      const agreedOvertime = await approved({ hoursPerWeek: 48 });
      await negotiation(agreedOvertime.id, 'AGREED', 75_000, { hoursPerWeek: 48, includesOvertime: true });
      const placed = await place({ labourRequestId: agreedOvertime.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(placed.body).toMatchObject({ hoursPerWeek: 48, monthlyWageRub: 75_000 });
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: placed.body.id, action: 'placement.create' } });
      expect(audit.changes).toMatchObject({ hoursPerWeek: 48, includesOvertime: true });
      // exactly 20 % is allowed
      await place({ labourRequestId: r.id, workerId: (await readyWorker()).id, startDate: '2026-05-04', deductionsRub: 12_000 }).expect(201);
    });

    it('a worker already placed is refused; the second of two racing placements of one worker gets 409 or 422', async () => {
      const [a, b] = [await approved(), await approved()];
      const w = await readyWorker();
      await place({ labourRequestId: a.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(codes(await place({ labourRequestId: b.id, workerId: w.id, startDate: '2026-05-04' }).expect(422))).toEqual([
        'WORKER_NOT_READY',
        'WORKER_ALREADY_PLACED',
      ]);
      const racer = await readyWorker();
      const answers = await Promise.all([a, b].map((r) => place({ labourRequestId: r.id, workerId: racer.id, startDate: '2026-05-04' })));
      const statuses = answers.map((x) => x.status).sort();
      expect(statuses[0]).toBe(201);
      expect([409, 422]).toContain(statuses[1]);
      expect(await prisma.placement.count({ where: { workerId: racer.id, status: 'ACTIVE' } })).toBe(1);
      // the refused one took no place: its conditional UPDATE rolled back with it
      expect((await requestRow(a.id)).placedCount + (await requestRow(b.id)).placedCount).toBe(2);
    });

    it('holds the headcount under concurrency: 10 parallel placements against 5 approved places → exactly 5', async () => {
      const r = await approved({ workersRequested: 5, approvedCount: 5 });
      const workers = [];
      for (let i = 0; i < 10; i++) workers.push(await readyWorker());
      const answers = await Promise.all(workers.map((w) => place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' })));
      const statuses = answers.map((x) => x.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === 422)).toHaveLength(5);
      for (const refused of answers.filter((x) => x.status === 422)) {
        expect(['HEADCOUNT_REACHED', 'PLACEMENT_PRECONDITIONS_FAILED']).toContain(refused.body.code);
      }
      expect(await requestRow(r.id)).toMatchObject({ placedCount: 5, status: 'FILLED' });
      expect(await fillAudits(r.id)).toHaveLength(1);
      expect(await prisma.placement.count({ where: { labourRequestId: r.id } })).toBe(5);
      const employed = await prisma.worker.count({ where: { id: { in: workers.map((w) => w.id) }, status: 'EMPLOYED' } });
      expect(employed).toBe(5);
    });
  });

  describe('reading placements', () => {
    let own: { id: string; workerId: string; labourRequestId: string };
    let foreign: { id: string };

    beforeAll(async () => {
      const r = await approved();
      const w = await readyWorker();
      await prisma.worker.update({ where: { id: w.id }, data: { phone: '+998901234567' } });
      const res = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      own = { id: res.body.id, workerId: w.id, labourRequestId: r.id };
      const other = await approved({}, ctx.otherEmployer.id);
      const ow = await readyWorker();
      foreign = { id: (await place({ labourRequestId: other.id, workerId: ow.id, startDate: '2026-05-04' }).expect(201)).body.id };
    });

    it("an employer reads its own placement with the worker's name and citizenship only", async () => {
      const res = await request(t.http).get(`/api/v1/placements/${own.id}`).set(as(Role.EMPLOYER)).expect(200);
      expect(Object.keys(res.body.worker).sort()).toEqual(['caseNumber', 'citizenship', 'firstNameCyr', 'firstNameLat', 'id', 'lastNameCyr', 'lastNameLat']);
      expect(JSON.stringify(res.body)).not.toContain('+998901234567');
      expect(res.headers.etag).toBe('"1"');
      for (const role of [Role.ADMIN, Role.STAFF]) await request(t.http).get(`/api/v1/placements/${own.id}`).set(as(role)).expect(200);
      await request(t.http).get(`/api/v1/placements/${own.id}`).set(as(Role.LIAISON)).expect(403);
    });

    it("another employer's placement is 404 with no data, like an unknown or malformed id", async () => {
      const res = await request(t.http).get(`/api/v1/placements/${foreign.id}`).set(as(Role.EMPLOYER)).expect(404);
      expect(res.body.code).toBe('PLACEMENT_NOT_FOUND');
      expect(res.body).not.toHaveProperty('id');
      await request(t.http).get(`/api/v1/placements/${UNKNOWN}`).set(as(Role.STAFF)).expect(404);
      await request(t.http).get('/api/v1/placements/not-a-uuid').set(as(Role.STAFF)).expect(404);
      const outsider = await createUser(t, Role.EMPLOYER, { employerId: ctx.otherEmployer.id });
      const token = (await login(t, outsider.email, outsider.password)).accessToken;
      await request(t.http).get(`/api/v1/placements/${own.id}`).set('Authorization', `Bearer ${token}`).expect(404);
      await request(t.http).get(`/api/v1/placements/${foreign.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    });

    it("the list is scoped to the employer's own placements and filters by field", async () => {
      const mine = await request(t.http).get('/api/v1/placements?limit=200').set(as(Role.EMPLOYER)).expect(200);
      const ids = mine.body.items.map((p: { id: string }) => p.id);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(foreign.id);
      expect(mine.body.items.every((p: { employerId: string }) => p.employerId === ctx.employer.id)).toBe(true);
      const peek = await request(t.http).get(`/api/v1/placements?employerId=${ctx.otherEmployer.id}`).set(as(Role.EMPLOYER)).expect(200);
      expect(peek.body.items).toEqual([]);
      const staff = await request(t.http).get('/api/v1/placements?limit=200').set(as(Role.STAFF)).expect(200);
      expect(staff.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([own.id, foreign.id]));
      const byWorker = await request(t.http).get(`/api/v1/placements?workerId=${own.workerId}`).set(as(Role.ADMIN)).expect(200);
      expect(byWorker.body.items.map((p: { id: string }) => p.id)).toEqual([own.id]);
      const byRequest = await request(t.http).get(`/api/v1/placements?labourRequestId=${own.labourRequestId}&status=ACTIVE`).set(as(Role.STAFF)).expect(200);
      expect(byRequest.body.items.map((p: { id: string }) => p.id)).toEqual([own.id]);
      const ended = await request(t.http).get(`/api/v1/placements?labourRequestId=${own.labourRequestId}&status=ENDED`).set(as(Role.STAFF)).expect(200);
      expect(ended.body.items).toEqual([]);
      await request(t.http).get('/api/v1/placements').set(as(Role.LIAISON)).expect(403);
      await request(t.http).get('/api/v1/placements?status=PAUSED').set(as(Role.STAFF)).expect(400);
      await request(t.http).get('/api/v1/placements?workerId=x').set(as(Role.STAFF)).expect(400);
    });

    it('pages with a cursor', async () => {
      const first = await request(t.http).get('/api/v1/placements?limit=1').set(as(Role.STAFF)).expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(t.http).get(`/api/v1/placements?limit=1&cursor=${first.body.nextCursor}`).set(as(Role.STAFF)).expect(200);
      expect(second.body.items[0].id > first.body.items[0].id).toBe(true);
      await request(t.http).get('/api/v1/placements?cursor=garbage').set(as(Role.STAFF)).expect(400);
    });
  });

  describe('POST /placements/:id/end', () => {
    it('ends a placement: the worker moves to BETWEEN_JOBS, the place stays counted, the worker may be placed again', async () => {
      const r = await approved();
      const w = await readyWorker();
      const p = (await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201)).body;
      const res = await request(t.http)
        .post(`/api/v1/placements/${p.id}/end`)
        .set(as(Role.STAFF))
        .send({ endDate: '2026-09-30', reason: 'Seasonal work finished' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'ENDED', endDate: '2026-09-30', endReason: 'Seasonal work finished', version: 2 });
      expect((await request(t.http).get(`/api/v1/placements/${p.id}`).set(as(Role.ADMIN)).expect(200)).body.endReason).toBe('Seasonal work finished');
      expect(await workerStatus(w.id)).toBe('BETWEEN_JOBS');
      expect((await requestRow(r.id)).placedCount).toBe(1);
      const audit = await prisma.auditEvent.findMany({ where: { entityId: p.id, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['placement.create', 'placement.end']);
      await request(t.http).post(`/api/v1/placements/${p.id}/end`).set(as(Role.ADMIN)).send({ endDate: '2026-09-30', reason: 'again' }).expect(409);
      await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-10-01' }).expect(201);
      expect((await requestRow(r.id)).placedCount).toBe(2);
    });

    it('never shows the employer why a placement ended (it could reveal a complaint), in a read or in the list', async () => {
      const r = await approved();
      const w = await readyWorker();
      const p = (await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201)).body;
      const reason = 'Removed after a complaint about unpaid wages';
      await request(t.http).post(`/api/v1/placements/${p.id}/end`).set(as(Role.STAFF)).send({ endDate: '2026-06-30', reason }).expect(200);
      const staff = await request(t.http).get(`/api/v1/placements/${p.id}`).set(as(Role.STAFF)).expect(200);
      expect(staff.body.endReason).toBe(reason);
      const read = await request(t.http).get(`/api/v1/placements/${p.id}`).set(as(Role.EMPLOYER)).expect(200);
      expect(read.body).toMatchObject({ status: 'ENDED', endDate: '2026-06-30' });
      expect(read.body).not.toHaveProperty('endReason');
      expect(JSON.stringify(read.body)).not.toContain('complaint');
      const list = await request(t.http).get(`/api/v1/placements?labourRequestId=${r.id}`).set(as(Role.EMPLOYER)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: p.id, status: 'ENDED' })]);
      expect(list.body.items[0]).not.toHaveProperty('endReason');
      expect(JSON.stringify(list.body)).not.toContain('complaint');
    });

    it('refuses an end date before the start or in the future (422), unknown ids (404) and other roles (403)', async () => {
      const r = await approved();
      const w = await readyWorker();
      const p = (await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201)).body;
      const end = (body: object, role = Role.STAFF, id = p.id) => request(t.http).post(`/api/v1/placements/${id}/end`).set(as(role)).send(body);
      const before = await end({ endDate: '2026-05-03', reason: 'mistake' }).expect(422);
      expect(before.body).toMatchObject({ code: 'PLACEMENT_END_INVALID', errors: [{ field: 'endDate', code: 'END_BEFORE_START' }] });
      expect(codes(await end({ endDate: '2999-01-01', reason: 'too early' }).expect(422))).toEqual(['END_IN_FUTURE']);
      await end({ endDate: '2026-06-01' }).expect(400);
      await end({ endDate: '2026-06-01', reason: 'ok', extra: 1 }).expect(400);
      await end({ endDate: '2026-06-01', reason: 'unknown' }, Role.STAFF, UNKNOWN).expect(404);
      for (const role of [Role.LIAISON, Role.EMPLOYER]) await end({ endDate: '2026-06-01', reason: 'not mine to end' }, role).expect(403);
      expect(await workerStatus(w.id)).toBe('EMPLOYED');
    });
  });

  describe('POST /placements/:id/contract-notifications', () => {
    let p: { id: string };
    const notify = (body: object, role = Role.EMPLOYER, id = p.id) =>
      request(t.http).post(`/api/v1/placements/${id}/contract-notifications`).set(as(role)).send(body);

    beforeAll(async () => {
      const r = await approved();
      const w = await readyWorker();
      p = (await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201)).body;
    });

    it('validates the notice: not before the contract date, not in the future, termination only once ended', async () => {
      expect(
        await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-01' })
          .expect(422)
          .then((r) => r.body),
      ).toMatchObject({
        code: 'CONTRACT_NOTIFICATION_INVALID',
        errors: [{ field: 'notifiedOn', code: 'NOTICE_BEFORE_CONTRACT_DATE' }],
      });
      expect(codes(await notify({ kind: 'CONCLUSION', notifiedOn: '2999-01-01' }).expect(422))).toEqual(['NOTICE_IN_FUTURE']);
      expect((await notify({ kind: 'TERMINATION', notifiedOn: '2026-05-05' }).expect(409)).body.code).toBe('PLACEMENT_NOT_ENDED');
      await notify({ kind: 'HIRED', notifiedOn: '2026-05-05' }).expect(400);
      await notify({ kind: 'CONCLUSION', notifiedOn: '05.05.2026' }).expect(400);
      await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-05', extra: true }).expect(400);
      await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-05' }, Role.LIAISON).expect(403);
      await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-05' }, Role.STAFF, UNKNOWN).expect(404);
    });

    it('the employer records a late conclusion notice on its own placement; a second one is 409', async () => {
      // concluded Monday 4 May 2026: due Thursday 7 May (3 working days)
      const res = await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-12', reference: 'MVD-55-0001' }).expect(201);
      expect(res.body).toMatchObject({
        placementId: p.id,
        kind: 'CONCLUSION',
        notifiedOn: '2026-05-12',
        dueOn: '2026-05-07',
        late: true,
        reference: 'MVD-55-0001',
      });
      const dup = await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-06' }, Role.STAFF).expect(409);
      expect(dup.body.code).toBe('CONTRACT_NOTIFICATION_DUPLICATE');
      const read = await request(t.http).get(`/api/v1/placements/${p.id}`).set(as(Role.EMPLOYER)).expect(200);
      expect(read.body.contractNotifications).toEqual([expect.objectContaining({ kind: 'CONCLUSION', late: true })]);
      const audit = await prisma.auditEvent.findMany({ where: { entityId: res.body.id, action: 'contract_notification.create' } });
      expect(audit).toHaveLength(1);
    });

    it('staff record a termination notice on time once the placement has ended', async () => {
      await request(t.http)
        .post(`/api/v1/placements/${p.id}/end`)
        .set(as(Role.STAFF))
        .send({ endDate: '2026-10-30', reason: 'Contract term over' })
        .expect(200);
      // ended Friday 30 October: due Thursday 5 November (the weekend and Unity Day, 4 November, are days off)
      const res = await notify({ kind: 'TERMINATION', notifiedOn: '2026-11-02' }, Role.STAFF).expect(201);
      expect(res.body).toMatchObject({ kind: 'TERMINATION', dueOn: '2026-11-05', late: false, reference: null });
      expect((await notify({ kind: 'TERMINATION', notifiedOn: '2026-10-29' }, Role.ADMIN).expect(409)).body.code).toBe('CONTRACT_NOTIFICATION_DUPLICATE');
    });

    it("another employer's placement answers 404 and records nothing", async () => {
      const other = await approved({}, ctx.otherEmployer.id);
      const w = await readyWorker();
      const foreign = (await place({ labourRequestId: other.id, workerId: w.id, startDate: '2026-05-04' }).expect(201)).body;
      const res = await notify({ kind: 'CONCLUSION', notifiedOn: '2026-05-05' }, Role.EMPLOYER, foreign.id).expect(404);
      expect(res.body.code).toBe('PLACEMENT_NOT_FOUND');
      expect(res.body).not.toHaveProperty('id');
      expect(await prisma.contractNotification.count({ where: { placementId: foreign.id } })).toBe(0);
    });
  });
});
