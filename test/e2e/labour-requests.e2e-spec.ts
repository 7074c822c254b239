import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { EmployersService } from '../../src/employers/employers.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { QuotaAllocationsService } from '../../src/labour-requests/quota-allocations.service';
import { NegotiationsService } from '../../src/negotiations/negotiations.service';
import { ReferenceService } from '../../src/reference/reference.service';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers, createUser, login, systemActor, validInn } from '../factories/users';
import { atClock, createApprovedRequest, createDraftRequest, createSubmittedRequest, requestInput } from '../factories/labour-requests';
import { createWorker, readyWorker } from '../factories/workers';
import { PlacementsService } from '../../src/placements/placements.service';
import { ContractNotificationsService } from '../../src/placements/contract-notifications.service';

describe('labour requests', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let outsiderToken: string;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const asOutsider = () => ({ Authorization: `Bearer ${outsiderToken}` });
  const api = (path = '') => `/api/v1/labour-requests${path}`;
  const db = () => t.app.get(PrismaService);
  /** A worker placed under the request through the placements service (ended when `endDate` is given). */
  const placeWorker = async (labourRequestId: string, startDate: string, endDate?: string, citizenship = 'KG') => {
    const placements = t.app.get(PlacementsService);
    const patent = citizenship === 'KG' ? undefined : { issuedOn: '2026-01-10', expiresOn: '2026-12-31' };
    const p = await placements.create(systemActor(), { labourRequestId, workerId: (await readyWorker(t, citizenship, patent)).id, startDate });
    return endDate ? placements.end(systemActor(), p.id, { endDate, reason: 'season over' }) : p;
  };
  /** Runs `fn` as on `day` (the clock the submission checks the period against). */
  const onDay = <T>(day: string, fn: () => Promise<T>) => atClock(t, new Date(`${day}T09:00:00Z`), fn);
  const notice = (placementId: string, kind: 'CONCLUSION' | 'TERMINATION', notifiedOn: string) =>
    t.app.get(ContractNotificationsService).record(systemActor(), placementId, { kind, notifiedOn });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    const outsider = await createUser(t, Role.EMPLOYER, { employerId: ctx.otherEmployer.id });
    outsiderToken = (await login(t, outsider.email, outsider.password)).accessToken;
    // the overall 2026 limit most decisions here draw from
    await t.app.get(QuotaAllocationsService).create(systemActor(), { year: 2026, limit: 1000 });
  });
  afterAll(() => t?.close());

  describe('POST /labour-requests', () => {
    it('an employer user drafts for its own organisation; it may not name one', async () => {
      const res = await request(t.http)
        .post(api())
        .set(as(Role.EMPLOYER))
        .send({ ...requestInput(), notes: 'two shifts' })
        .expect(201);
      expect(res.body).toMatchObject({
        employerId: ctx.employer.id,
        status: 'DRAFT',
        version: 1,
        approvedCount: 0,
        periodStart: '2026-04-01',
        notes: 'two shifts',
      });
      expect(res.body).not.toHaveProperty('review');
      expect(res.headers.etag).toBe('"1"');
      const audit = await db().auditEvent.findMany({ where: { entityId: res.body.id, kind: 'CHANGE' } });
      expect(audit.map((a) => a.action)).toEqual(['labour_request.create']);
      const named = await request(t.http)
        .post(api())
        .set(as(Role.EMPLOYER))
        .send({ ...requestInput(), employerId: ctx.otherEmployer.id })
        .expect(400);
      expect(named.body.errors).toEqual([expect.objectContaining({ field: 'employerId' })]);
    });

    it('staff name the employer (required), which must exist', async () => {
      const ok = await request(t.http)
        .post(api())
        .set(as(Role.STAFF))
        .send({ ...requestInput(), employerId: ctx.otherEmployer.id })
        .expect(201);
      expect(ok.body).toMatchObject({ employerId: ctx.otherEmployer.id, status: 'DRAFT' });
      expect(ok.body.review.employerRisk).toEqual({ substantiatedComplaints: 0, lateContractNotifications: 0, missingContractNotifications: 0 });
      await request(t.http).post(api()).set(as(Role.ADMIN)).send(requestInput()).expect(400);
    });

    it('lists every content problem at once in one 422', async () => {
      const res = await request(t.http)
        .post(api())
        .set(as(Role.STAFF))
        .send({
          ...requestInput({ occupationCode: '9999', periodStart: '2026-05-01', periodEnd: '2026-04-30' }),
          employerId: '7d0f0b5e-7b5e-4a8e-9d0e-000000000000',
        })
        .expect(422);
      expect(res.body.code).toBe('LABOUR_REQUEST_INVALID');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['employerId', 'occupationCode', 'periodEnd']);
    });

    it('refuses malformed and unknown fields (400) and the liaison role (403)', async () => {
      await request(t.http)
        .post(api())
        .set(as(Role.EMPLOYER))
        .send({ ...requestInput(), status: 'APPROVED' })
        .expect(400);
      await request(t.http)
        .post(api())
        .set(as(Role.EMPLOYER))
        .send({ ...requestInput(), preferredCitizenships: ['Uzbekistan'] })
        .expect(400);
      await request(t.http)
        .post(api())
        .set(as(Role.EMPLOYER))
        .send({ ...requestInput(), periodStart: '2026-02-30' })
        .expect(400);
      await request(t.http)
        .post(api())
        .set(as(Role.EMPLOYER))
        .send({ ...requestInput(), hoursPerWeek: 61 })
        .expect(400);
      await request(t.http).post(api()).set(as(Role.LIAISON)).send(requestInput()).expect(403);
      await request(t.http).post(api()).send(requestInput()).expect(401);
    });
  });

  describe('GET /labour-requests/:id', () => {
    it('employer own: 200 without the review view; another employer: 404 and no data', async () => {
      const r = await createDraftRequest(t, ctx.employer.id);
      const own = await request(t.http)
        .get(api(`/${r.id}`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(own.body).toMatchObject({ id: r.id, workersRequested: 5 });
      expect(own.body).not.toHaveProperty('review');
      const foreign = await request(t.http)
        .get(api(`/${r.id}`))
        .set(asOutsider())
        .expect(404);
      expect(foreign.body.code).toBe('LABOUR_REQUEST_NOT_FOUND');
      expect(JSON.stringify(foreign.body)).not.toContain(ctx.employer.id);
      await request(t.http).get(api('/7d0f0b5e-7b5e-4a8e-9d0e-000000000000')).set(as(Role.STAFF)).expect(404);
      await request(t.http).get(api('/not-a-uuid')).set(as(Role.STAFF)).expect(404);
      await request(t.http)
        .get(api(`/${r.id}`))
        .set(as(Role.LIAISON))
        .expect(403);
    });

    it('staff and administrators see the review: risk indicator, quota allocation and the wage floor for the hours', async () => {
      const employer = await t.app.get(EmployersService).create(systemActor(), { name: 'Late notifier', inn: validInn(), okved: '41.20' });
      const approved = await createApprovedRequest(t, employer.id, { workersRequested: 2, preferredCitizenships: ['KG'] });
      const placement = await placeWorker(approved.id, '2026-04-01');
      await notice(placement.id, 'CONCLUSION', '2026-04-10'); // due 2026-04-06: late
      const part = await createSubmittedRequest(t, employer.id, { hoursPerWeek: 20 });
      for (const role of [Role.STAFF, Role.ADMIN]) {
        const res = await request(t.http)
          .get(api(`/${part.id}`))
          .set(as(role))
          .expect(200);
        expect(res.body.review).toEqual({
          employerRisk: { substantiatedComplaints: 0, lateContractNotifications: 1, missingContractNotifications: 0 },
          quotaAllocation: expect.objectContaining({ year: 2026, occupationCode: null, citizenship: null, limit: 1000, remaining: expect.any(Number) }),
          wageFloor: { year: 2026, floorRub: 15_579, hoursPerWeek: 20, mrotRub: 27_093, regionalCoefficient: 1.15 },
        });
      }
    });
    it("the risk counts notices never made past their due date (start or end + 3 working days), as of the clock's today", async () => {
      const employer = await t.app.get(EmployersService).create(systemActor(), { name: 'Silent notifier', inn: validInn(), okved: '41.20' });
      const approved = await createApprovedRequest(t, employer.id, { workersRequested: 3, preferredCitizenships: ['KG'] });
      await placeWorker(approved.id, '2026-04-01'); // no CONCLUSION notice: due Monday 2026-04-06
      const ended = await placeWorker(approved.id, '2026-04-01', '2026-05-04'); // CONCLUSION made late, no TERMINATION: due Thursday 2026-05-07
      await notice(ended.id, 'CONCLUSION', '2026-04-08');
      await placeWorker(approved.id, '2026-05-29'); // CONCLUSION due Wednesday 2026-06-03
      const riskOn = async (today: string) => {
        const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${today}T09:00:00Z`));
        try {
          return (
            await request(t.http)
              .get(api(`/${approved.id}`))
              .set(as(Role.STAFF))
              .expect(200)
          ).body.review.employerRisk;
        } finally {
          clock.mockRestore();
        }
      };
      expect(await riskOn('2026-04-06')).toEqual({ substantiatedComplaints: 0, lateContractNotifications: 1, missingContractNotifications: 0 });
      expect(await riskOn('2026-05-07')).toEqual({ substantiatedComplaints: 0, lateContractNotifications: 1, missingContractNotifications: 1 });
      expect(await riskOn('2026-06-01')).toEqual({ substantiatedComplaints: 0, lateContractNotifications: 1, missingContractNotifications: 2 });
      expect(await riskOn('2026-06-04')).toEqual({ substantiatedComplaints: 0, lateContractNotifications: 1, missingContractNotifications: 3 });
    });
  });

  describe('GET /labour-requests', () => {
    it('an employer sees only its own; filters and cursor pages', async () => {
      const mine = await createDraftRequest(t, ctx.employer.id, { occupationCode: '7212', periodStart: '2027-02-01', periodEnd: '2027-03-01' });
      const theirs = await createDraftRequest(t, ctx.otherEmployer.id, { occupationCode: '7212', periodStart: '2027-02-01', periodEnd: '2027-03-01' });
      const own = await request(t.http).get(api('?limit=200')).set(as(Role.EMPLOYER)).expect(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(own.body.items.every((r: { employerId: string }) => r.employerId === ctx.employer.id)).toBe(true);
      expect(own.body.items[0]).not.toHaveProperty('review');
      const staff = await request(t.http).get(api('?occupationCode=7212&year=2027')).set(as(Role.STAFF)).expect(200);
      expect(staff.body.items.map((r: { id: string }) => r.id).sort()).toEqual([mine.id, theirs.id].sort());
      const byEmployer = await request(t.http)
        .get(api(`?employerId=${ctx.otherEmployer.id}&year=2027&status=DRAFT`))
        .set(as(Role.ADMIN))
        .expect(200);
      expect(byEmployer.body.items.map((r: { id: string }) => r.id)).toEqual([theirs.id]);
      // an employer naming another employer finds nothing
      const snoop = await request(t.http)
        .get(api(`?employerId=${ctx.otherEmployer.id}`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(snoop.body.items).toEqual([]);
      const first = await request(t.http).get(api('?occupationCode=7212&limit=1')).set(as(Role.STAFF)).expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(t.http)
        .get(api(`?occupationCode=7212&limit=1&cursor=${first.body.nextCursor}`))
        .set(as(Role.STAFF))
        .expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      expect(second.body.nextCursor).toBeNull();
      await request(t.http).get(api('?status=MAYBE')).set(as(Role.STAFF)).expect(400);
      await request(t.http).get(api('?cursor=nonsense')).set(as(Role.STAFF)).expect(400);
      await request(t.http).get(api()).set(as(Role.LIAISON)).expect(403);
    });
  });

  describe('PATCH /labour-requests/:id', () => {
    it('changes a draft with If-Match; stale 412; reversed period 422; outsider 404; not a draft 409', async () => {
      const r = await createDraftRequest(t, ctx.employer.id);
      const ok = await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.EMPLOYER))
        .set('If-Match', '"1"')
        .send({ workersRequested: 7, preferredCitizenships: ['kg'] })
        .expect(200);
      expect(ok.body).toMatchObject({ workersRequested: 7, preferredCitizenships: ['KG'], version: 2 });
      expect(ok.headers.etag).toBe('"2"');
      await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.EMPLOYER))
        .set('If-Match', '"1"')
        .send({ workersRequested: 8 })
        .expect(412);
      const period = await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.STAFF))
        .set('If-Match', '*')
        .send({ periodEnd: '2026-01-01' })
        .expect(422);
      expect(period.body.errors).toEqual([expect.objectContaining({ field: 'periodEnd' })]);
      const occupation = await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.STAFF))
        .set('If-Match', '*')
        .send({ occupationCode: '0001' })
        .expect(422);
      expect(occupation.body.errors[0].field).toBe('occupationCode');
      await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.STAFF))
        .send({ employerId: ctx.otherEmployer.id })
        .expect(400);
      await request(t.http)
        .patch(api(`/${r.id}`))
        .set(asOutsider())
        .send({ workersRequested: 1 })
        .expect(404);
      await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.LIAISON))
        .send({ workersRequested: 1 })
        .expect(403);
      await onDay('2026-04-01', () =>
        request(t.http)
          .post(api(`/${r.id}/submit`))
          .set(as(Role.EMPLOYER))
          .expect(200),
      );
      const locked = await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.EMPLOYER))
        .set('If-Match', '*')
        .send({ workersRequested: 1 })
        .expect(409);
      expect(locked.body).toMatchObject({ code: 'LABOUR_REQUEST_NOT_EDITABLE', currentStatus: 'SUBMITTED' });
      const audit = await db().auditEvent.findMany({ where: { entityId: r.id, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['labour_request.create', 'labour_request.update', 'labour_request.submit']);
    });
  });

  describe('submit, withdraw, close', () => {
    it('the employer submits and withdraws its own; illegal moves answer 409 with the allowed targets', async () => {
      const r = await createDraftRequest(t, ctx.employer.id);
      await request(t.http)
        .post(api(`/${r.id}/submit`))
        .set(asOutsider())
        .expect(404);
      await request(t.http)
        .post(api(`/${r.id}/submit`))
        .set(as(Role.LIAISON))
        .expect(403);
      const submitted = await onDay('2026-04-01', () =>
        request(t.http)
          .post(api(`/${r.id}/submit`))
          .set(as(Role.EMPLOYER))
          .expect(200),
      );
      expect(submitted.body).toMatchObject({ status: 'SUBMITTED', submittedAt: '2026-04-01T09:00:00.000Z', version: 2 });
      const again = await request(t.http)
        .post(api(`/${r.id}/submit`))
        .set(as(Role.EMPLOYER))
        .expect(409);
      expect(again.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        from: 'SUBMITTED',
        to: 'SUBMITTED',
        allowed: ['APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'WITHDRAWN'],
      });
      await request(t.http)
        .post(api(`/${r.id}/close`))
        .set(as(Role.STAFF))
        .expect(409);
      await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(asOutsider())
        .expect(404);
      const withdrawn = await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(withdrawn.body.status).toBe('WITHDRAWN');
      const final = await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(as(Role.STAFF))
        .expect(409);
      expect(final.body.allowed).toEqual([]);
    });

    it("staff may submit and withdraw on the employer's behalf; only staff close; the employer may not close", async () => {
      const r = await createDraftRequest(t, ctx.employer.id);
      await onDay('2026-04-01', () =>
        request(t.http)
          .post(api(`/${r.id}/submit`))
          .set(as(Role.STAFF))
          .expect(200),
      );
      await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(as(Role.STAFF))
        .expect(200);
      const approved = await createApprovedRequest(t, ctx.employer.id);
      await request(t.http)
        .post(api(`/${approved.id}/close`))
        .set(as(Role.EMPLOYER))
        .expect(403);
      await request(t.http)
        .post(api(`/${approved.id}/close`))
        .set(as(Role.LIAISON))
        .expect(403);
      const closed = await request(t.http)
        .post(api(`/${approved.id}/close`))
        .set(as(Role.STAFF))
        .expect(200);
      expect(closed.body.status).toBe('CLOSED');
    });

    it('withdrawing or closing an approved request gives its unused places back to the allocation', async () => {
      const quotas = t.app.get(QuotaAllocationsService);
      const allocation = await quotas.create(systemActor(), { year: 2026, occupationCode: '7115', citizenship: 'UZ', limit: 10 });
      const used = async () => (await db().quotaAllocation.findUniqueOrThrow({ where: { id: allocation.id } })).approved;
      const a = await createApprovedRequest(t, ctx.employer.id, { occupationCode: '7115', workersRequested: 4 });
      const b = await createApprovedRequest(t, ctx.employer.id, { occupationCode: '7115', workersRequested: 5, approvedCount: 3 });
      expect(a.quotaAllocationId).toBe(allocation.id);
      expect(b).toMatchObject({ status: 'PARTIALLY_APPROVED', approvedCount: 3 });
      expect(await used()).toBe(7);
      const withdrawn = await request(t.http)
        .post(api(`/${a.id}/withdraw`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', approvedCount: 4 });
      expect(await used()).toBe(3);
      await request(t.http)
        .post(api(`/${b.id}/close`))
        .set(as(Role.ADMIN))
        .expect(200);
      expect(await used()).toBe(0);
      const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: a.id, action: 'labour_request.withdraw' } });
      expect(audit.changes).toMatchObject({ releasedQuota: 4, quotaAllocationId: allocation.id });
    });

    it('places already used by placements stay counted when an approved request is withdrawn', async () => {
      const allocation = await t.app.get(QuotaAllocationsService).create(systemActor(), { year: 2026, occupationCode: '7123', citizenship: 'UZ', limit: 10 });
      const r = await createApprovedRequest(t, ctx.employer.id, { occupationCode: '7123', workersRequested: 4 });
      await placeWorker(r.id, '2026-05-04', undefined, 'UZ');
      await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(as(Role.STAFF))
        .expect(200);
      expect((await db().quotaAllocation.findUniqueOrThrow({ where: { id: allocation.id } })).approved).toBe(1);
    });
  });
  describe('submission rules: a period not over, a wage not below the floor (422 at submission)', () => {
    const submit = (id: string, day: string, role = Role.EMPLOYER) =>
      onDay(day, () =>
        request(t.http)
          .post(api(`/${id}/submit`))
          .set(as(role)),
      );
    const stored = async (id: string) => (await db().labourRequest.findUniqueOrThrow({ where: { id } })).status;

    it("a period that ended before today (the clock's) is refused, naming periodEnd; one ending today is not", async () => {
      const r = await createDraftRequest(t, ctx.employer.id, { periodStart: '2026-04-01', periodEnd: '2026-11-30' });
      const late = await submit(r.id, '2026-12-01');
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({
        code: 'PERIOD_ENDED',
        errors: [
          { field: 'periodEnd', code: 'PERIOD_ENDED', message: 'ended on 2026-11-30, before today (2026-12-01): a request must be for work still to come' },
        ],
      });
      expect(await stored(r.id)).toBe('DRAFT');
      expect(await db().auditEvent.count({ where: { entityId: r.id, action: 'labour_request.submit' } })).toBe(0);
      // staff on the employer's behalf: the same rule
      expect((await submit(r.id, '2027-01-10', Role.STAFF)).body.code).toBe('PERIOD_ENDED');
      expect((await submit(r.id, '2026-11-30')).status).toBe(200);
      expect(await stored(r.id)).toBe('SUBMITTED');
    });

    it.each([
      ['full time at the floor', 40, 31_157, null],
      ['full time one rouble short', 40, 31_156, 31_157],
      ['a wage of 1 ₽', 40, 1, 31_157],
      ['20 hours at half the floor', 20, 15_579, null],
      ['20 hours one rouble short', 20, 15_578, 15_579],
    ])('wage floor of the year at submission, %s', async (_name, hoursPerWeek, monthlyWageRub, floorRub) => {
      const r = await createDraftRequest(t, ctx.employer.id, { hoursPerWeek, monthlyWageRub, workersRequested: 1 });
      const res = await submit(r.id, '2026-04-01');
      if (floorRub === null) expect(res.status).toBe(200);
      else {
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ code: 'WAGE_BELOW_FLOOR', errors: [{ field: 'monthlyWageRub', code: 'WAGE_BELOW_FLOOR', floorRub }] });
        expect(res.body.errors[0].message).toContain('2026 wage floor');
        expect(await stored(r.id)).toBe('DRAFT');
      }
    });

    it('both at once: one 422 SUBMISSION_RULES_FAILED listing them; the draft can be mended and submitted', async () => {
      const r = await createDraftRequest(t, ctx.employer.id, { periodStart: '2026-04-01', periodEnd: '2026-06-30', monthlyWageRub: 1 });
      const res = await submit(r.id, '2026-07-01');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SUBMISSION_RULES_FAILED');
      expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['periodEnd', 'PERIOD_ENDED'],
        ['monthlyWageRub', 'WAGE_BELOW_FLOOR'],
      ]);
      await request(t.http)
        .patch(api(`/${r.id}`))
        .set(as(Role.EMPLOYER))
        .set('If-Match', '"1"')
        .send({ periodEnd: '2026-12-31', monthlyWageRub: 40_000 })
        .expect(200);
      expect((await submit(r.id, '2026-07-01')).status).toBe(200);
    });

    it('a year whose МРОТ is not entered is left to the decision; the floor is checked again there (МРОТ raised meanwhile)', async () => {
      const reference = t.app.get(ReferenceService);
      const noFloor = await createDraftRequest(t, ctx.employer.id, { periodStart: '2030-04-01', periodEnd: '2030-10-31', monthlyWageRub: 31_157 });
      expect((await submit(noFloor.id, '2030-01-15')).status).toBe(200);
      await reference.putWageFloor(systemActor(), 2030, { mrotRub: 27_093 });
      await t.app.get(QuotaAllocationsService).create(systemActor(), { year: 2030, limit: 10 });
      const r = await createDraftRequest(t, ctx.employer.id, {
        periodStart: '2030-04-01',
        periodEnd: '2030-10-31',
        monthlyWageRub: 31_157,
        workersRequested: 1,
      });
      expect((await submit(r.id, '2030-01-15')).status).toBe(200);
      await reference.putWageFloor(systemActor(), 2030, { mrotRub: 30_000 });
      const decided = await request(t.http)
        .post(api(`/${r.id}/decision`))
        .set(as(Role.STAFF))
        .send({ decision: 'APPROVED' })
        .expect(422);
      expect(decided.body).toMatchObject({ code: 'WAGE_BELOW_FLOOR', errors: [{ field: 'monthlyWageRub', floorRub: 34_500 }] });
    });
  });

  describe('ending a request with recruitment under way', () => {
    const staffApi = (method: 'post', path: string, body: object = {}) => request(t.http)[method](`/api/v1${path}`).set(as(Role.STAFF)).send(body);
    const orderFor = async (requestId: string) =>
      (await staffApi('post', `/labour-requests/${requestId}/recruitment-orders`, { partnerAgencyId: ctx.agency.id, candidatesRequested: 2 }).expect(201)).body
        .id as string;
    const selectCandidate = async (orderId: string) => {
      const w = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id, citizenship: 'UZ' });
      await staffApi('post', `/recruitment-orders/${orderId}/candidates`, { workerId: w.id }).expect(201);
      await staffApi('post', `/recruitment-orders/${orderId}/candidates/${w.id}/select`).expect(200);
      return w.id;
    };
    const TERMS = { monthlyWageRub: 62_000, hoursPerWeek: 40, housingProvided: true, mealsProvided: false, deductionsRub: 6_000 };

    it('a SELECTED worker on an order: 409 RECRUITMENT_IN_PROGRESS and nothing changes (status, places, order, negotiation)', async () => {
      const r = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 3 });
      const orderId = await orderFor(r.id);
      const workerId = await selectCandidate(orderId);
      await t.app.get(NegotiationsService).offer(systemActor(ctx.users.STAFF.id), r.id, TERMS);
      const allocation = () => db().quotaAllocation.findUniqueOrThrow({ where: { id: r.quotaAllocationId! } });
      const before = { request: await db().labourRequest.findUniqueOrThrow({ where: { id: r.id } }), approved: (await allocation()).approved };
      const refused = await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(as(Role.EMPLOYER))
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'RECRUITMENT_IN_PROGRESS', workerCount: 1 });
      // staff are told which workers hold it up
      const byStaff = await request(t.http)
        .post(api(`/${r.id}/close`))
        .set(as(Role.STAFF))
        .expect(409);
      expect(byStaff.body).toMatchObject({ code: 'RECRUITMENT_IN_PROGRESS', workers: [expect.objectContaining({ workerId, status: 'SELECTED', orderId })] });
      expect(await db().labourRequest.findUniqueOrThrow({ where: { id: r.id } })).toEqual(before.request);
      expect((await allocation()).approved).toBe(before.approved);
      expect((await db().recruitmentOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('OPEN');
      expect((await db().negotiation.findUniqueOrThrow({ where: { labourRequestId: r.id } })).status).toBe('OPEN');
      expect(await db().auditEvent.count({ where: { entityId: r.id, action: { in: ['labour_request.withdraw', 'labour_request.close'] } } })).toBe(0);
    });

    it('an open order without selected workers is cancelled with the withdrawal, in the same transaction', async () => {
      const r = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 3 });
      const orderId = await orderFor(r.id);
      const withdrawn = await request(t.http)
        .post(api(`/${r.id}/withdraw`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(withdrawn.body.status).toBe('WITHDRAWN');
      expect((await db().recruitmentOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('CANCELLED');
      expect(await db().auditEvent.count({ where: { entityId: orderId, action: 'recruitment_order.cancel' } })).toBe(1);
    });
  });

  describe('POST /labour-requests/:id/decision', () => {
    const decide = (id: string, body: object, role = Role.STAFF) =>
      request(t.http)
        .post(api(`/${id}/decision`))
        .set(as(role))
        .send(body);
    const employerIn = (okved: string) => t.app.get(EmployersService).create(systemActor(), { name: `Sector ${okved}`, inn: validInn(), okved });

    it('staff approve: places taken from the allocation, decision stored and audited', async () => {
      const r = await createSubmittedRequest(t, ctx.employer.id, { workersRequested: 3 });
      const before = await db().quotaAllocation.findFirstOrThrow({ where: { year: 2026, occupationCode: null, citizenship: null } });
      const res = await decide(r.id, { decision: 'APPROVED' }).expect(200);
      expect(res.body).toMatchObject({
        status: 'APPROVED',
        approvedCount: 3,
        quotaAllocationId: before.id,
        decisionReason: null,
        decidedAt: expect.any(String),
        version: 3,
      });
      expect(res.body.review.quotaAllocation).toMatchObject({ id: before.id, approved: before.approved + 3 });
      const stored = await db().labourRequest.findUniqueOrThrow({ where: { id: r.id } });
      expect(stored.decidedById).toBe(ctx.users.STAFF.id);
      const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: r.id, action: 'labour_request.decide' } });
      expect(audit.changes).toMatchObject({ approvedCount: 3, quotaAllocationId: before.id });
      const again = await decide(r.id, { decision: 'REJECTED', reason: 'changed mind' }).expect(409);
      expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'APPROVED', allowed: ['FILLED', 'CLOSED', 'WITHDRAWN'] });
    });

    it('partial approval needs a count and a reason; a rejection needs a reason and skips the other rules', async () => {
      const r = await createSubmittedRequest(t, ctx.employer.id);
      const bad = await decide(r.id, { decision: 'PARTIALLY_APPROVED', approvedCount: 5 }, Role.ADMIN).expect(422);
      expect(bad.body.code).toBe('DECISION_INVALID');
      expect(bad.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['approvedCount', 'DECISION_INVALID'],
        ['reason', 'DECISION_INVALID'],
      ]);
      const noReason = await decide(r.id, { decision: 'REJECTED' }).expect(422);
      expect(noReason.body).toMatchObject({ code: 'DECISION_INVALID', errors: [{ field: 'reason', code: 'DECISION_INVALID' }] });
      const rejected = await decide(r.id, { decision: 'REJECTED', reason: 'no housing on site' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'REJECTED', approvedCount: 0, quotaAllocationId: null, decisionReason: 'no housing on site' });
    });

    it('every active user of the employer is notified of the decision, with the reason; nobody else, and nothing for a refused decision', async () => {
      const employer = await t.app.get(EmployersService).create(systemActor(), { name: 'Told of decisions', inn: validInn(), okved: '41.20' });
      const [first, second, retired] = [
        await createUser(t, Role.EMPLOYER, { employerId: employer.id }),
        await createUser(t, Role.EMPLOYER, { employerId: employer.id }),
        await createUser(t, Role.EMPLOYER, { employerId: employer.id }),
      ];
      await db().user.update({ where: { id: retired.id }, data: { active: false } });
      const firstToken = (await login(t, first.email, first.password)).accessToken;
      const noticesOf = (userId: string, entityId: string) => db().notification.findMany({ where: { userId, entityId }, orderBy: { createdAt: 'asc' } });
      const requestFor = (o: object = {}) =>
        createSubmittedRequest(t, employer.id, { occupationCode: '7112', workersRequested: 4, periodStart: '2026-05-01', periodEnd: '2026-10-31', ...o });

      const approved = await requestFor();
      await decide(approved.id, { decision: 'APPROVED' }).expect(200);
      const partial = await requestFor();
      await decide(partial.id, { decision: 'PARTIALLY_APPROVED', approvedCount: 1, reason: 'one place left for bricklayers' }).expect(200);
      const rejected = await requestFor();
      const refused = await decide(rejected.id, { decision: 'REJECTED' }).expect(422);
      expect(refused.body.code).toBe('DECISION_INVALID');
      expect(await noticesOf(first.id, rejected.id)).toEqual([]);
      await decide(rejected.id, { decision: 'REJECTED', reason: 'no housing for the workers' }).expect(200);

      const seen = await request(t.http)
        .get('/api/v1/notifications?limit=200')
        .set({ Authorization: `Bearer ${firstToken}` })
        .expect(200);
      const about = (id: string) =>
        seen.body.items
          .filter((n: { entityId: string }) => n.entityId === id)
          .map(({ kind, title, body, entityType }: Record<string, string>) => ({ kind, title, body, entityType }));
      const work = 'Your request for workers of occupation 7112 (2026-05-01 to 2026-10-31)';
      expect(about(approved.id)).toEqual([
        { kind: 'labour_request.approved', title: 'Labour request approved', body: `${work} was approved for all 4 workers.`, entityType: 'labour_request' },
      ]);
      expect(about(partial.id)).toEqual([
        {
          kind: 'labour_request.partially_approved',
          title: 'Labour request partially approved',
          body: `${work} was approved for 1 of the 4 workers asked for. Reason: one place left for bricklayers`,
          entityType: 'labour_request',
        },
      ]);
      expect(about(rejected.id)).toEqual([
        {
          kind: 'labour_request.rejected',
          title: 'Labour request rejected',
          body: `${work} was rejected. Reason: no housing for the workers`,
          entityType: 'labour_request',
        },
      ]);
      for (const id of [approved.id, partial.id, rejected.id]) {
        expect(await noticesOf(second.id, id)).toHaveLength(1);
        for (const other of [retired.id, ctx.users.EMPLOYER.id, ctx.users.STAFF.id, ctx.users.ADMIN.id]) expect(await noticesOf(other, id)).toEqual([]);
      }
    });

    it('answers 400, 403, 404 and 409 where documented', async () => {
      const draft = await createDraftRequest(t, ctx.employer.id);
      const notSubmitted = await decide(draft.id, { decision: 'APPROVED' }).expect(409);
      expect(notSubmitted.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'DRAFT', allowed: ['SUBMITTED', 'WITHDRAWN'] });
      const r = await createSubmittedRequest(t, ctx.employer.id);
      await decide(r.id, { decision: 'MAYBE' }).expect(400);
      await decide(r.id, { decision: 'APPROVED', extra: 1 }).expect(400);
      await decide(r.id, { decision: 'APPROVED' }, Role.EMPLOYER).expect(403);
      await decide(r.id, { decision: 'APPROVED' }, Role.LIAISON).expect(403);
      await decide('7d0f0b5e-7b5e-4a8e-9d0e-000000000000', { decision: 'APPROVED' }).expect(404);
      const employerView = await request(t.http)
        .get(api(`/${r.id}`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(employerView.body.status).toBe('SUBMITTED');
    });

    it('several failed rules in one 422: quota, wage floor and a regional ban together', async () => {
      // 2025: МРОТ entered (raised after the submission), a ban on 47.25 in force, no allocation at all
      const employer = await employerIn('47.25');
      const r = await createSubmittedRequest(t, employer.id, { periodStart: '2025-04-01', periodEnd: '2025-10-31', monthlyWageRub: 25_806 });
      await t.app.get(ReferenceService).putWageFloor(systemActor(), 2025, { mrotRub: 23_000 });
      const res = await decide(r.id, { decision: 'APPROVED' }).expect(422);
      expect(res.body).toMatchObject({ code: 'DECISION_RULES_FAILED', remaining: 0 });
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['WAGE_BELOW_FLOOR', 'REGIONAL_BAN', 'NO_QUOTA_ALLOCATION']);
      expect(res.body.errors[0]).toMatchObject({ field: 'monthlyWageRub', floorRub: 26_450 });
      expect(res.body.errors[1]).toMatchObject({ banId: '6b1f0c3e-2025-4301-8000-000000000001', message: expect.stringContaining('first list') });
      expect(res.body.errors[2]).toMatchObject({
        field: 'approvedCount',
        remaining: 0,
        allocationId: null,
        message: expect.stringContaining('no quota allocation'),
      });
      const unchanged = await db().labourRequest.findUniqueOrThrow({ where: { id: r.id } });
      expect(unchanged).toMatchObject({ status: 'SUBMITTED', approvedCount: 0 });
    });

    it('a year without МРОТ answers REFERENCE_MISSING among the failures', async () => {
      const r = await createSubmittedRequest(t, ctx.employer.id, { periodStart: '2031-04-01', periodEnd: '2031-05-01' });
      const res = await decide(r.id, { decision: 'APPROVED' }).expect(422);
      expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['REFERENCE_MISSING', 'NO_QUOTA_ALLOCATION']);
    });

    it('no allocation covering the request has a code of its own: 422 NO_QUOTA_ALLOCATION, not QUOTA_EXHAUSTED', async () => {
      const r = await createSubmittedRequest(t, ctx.employer.id, { periodStart: '2032-04-01', periodEnd: '2032-05-01', workersRequested: 1 });
      await t.app.get(ReferenceService).putWageFloor(systemActor(), 2032, { mrotRub: 27_093 });
      const res = await decide(r.id, { decision: 'APPROVED' }).expect(422);
      expect(res.body).toMatchObject({
        code: 'NO_QUOTA_ALLOCATION',
        remaining: 0,
        errors: [{ field: 'approvedCount', code: 'NO_QUOTA_ALLOCATION', allocationId: null }],
      });
    });

    it('several preferred citizenships (or none) cannot bypass a limit set per citizenship: 422 QUOTA_CITIZENSHIP_REQUIRED', async () => {
      const quotas = t.app.get(QuotaAllocationsService);
      const tj = await quotas.create(systemActor(), { year: 2026, occupationCode: '7131', citizenship: 'TJ', limit: 5 });
      const overall = () => db().quotaAllocation.findFirstOrThrow({ where: { year: 2026, occupationCode: null, citizenship: null } });
      const overallBefore = (await overall()).approved;
      const painters = (preferredCitizenships: string[]) =>
        createSubmittedRequest(t, ctx.employer.id, { occupationCode: '7131', preferredCitizenships, workersRequested: 2 });
      for (const preferred of [['UZ', 'TJ'], []]) {
        const r = await painters(preferred);
        const res = await decide(r.id, { decision: 'APPROVED' }).expect(422);
        expect(res.body).toMatchObject({
          code: 'QUOTA_CITIZENSHIP_REQUIRED',
          errors: [
            {
              field: 'preferredCitizenships',
              code: 'QUOTA_CITIZENSHIP_REQUIRED',
              citizenships: ['TJ'],
              message: "this year's limits are set per citizenship for TJ: ask for one citizenship per request",
            },
          ],
        });
        const partial = await decide(r.id, { decision: 'PARTIALLY_APPROVED', approvedCount: 1, reason: 'one place' }).expect(422);
        expect(partial.body.code).toBe('QUOTA_CITIZENSHIP_REQUIRED');
        expect(await db().labourRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
          status: 'SUBMITTED',
          approvedCount: 0,
          quotaAllocationId: null,
        });
        // a rejection takes no places: allowed
        await decide(r.id, { decision: 'REJECTED', reason: 'ask for one citizenship' }).expect(200);
      }
      expect((await overall()).approved).toBe(overallBefore);
      expect((await db().quotaAllocation.findUniqueOrThrow({ where: { id: tj.id } })).approved).toBe(0);
      // one citizenship: counted under its own limit; citizenships without a limit of their own: the overall one
      const single = await decide((await painters(['TJ'])).id, { decision: 'APPROVED' }).expect(200);
      expect(single.body).toMatchObject({ status: 'APPROVED', quotaAllocationId: tj.id });
      const others = await decide((await painters(['UZ', 'KG'])).id, { decision: 'APPROVED' }).expect(200);
      expect(others.body.quotaAllocationId).toBe((await overall()).id);
      // the rule is listed with the others in one 422
      const both = await painters(['UZ', 'TJ']);
      const many = await decide(both.id, { decision: 'PARTIALLY_APPROVED', approvedCount: 1 }).expect(422);
      expect(many.body.errors.map((e: { code: string }) => e.code)).toEqual(['DECISION_INVALID', 'QUOTA_CITIZENSHIP_REQUIRED']);
    });

    it('an employer without a main activity code (ОКВЭД): 422 ACTIVITY_CODE_MISSING when the request may bring patent holders', async () => {
      const employer = await t.app.get(EmployersService).create(systemActor(), { name: 'No activity code', inn: validInn() });
      expect((await db().employer.findUniqueOrThrow({ where: { id: employer.id } })).okved).toBeNull();
      for (const preferred of [['UZ'], [], ['KG', 'TJ']]) {
        const r = await createSubmittedRequest(t, employer.id, { preferredCitizenships: preferred, workersRequested: 1 });
        const res = await decide(r.id, { decision: 'APPROVED' }).expect(422);
        expect(res.body).toMatchObject({
          code: 'ACTIVITY_CODE_MISSING',
          errors: [{ field: 'employerId', code: 'ACTIVITY_CODE_MISSING', banIds: expect.any(Array) }],
        });
        expect(res.body.errors[0].message).toContain('ОКВЭД');
      }
      // EAEU citizens are outside the bans: nothing to check
      const eaeu = await createSubmittedRequest(t, employer.id, { preferredCitizenships: ['KG', 'KZ'], workersRequested: 1 });
      await decide(eaeu.id, { decision: 'APPROVED' }).expect(200);
    });

    describe('regional bans on the boundary dates', () => {
      let employerId: string;
      beforeAll(async () => {
        await t.app
          .get(ReferenceService)
          .createBan(systemActor(), { title: 'Test decree on 01.13', activityCodes: ['01.13'], effectiveFrom: '2026-06-10', effectiveTo: '2026-06-20' });
        employerId = (await employerIn('01.13')).id;
      });

      it.each([
        ['UZ, ends the day before the ban', ['UZ'], '2026-05-01', '2026-06-09', 200],
        ['UZ, ends on its first day', ['UZ'], '2026-05-01', '2026-06-10', 422],
        ['UZ, starts on its last day', ['UZ'], '2026-06-20', '2026-08-01', 422],
        ['UZ, starts the day after', ['UZ'], '2026-06-21', '2026-08-01', 200],
        ['TJ inside it', ['TJ'], '2026-06-12', '2026-06-15', 422],
        ['KG (EAEU) across it', ['KG'], '2026-06-01', '2026-07-01', 200],
        ['KG and TJ across it', ['KG', 'TJ'], '2026-06-01', '2026-07-01', 422],
      ])('%s', async (_name, preferredCitizenships, periodStart, periodEnd, status) => {
        const r = await createSubmittedRequest(t, employerId, { preferredCitizenships, periodStart, periodEnd, workersRequested: 1 });
        const res = await decide(r.id, { decision: 'APPROVED' }).expect(status);
        if (status === 422) {
          expect(res.body.code).toBe('REGIONAL_BAN');
          expect(res.body.errors[0].message).toContain('Test decree on 01.13');
        }
      });
    });
  });
});
