import ICAL from 'ical.js';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { PlacementsService } from '../../src/placements/placements.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createAgency, createRoleUsers, createUser, login, systemActor } from '../factories/users';
import { createWorker, readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

describe('deadlines', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const recompute = (workerId: string) => t.app.get(PrismaService).$transaction((tx) => t.app.get(DeadlinesService).recompute(tx, workerId, systemActor().id));
  const travelTo = (day: string) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${day}T09:00:00Z`));
  const ofWorker = async (id: string, role = Role.STAFF) => (await request(t.http).get(`/api/v1/workers/${id}/deadlines`).set(as(role)).expect(200)).body.items;
  let uz: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    travelTo('2026-03-06');
    uz = await createWorker(t, {
      citizenship: 'UZ',
      arrivalDate: '2026-03-05',
      recruitmentChannel: 'PARTNER_AGENCY',
      partnerAgencyId: ctx.agency.id,
      caseworkerId: ctx.users.STAFF.id,
    });
    await recompute(uz.id);
  });
  afterEach(() => travelTo('2026-03-06'));
  afterAll(() => t?.close());

  it('an arrival gives the worker’s obligations, dated by the rules of their citizenship and the production calendar', async () => {
    const items = await ofWorker(uz.id);
    const due = Object.fromEntries(items.map((d: { kind: string; dueDate: string }) => [d.kind, d.dueDate]));
    expect(due).toEqual({ MIGRATION_REGISTRATION: '2026-03-17', MEDICAL_EXAM: '2026-04-04', PATENT_APPLICATION: '2026-04-04' });
    expect(items[0]).toMatchObject({
      workerId: uz.id,
      status: 'OPEN',
      assigneeId: ctx.users.STAFF.id,
      employerId: null,
      source: { type: 'worker', id: uz.id },
      doneBy: null,
      version: 1,
    });
  });

  it('recomputing twice changes nothing', async () => {
    const before = await ofWorker(uz.id);
    await recompute(uz.id);
    await recompute(uz.id);
    expect(await ofWorker(uz.id)).toEqual(before);
  });

  it('lists by due date with filters: kind, status, dueBefore, overdue, assignee=me', async () => {
    const list = (q: string, role = Role.STAFF) => request(t.http).get(`/api/v1/deadlines?workerId=${uz.id}&${q}`).set(as(role)).expect(200);
    expect((await list('kind=MEDICAL_EXAM')).body.items.map((d: { kind: string }) => d.kind)).toEqual(['MEDICAL_EXAM']);
    expect((await list('dueBefore=2026-03-31')).body.items.map((d: { kind: string }) => d.kind)).toEqual(['MIGRATION_REGISTRATION']);
    expect((await list('overdue=true')).body.items).toEqual([]);
    travelTo('2026-03-20');
    expect((await list('overdue=true')).body.items.map((d: { kind: string }) => d.kind)).toEqual(['MIGRATION_REGISTRATION']);
    expect((await list('assignee=me')).body.items).toHaveLength(3);
    expect((await list('assignee=me', Role.ADMIN)).body.items).toHaveLength(0);
    // the worker given to another caseworker: their deadlines follow, whoever reads the list
    const version = (await request(t.http).get(`/api/v1/workers/${uz.id}`).set(as(Role.STAFF)).expect(200)).body.version;
    await request(t.http)
      .patch(`/api/v1/workers/${uz.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', `"${version}"`)
      .send({ caseworkerId: ctx.users.ADMIN.id })
      .expect(200);
    expect((await list('assignee=me')).body.items).toHaveLength(0);
    expect((await list('assignee=me', Role.ADMIN)).body.items.map((d: { assigneeId: string }) => d.assigneeId)).toEqual(Array(3).fill(ctx.users.ADMIN.id));
    await request(t.http)
      .patch(`/api/v1/workers/${uz.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', `"${version + 1}"`)
      .send({ caseworkerId: ctx.users.STAFF.id })
      .expect(200);
    expect((await list('assignee=me')).body.items).toHaveLength(3);
    expect((await list('status=DONE')).body.items).toHaveLength(0);
    const paged = await list('limit=2');
    expect(paged.body.items).toHaveLength(2);
    const rest = await list(`limit=2&cursor=${encodeURIComponent(paged.body.nextCursor)}`);
    expect(rest.body).toMatchObject({ items: [expect.anything()], nextCursor: null });
  });

  it.each([
    ['status=LATE', 'status'],
    ['kind=VISA', 'kind'],
    ['dueBefore=31.03.2026', 'dueBefore'],
    ['dueBefore=2026-13-01', 'dueBefore'],
    ['overdue=yes', 'overdue'],
    ['assignee=someone', 'assignee'],
    ['workerId=42', 'workerId'],
  ])('refuses %s with 400 naming the parameter', async (q, field) => {
    const res = await request(t.http).get(`/api/v1/deadlines?${q}`).set(as(Role.STAFF)).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a liaison officer sees their agencies’ workers only; an employer no worker obligations', async () => {
    const elsewhere = await createWorker(t, {
      citizenship: 'TJ',
      arrivalDate: '2026-03-05',
      recruitmentChannel: 'PARTNER_AGENCY',
      partnerAgencyId: (await createAgency(t)).id,
    });
    await recompute(elsewhere.id);
    expect((await ofWorker(elsewhere.id)).find((d: { kind: string }) => d.kind === 'MIGRATION_REGISTRATION').dueDate).toBe('2026-03-20');
    const liaison = await request(t.http).get('/api/v1/deadlines').set(as(Role.LIAISON)).expect(200);
    expect(new Set(liaison.body.items.map((d: { workerId: string }) => d.workerId))).toEqual(new Set([uz.id]));
    await request(t.http).get(`/api/v1/workers/${elsewhere.id}/deadlines`).set(as(Role.LIAISON)).expect(404);
    expect((await request(t.http).get('/api/v1/deadlines').set(as(Role.EMPLOYER)).expect(200)).body.items).toEqual([]);
    await request(t.http).get(`/api/v1/workers/${uz.id}/deadlines`).set(as(Role.EMPLOYER)).expect(403);
  });

  it('follows the records through the API: the arrival dates them, the papers fulfil them, a payment moves the next one', async () => {
    const staff = as(Role.STAFF);
    const created = await request(t.http)
      .post('/api/v1/workers?force=true')
      .set(staff)
      .send({
        lastNameCyr: 'Тошматов',
        firstNameCyr: 'Алишер',
        lastNameLat: 'TOSHMATOV',
        firstNameLat: 'ALISHER',
        birthDate: '1994-04-04',
        sex: 'MALE',
        citizenship: 'UZ',
        recruitmentChannel: 'WALK_IN',
        arrivalDate: '2026-03-05',
      })
      .expect(201);
    const id = created.body.id;
    const kinds = async () =>
      Object.fromEntries(
        (await ofWorker(id)).map((d: { key?: string; kind: string; status: string; dueDate: string; doneBy: unknown }) => [
          `${d.kind}@${d.dueDate}`,
          { status: d.status, doneBy: d.doneBy },
        ]),
      );
    expect(Object.keys(await kinds()).sort()).toEqual(['MEDICAL_EXAM@2026-04-04', 'MIGRATION_REGISTRATION@2026-03-17', 'PATENT_APPLICATION@2026-04-04']);
    travelTo('2026-03-12');
    const notice = await request(t.http)
      .post(`/api/v1/workers/${id}/documents`)
      .set(staff)
      .send({ type: 'REGISTRATION_NOTICE', issuedOn: '2026-03-10', expiresOn: '2026-06-30' })
      .expect(201);
    expect((await kinds())['MIGRATION_REGISTRATION@2026-03-17']).toEqual({ status: 'DONE', doneBy: { type: 'document', id: notice.body.id } });
    expect(await kinds()).toMatchObject({ 'DOCUMENT_EXPIRY@2026-06-30': { status: 'OPEN' }, 'STATUS_CLIFF@2026-06-20': { status: 'OPEN' } });
    travelTo('2026-03-20');
    const patent = await request(t.http)
      .post(`/api/v1/workers/${id}/documents`)
      .set(staff)
      .send({ type: 'PATENT', number: '55 4400001', issuer: 'УВМ УМВД России по Омской области', issuedOn: '2026-03-20', expiresOn: '2027-03-19' })
      .expect(201);
    const withPatent = await kinds();
    expect(withPatent['PATENT_APPLICATION@2026-04-04'].status).toBe('DONE');
    expect(withPatent['CONTRACT_COPY@2026-05-20']).toEqual({ status: 'OPEN', doneBy: null });
    const pay = (months: number, receiptNumber: string) =>
      request(t.http)
        .post(`/api/v1/workers/${id}/patent-payments`)
        .set(staff)
        .send({ documentId: patent.body.id, paidOn: '2026-03-20', months, amountRub: 4900 * months, receiptNumber })
        .expect(201);
    const paidUntil = (await pay(2, 'R-1')).body.paidUntil;
    const first = await kinds();
    expect(first[`PATENT_PAYMENT@${paidUntil}`]).toEqual({ status: 'OPEN', doneBy: null });
    const nextPaidUntil = (await pay(1, 'R-2')).body.paidUntil;
    const paid = await kinds();
    expect(paid[`PATENT_PAYMENT@${paidUntil}`]).toMatchObject({ status: 'DONE', doneBy: { type: 'patent_payment' } });
    expect(paid[`PATENT_PAYMENT@${nextPaidUntil}`]).toEqual({ status: 'OPEN', doneBy: null });
    expect(Object.keys(paid).filter((k) => k.startsWith('PATENT_PAYMENT@') && paid[k].status === 'OPEN')).toHaveLength(1);
  });

  it('an employer sees its own MVD notice obligations only; another employer none', async () => {
    travelTo('2026-03-06');
    const request_ = await createApprovedRequest(t, ctx.employer.id, {
      preferredCitizenships: ['KG'],
      periodStart: '2026-03-01',
      periodEnd: '2026-12-31',
      workersRequested: 1,
    });
    const kg = await readyWorker(t, 'KG');
    travelTo('2026-03-10');
    await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: request_.id, workerId: kg.id, startDate: '2026-03-10' });
    const own = await request(t.http).get('/api/v1/deadlines').set(as(Role.EMPLOYER)).expect(200);
    expect(own.body.items).toEqual([
      expect.objectContaining({ workerId: kg.id, kind: 'CONTRACT_NOTIFICATION', employerId: ctx.employer.id, dueDate: '2026-03-13' }),
    ]);
    const other = await createUser(t, Role.EMPLOYER, { employerId: ctx.otherEmployer.id });
    const token = (await login(t, other.email, other.password)).accessToken;
    expect((await request(t.http).get('/api/v1/deadlines').set('Authorization', `Bearer ${token}`).expect(200)).body.items).toEqual([]);
    const id = own.body.items[0].id;
    await request(t.http).patch(`/api/v1/deadlines/${id}`).set('Authorization', `Bearer ${token}`).set('If-Match', '"1"').send({ status: 'OPEN' }).expect(403);
    // the staff list of that employer
    expect(
      (await request(t.http).get(`/api/v1/deadlines?employerId=${ctx.employer.id}`).set(as(Role.STAFF)).expect(200)).body.items.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual([id]);
  });

  describe('PATCH /deadlines/:id', () => {
    const medical = async () => (await ofWorker(uz.id)).find((d: { kind: string }) => d.kind === 'MEDICAL_EXAM');
    const patch = (id: string, body: object, ifMatch?: string, role = Role.STAFF) => {
      const req = request(t.http).patch(`/api/v1/deadlines/${id}`).set(as(role));
      return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
    };

    it('waives with a reason, audited; reopens; the ETag follows the version', async () => {
      const d = await medical();
      const res = await patch(d.id, { status: 'WAIVED', reason: 'examined in Tashkent before departure' }, `"${d.version}"`).expect(200);
      expect(res.body).toMatchObject({
        status: 'WAIVED',
        waiveReason: 'examined in Tashkent before departure',
        completedBy: ctx.users.STAFF.id,
        version: d.version + 1,
      });
      expect(res.headers.etag).toBe(`"${d.version + 1}"`);
      await recompute(uz.id); // a recomputation leaves a waived deadline waived
      expect((await medical()).status).toBe('WAIVED');
      const reopened = await patch(d.id, { status: 'OPEN' }, res.headers.etag, Role.ADMIN).expect(200);
      expect(reopened.body).toMatchObject({ status: 'OPEN', waiveReason: null });
      const audit = await t.app.get(PrismaService).auditEvent.findMany({ where: { entityType: 'deadline', entityId: d.id }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['deadline.waive', 'deadline.reopen']);
    });

    it('reopening a deadline whose day has passed makes it MISSED', async () => {
      const d = await medical();
      const waived = await patch(d.id, { status: 'WAIVED', reason: 'x' }, `"${d.version}"`).expect(200);
      travelTo('2026-04-10');
      expect((await patch(d.id, { status: 'OPEN' }, waived.headers.etag).expect(200)).body.status).toBe('MISSED');
    });

    it('answers 422 without a reason, 428 without If-Match, 412 when stale, 409 from a wrong state, 404 for an unknown id', async () => {
      const d = await medical();
      expect((await patch(d.id, { status: 'WAIVED' }, `"${d.version}"`).expect(422)).body.code).toBe('WAIVE_REASON_REQUIRED');
      expect((await patch(d.id, { status: 'WAIVED', reason: 'x' }).expect(428)).body.code).toBe('PRECONDITION_REQUIRED');
      expect((await patch(d.id, { status: 'WAIVED', reason: 'x' }, '"999"').expect(412)).body.code).toBe('PRECONDITION_FAILED');
      expect((await patch(d.id, { status: d.status === 'WAIVED' ? 'WAIVED' : 'OPEN', reason: 'x' }, `"${d.version}"`).expect(409)).body.code).toBe(
        'DEADLINE_STATE_CONFLICT',
      );
      expect((await patch('00000000-0000-4000-8000-000000000099', { status: 'OPEN' }, '"1"').expect(404)).body.code).toBe('DEADLINE_NOT_FOUND');
      await patch(d.id, { status: 'DONE' }, `"${d.version}"`).expect(400);
      await patch(d.id, { status: 'WAIVED', reason: 'x' }, `"${d.version}"`, Role.LIAISON).expect(403);
      await patch(d.id, { status: 'WAIVED', reason: 'x' }, `"${d.version}"`, Role.EMPLOYER).expect(403);
    });

    it('the database refuses a waived deadline without a reason', async () => {
      const d = await medical();
      await expect(
        t.app.get(PrismaService).$executeRawUnsafe(`UPDATE deadlines SET status = 'WAIVED', waive_reason = NULL WHERE id = '${d.id}'`),
      ).rejects.toThrow(/deadlines_waived_with_reason/);
    });
  });

  it('sums the caller’s deadlines by kind and status: overdue, due within 7 and 30 days', async () => {
    travelTo('2026-03-16');
    const res = await request(t.http).get('/api/v1/deadlines/summary').set(as(Role.LIAISON)).expect(200);
    const reg = res.body.kinds.find((k: { kind: string }) => k.kind === 'MIGRATION_REGISTRATION');
    expect(reg).toMatchObject({ overdue: 0, dueIn7Days: 1, dueIn30Days: 1 });
    expect(res.body.today).toBe('2026-03-16');
    expect(res.body.total.byStatus.OPEN + res.body.total.byStatus.WAIVED + res.body.total.byStatus.MISSED).toBe(3);
    // an employer's summary counts its own MVD notices only, never a worker's papers
    const employer = (await request(t.http).get('/api/v1/deadlines/summary').set(as(Role.EMPLOYER)).expect(200)).body;
    const counted = (k: { overdue: number; dueIn30Days: number; byStatus: Record<string, number> }) =>
      k.overdue + k.dueIn30Days + Object.values(k.byStatus).reduce((a, b) => a + b, 0);
    expect(employer.kinds.filter((k: { kind: string }) => !k.kind.endsWith('_NOTIFICATION')).map(counted)).toEqual(Array(7).fill(0));
  });

  it('answers Accept: text/calendar with an iCalendar file, one all-day event per deadline', async () => {
    const res = await request(t.http).get(`/api/v1/deadlines?workerId=${uz.id}`).set(as(Role.STAFF)).set('Accept', 'text/calendar').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(3);
    const reg = events.find((e) => e.summary.startsWith('migration registration'))!;
    expect(reg.startDate.toString()).toBe('2026-03-17');
    expect(reg.startDate.isDate).toBe(true);
    expect(reg.summary).toContain('OMS-');
  });

  describe('rules (GET, POST /reference/deadline-rules)', () => {
    const rule = {
      kind: 'MIGRATION_REGISTRATION',
      trigger: 'ARRIVAL',
      regime: 'PATENT',
      offset: 10,
      unit: 'WORKING_DAYS',
      effectiveFrom: '2027-01-01',
      note: 'a new law',
    };

    it('lists the seeded rows, a Tajik row beside the patent regime’s', async () => {
      const res = await request(t.http).get('/api/v1/reference/deadline-rules').set(as(Role.EMPLOYER)).expect(200);
      const reg = res.body.filter((r: { kind: string }) => r.kind === 'MIGRATION_REGISTRATION');
      expect(reg).toContainEqual(expect.objectContaining({ regime: 'PATENT', citizenship: 'TJ', offset: 15, unit: 'DAYS', effectiveTo: null }));
    });

    it('refuses a row overlapping one of the same kind, trigger, regime and citizenship (409); accepts one for other days or another citizenship', async () => {
      const clash = await request(t.http).post('/api/v1/reference/deadline-rules').set(as(Role.ADMIN)).send(rule).expect(409);
      expect(clash.body).toMatchObject({ code: 'DEADLINE_RULE_OVERLAPS', conflictingRuleId: expect.any(String) });
      const ok = await request(t.http)
        .post('/api/v1/reference/deadline-rules')
        .set(as(Role.ADMIN))
        .send({ ...rule, citizenship: 'KG', regime: 'EAEU', effectiveTo: '2027-12-31' })
        .expect(201);
      expect(ok.body).toMatchObject({ citizenship: 'KG', effectiveTo: '2027-12-31' });
      await request(t.http)
        .post('/api/v1/reference/deadline-rules')
        .set(as(Role.ADMIN))
        .send({ ...rule, citizenship: 'KG', regime: 'EAEU', effectiveFrom: '2027-06-01' })
        .expect(409);
      await request(t.http)
        .post('/api/v1/reference/deadline-rules')
        .set(as(Role.ADMIN))
        .send({ ...rule, citizenship: 'KG', regime: 'EAEU', effectiveFrom: '2028-01-01' })
        .expect(201);
    });

    it('answers 422 for dates out of order, 400 for an unknown kind or unit, 403 for anyone but administrators', async () => {
      expect(
        (
          await request(t.http)
            .post('/api/v1/reference/deadline-rules')
            .set(as(Role.ADMIN))
            .send({ ...rule, citizenship: 'AM', effectiveTo: '2026-01-01' })
            .expect(422)
        ).body.code,
      ).toBe('DEADLINE_RULE_DATES_INVALID');
      await request(t.http)
        .post('/api/v1/reference/deadline-rules')
        .set(as(Role.ADMIN))
        .send({ ...rule, kind: 'VISA_RENEWAL' })
        .expect(400);
      expect(
        (
          await request(t.http)
            .post('/api/v1/reference/deadline-rules')
            .set(as(Role.ADMIN))
            .send({ ...rule, citizenship: 'AZ', offset: -3 })
            .expect(422)
        ).body.code,
      ).toBe('DEADLINE_RULE_OFFSET_INVALID');
      await request(t.http)
        .post('/api/v1/reference/deadline-rules')
        .set(as(Role.ADMIN))
        .send({ ...rule, citizenship: 'AZ', effectiveFrom: '2027-02-30' })
        .expect(400);
      await request(t.http)
        .post('/api/v1/reference/deadline-rules')
        .set(as(Role.ADMIN))
        .send({ ...rule, unit: 'WEEKS' })
        .expect(400);
      for (const role of [Role.STAFF, Role.LIAISON, Role.EMPLOYER])
        await request(t.http).post('/api/v1/reference/deadline-rules').set(as(role)).send(rule).expect(403);
    });
  });
});
