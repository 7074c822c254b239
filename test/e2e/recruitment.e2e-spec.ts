import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { RecruitmentService } from '../../src/labour-requests/recruitment/recruitment.service';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createRoleUsers, createUser, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createApprovedRequest, createDraftRequest, employerActor } from '../factories/labour-requests';

const MISSING = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';

describe('recruitment orders, candidates, arrivals and check-in', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let otherAgencyId: string;
  let requestId: string;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const api = () => request(t.http);
  const candidate = async (agencyId = ctx.agency.id) =>
    (await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: agencyId, citizenship: 'UZ' })).id;
  const worker = (id: string) =>
    api()
      .get(`/api/v1/workers/${id}`)
      .set(as(Role.STAFF))
      .expect(200)
      .then((r) => r.body);

  /** An order of `n` candidates (to the liaison's agency unless said otherwise), placed by staff. */
  const order = async (n = 2, partnerAgencyId = ctx.agency.id, labourRequestId = requestId) =>
    (
      await api()
        .post(`/api/v1/labour-requests/${labourRequestId}/recruitment-orders`)
        .set(as(Role.STAFF))
        .send({ partnerAgencyId, candidatesRequested: n })
        .expect(201)
    ).body.id as string;
  const propose = (orderId: string, workerId: string, role = Role.LIAISON) =>
    api().post(`/api/v1/recruitment-orders/${orderId}/candidates`).set(as(role)).send({ workerId });
  const decide = (orderId: string, workerId: string, action: 'select' | 'decline', role = Role.STAFF) =>
    api().post(`/api/v1/recruitment-orders/${orderId}/candidates/${workerId}/${action}`).set(as(role)).send();
  const selected = async (orderId: string, agencyId = ctx.agency.id) => {
    const id = await candidate(agencyId);
    await propose(orderId, id, Role.STAFF).expect(201);
    await decide(orderId, id, 'select').expect(200);
    return id;
  };
  const announce = (orderId: string, workerIds: string[], role = Role.LIAISON, expectedOn = '2026-05-12') =>
    api().post(`/api/v1/recruitment-orders/${orderId}/arrivals`).set(as(role)).send({ expectedOn, transport: 'train 092Ы Tashkent–Omsk', workerIds });
  const checkIn = (arrivalId: string, body: object, role = Role.LIAISON) => api().post(`/api/v1/arrivals/${arrivalId}/check-in`).set(as(role)).send(body);

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    otherAgencyId = (await createAgency(t)).id;
    requestId = (await createApprovedRequest(t, ctx.employer.id, { workersRequested: 40 })).id;
  });
  afterAll(() => t?.close());

  it('the full walk: order → two candidates by the liaison → staff select → arrival by train → check-in with an unannounced worker', async () => {
    const created = await api()
      .post(`/api/v1/labour-requests/${requestId}/recruitment-orders`)
      .set(as(Role.LIAISON))
      .send({ partnerAgencyId: ctx.agency.id, candidatesRequested: 2, note: 'bricklayers' })
      .expect(201);
    expect(created.body).toMatchObject({
      labourRequestId: requestId,
      partnerAgencyId: ctx.agency.id,
      candidatesRequested: 2,
      selectedCount: 0,
      status: 'OPEN',
      version: 1,
    });
    const orderId = created.body.id as string;
    const [a, b, walkIn] = [await candidate(), await candidate(), await candidate()];
    const proposed = await propose(orderId, a).expect(201);
    expect(proposed.body).toMatchObject({ workerId: a, status: 'PROPOSED', caseNumber: expect.stringMatching(/^OMS-/), lastNameLat: 'KARIMOV' });
    await propose(orderId, b).expect(201);
    await decide(orderId, a, 'select').expect(200);
    const full = await decide(orderId, b, 'select', Role.ADMIN).expect(200);
    expect(full.body).toMatchObject({ status: 'FULFILLED', selectedCount: 2 });
    expect(full.body.candidates.map((c: { status: string }) => c.status)).toEqual(['SELECTED', 'SELECTED']);
    expect((await worker(a)).status).toBe('SELECTED');

    const arrival = await announce(orderId, [a, b]).expect(201);
    expect(arrival.body).toMatchObject({ orderId, transport: 'train 092Ы Tashkent–Omsk', expectedOn: '2026-05-12', status: 'EXPECTED' });
    expect((await worker(b)).status).toBe('IN_TRANSIT');

    const done = await checkIn(arrival.body.id, { arrivedOn: '2026-05-12', workerIds: [a, b, walkIn] }).expect(200);
    expect(done.body.status).toBe('CHECKED_IN');
    expect(done.headers.etag).toBe('"2"');
    const flags = Object.fromEntries(
      done.body.workers.map((w: { workerId: string; expected: boolean; checkedInOn: string }) => [w.workerId, [w.expected, w.checkedInOn]]),
    );
    expect(flags).toEqual({ [a]: [true, '2026-05-12'], [b]: [true, '2026-05-12'], [walkIn]: [false, '2026-05-12'] });
    for (const [id, unannounced] of [
      [a, false],
      [b, false],
      [walkIn, true],
    ] as const) {
      expect(await worker(id)).toMatchObject({ status: 'ARRIVED', arrivalDate: '2026-05-12', unannounced });
    }
    const timeline = await api().get(`/api/v1/workers/${walkIn}/timeline`).set(as(Role.LIAISON)).expect(200);
    expect(timeline.body.items.filter((e: { kind: string }) => e.kind === 'TRANSITION').map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'SELECTED',
      'IN_TRANSIT',
      'ARRIVED',
    ]);

    const detail = await api().get(`/api/v1/recruitment-orders/${orderId}`).set(as(Role.LIAISON)).expect(200);
    expect(detail.body.arrivals).toHaveLength(1);
    expect(detail.body.candidates).toHaveLength(2);
    const audit = await t.app
      .get(PrismaService)
      .auditEvent.findMany({ where: { entityId: { in: [orderId, arrival.body.id] } }, orderBy: { occurredAt: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'recruitment_order.create',
        'recruitment_order.candidate_propose',
        'recruitment_order.candidate_select',
        'arrival.create',
        'arrival.check_in',
      ]),
    );
  });

  it('placing an order: approved requests only (409), agency checks (422), scope of the liaison, bad bodies (400), roles', async () => {
    const path = (id: string) => `/api/v1/labour-requests/${id}/recruitment-orders`;
    const body = { partnerAgencyId: ctx.agency.id, candidatesRequested: 1 };
    await api()
      .post(path(requestId))
      .set(as(Role.ADMIN))
      .send({ ...body, partnerAgencyId: otherAgencyId })
      .expect(201);
    await api().post(path(requestId)).set(as(Role.EMPLOYER)).send(body).expect(403);
    await api().post(path(MISSING)).set(as(Role.STAFF)).send(body).expect(404);
    const malformed = await api().post(path('nope')).set(as(Role.STAFF)).send(body).expect(404);
    expect(malformed.body.code).toBe('LABOUR_REQUEST_NOT_FOUND');
    const draft = await createDraftRequest(t, ctx.employer.id);
    const conflict = await api().post(path(draft.id)).set(as(Role.STAFF)).send(body).expect(409);
    expect(conflict.body).toMatchObject({ code: 'LABOUR_REQUEST_NOT_APPROVED', requestStatus: 'DRAFT' });

    const inactive = await t.app.get(PrismaService).partnerAgency.create({ data: { name: 'Closed agency', country: 'TJ', active: false } });
    for (const [role, partnerAgencyId, message] of [
      [Role.STAFF, MISSING, 'no such partner agency'],
      [Role.STAFF, inactive.id, 'inactive'],
      [Role.LIAISON, otherAgencyId, 'own partner agencies'],
    ] as const) {
      const res = await api()
        .post(path(requestId))
        .set(as(role))
        .send({ ...body, partnerAgencyId })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'RECRUITMENT_ORDER_INVALID', errors: [{ field: 'partnerAgencyId', message: expect.stringContaining(message) }] });
    }
    const small = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 3, approvedCount: 2 });
    const both = await api().post(path(small.id)).set(as(Role.STAFF)).send({ partnerAgencyId: inactive.id, candidatesRequested: 3 }).expect(422);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['partnerAgencyId', 'candidatesRequested']);
    await api()
      .post(path(small.id))
      .set(as(Role.STAFF))
      .send({ ...body, candidatesRequested: 2 })
      .expect(201);

    await api()
      .post(path(requestId))
      .set(as(Role.STAFF))
      .send({ ...body, candidatesRequested: 0 })
      .expect(400);
    await api().post(path(requestId)).set(as(Role.STAFF)).send({ partnerAgencyId: ctx.agency.id }).expect(400);
    await api()
      .post(path(requestId))
      .set(as(Role.STAFF))
      .send({ ...body, status: 'FULFILLED' })
      .expect(400);
    await api()
      .post(path(requestId))
      .set(as(Role.STAFF))
      .send({ ...body, partnerAgencyId: 'x' })
      .expect(400);
  });

  it("listing and reading orders: a liaison officer sees only its agencies' orders; others are 404", async () => {
    const own = await order(1);
    const foreign = await order(1, otherAgencyId);
    const path = `/api/v1/labour-requests/${requestId}/recruitment-orders?limit=200`;
    const liaison = await api().get(path).set(as(Role.LIAISON)).expect(200);
    const ids = liaison.body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(foreign);
    expect(liaison.body.items.every((o: { partnerAgencyId: string }) => o.partnerAgencyId === ctx.agency.id)).toBe(true);
    const staff = await api().get(path).set(as(Role.STAFF)).expect(200);
    expect(staff.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([own, foreign]));
    const first = await api().get(`/api/v1/labour-requests/${requestId}/recruitment-orders?limit=1`).set(as(Role.ADMIN)).expect(200);
    expect(first.body.items).toHaveLength(1);
    const next = await api()
      .get(`/api/v1/labour-requests/${requestId}/recruitment-orders?limit=1&cursor=${first.body.nextCursor}`)
      .set(as(Role.ADMIN))
      .expect(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
    await api().get(`/api/v1/labour-requests/${MISSING}/recruitment-orders`).set(as(Role.STAFF)).expect(404);
    await api().get(`/api/v1/labour-requests/${requestId}/recruitment-orders?limit=0`).set(as(Role.STAFF)).expect(400);
    await api().get(path).set(as(Role.EMPLOYER)).expect(403);

    const read = await api().get(`/api/v1/recruitment-orders/${own}`).set(as(Role.LIAISON)).expect(200);
    expect(read.body).toMatchObject({ id: own, candidates: [], arrivals: [] });
    expect(read.headers.etag).toBe('"1"');
    const hidden = await api().get(`/api/v1/recruitment-orders/${foreign}`).set(as(Role.LIAISON)).expect(404);
    expect(hidden.body).toMatchObject({ code: 'RECRUITMENT_ORDER_NOT_FOUND' });
    expect(hidden.body).not.toHaveProperty('id');
    await api().get(`/api/v1/recruitment-orders/${foreign}`).set(as(Role.STAFF)).expect(200);
    await api().get('/api/v1/recruitment-orders/nope').set(as(Role.STAFF)).expect(404);
    await api().get(`/api/v1/recruitment-orders/${own}`).set(as(Role.EMPLOYER)).expect(403);
  });

  it("proposing: a CANDIDATE of the order's agency (422 otherwise), once (409), on an open order in scope", async () => {
    const orderId = await order(1);
    const w = await candidate();
    await propose(orderId, w, Role.EMPLOYER).expect(403);
    await propose(orderId, w).expect(201);
    expect((await propose(orderId, w, Role.ADMIN).expect(409)).body.code).toBe('CANDIDATE_ALREADY_PROPOSED');
    const arrived = (await createWorker(t, { recruitmentChannel: 'WALK_IN', partnerAgencyId: ctx.agency.id })).id;
    const notCandidate = await propose(orderId, arrived).expect(422);
    expect(notCandidate.body).toMatchObject({ code: 'CANDIDATE_NOT_ELIGIBLE', errors: [{ field: 'workerId', message: expect.stringContaining('ARRIVED') }] });
    const foreignWorker = await candidate(otherAgencyId);
    expect((await propose(orderId, foreignWorker, Role.STAFF).expect(422)).body.errors[0].message).toContain("order's partner agency");
    expect((await propose(orderId, foreignWorker).expect(422)).body.errors).toEqual([{ field: 'workerId', message: 'no such worker' }]);
    const foreignOrder = await order(1, otherAgencyId);
    await propose(foreignOrder, foreignWorker).expect(404);
    await propose(MISSING, w).expect(404);
    await api().post(`/api/v1/recruitment-orders/${orderId}/candidates`).set(as(Role.LIAISON)).send({ workerId: 'abc' }).expect(400);
    await api().post(`/api/v1/recruitment-orders/${orderId}/candidates`).set(as(Role.LIAISON)).send({ workerId: w, status: 'SELECTED' }).expect(400);
    await decide(orderId, w, 'select').expect(200);
    const closed = await propose(orderId, await candidate()).expect(409);
    expect(closed.body).toMatchObject({ code: 'RECRUITMENT_ORDER_NOT_OPEN', orderStatus: 'FULFILLED' });
  });

  it('selecting and declining: staff only, never more than asked (422), each candidate once (409)', async () => {
    const orderId = await order(1);
    const [a, b, c] = [await candidate(), await candidate(), await candidate()];
    for (const id of [a, b, c]) await propose(orderId, id).expect(201);
    await decide(orderId, a, 'select', Role.LIAISON).expect(403);
    await decide(orderId, a, 'decline', Role.EMPLOYER).expect(403);
    const declined = await decide(orderId, c, 'decline').expect(200);
    expect(declined.body.candidates.find((x: { workerId: string }) => x.workerId === c).status).toBe('DECLINED');
    expect((await worker(c)).status).toBe('CANDIDATE');
    expect((await decide(orderId, c, 'select').expect(409)).body).toMatchObject({ code: 'CANDIDATE_ALREADY_DECIDED', candidateStatus: 'DECLINED' });
    await decide(orderId, a, 'select', Role.ADMIN).expect(200);
    await decide(orderId, a, 'decline').expect(409);
    const over = await decide(orderId, b, 'select').expect(422);
    expect(over.body).toMatchObject({ code: 'CANDIDATE_NOT_SELECTABLE', errors: [{ field: 'workerId', message: expect.stringContaining('asked for 1') }] });
    expect((await worker(b)).status).toBe('CANDIDATE');
    await decide(orderId, MISSING, 'select').expect(404);
    await decide(orderId, 'nope', 'decline').expect(404);
    await decide(MISSING, a, 'select').expect(404);

    // a worker proposed on two orders and selected on the first cannot be selected on the second
    const [first, second] = [await order(1), await order(1)];
    const twice = await candidate();
    await propose(first, twice).expect(201);
    await propose(second, twice).expect(201);
    await decide(first, twice, 'select').expect(200);
    expect((await decide(second, twice, 'select').expect(422)).body.errors[0].message).toContain('SELECTED');
  });

  it('parallel selections never pass what the order asked for', async () => {
    const orderId = await order(2);
    const ids = [];
    for (let i = 0; i < 6; i++) {
      const id = await candidate();
      await propose(orderId, id).expect(201);
      ids.push(id);
    }
    const answers = await Promise.all(ids.map((id) => decide(orderId, id, 'select')));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 422, 422, 422, 422]);
    const detail = await api().get(`/api/v1/recruitment-orders/${orderId}`).set(as(Role.STAFF)).expect(200);
    expect(detail.body).toMatchObject({ status: 'FULFILLED', selectedCount: 2 });
    const statuses = await Promise.all(ids.map(async (id) => (await worker(id)).status));
    expect(statuses.filter((s) => s === 'SELECTED')).toHaveLength(2);
  });

  it('announcing an arrival: only workers selected on this order and waiting to travel (422 listing each)', async () => {
    const orderId = await order(3);
    const [s1, s2] = [await selected(orderId), await selected(orderId)];
    const proposedOnly = await candidate();
    await propose(orderId, proposedOnly).expect(201);
    const stranger = await candidate();
    const bad = await announce(orderId, [s1, proposedOnly, stranger]).expect(422);
    expect(bad.body).toMatchObject({ code: 'ARRIVAL_WORKERS_INVALID' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['workerIds[1]', 'workerIds[2]']);
    expect((await worker(s1)).status).toBe('SELECTED');
    await announce(orderId, [s1], Role.EMPLOYER).expect(403);
    await announce(orderId, [s1], Role.STAFF).expect(201);
    expect((await announce(orderId, [s1, s2]).expect(422)).body.errors).toEqual([{ field: 'workerIds[0]', message: expect.stringContaining('IN_TRANSIT') }]);
    const foreignOrder = await order(1, otherAgencyId);
    await announce(foreignOrder, [s2]).expect(404);
    await announce(MISSING, [s2]).expect(404);
    await announce(orderId, []).expect(400);
    await announce(orderId, [s2], Role.LIAISON, '2026-02-30').expect(400);
    await api()
      .post(`/api/v1/recruitment-orders/${orderId}/arrivals`)
      .set(as(Role.LIAISON))
      .send({ expectedOn: '2026-05-12', workerIds: [s2] })
      .expect(400);
  });

  it('check-in: once (409), not in the future, known workers still abroad only (422), within scope (404), today by default', async () => {
    const orderId = await order(3);
    const [s1, s2] = [await selected(orderId), await selected(orderId)];
    const arrivalId = (await announce(orderId, [s1, s2]).expect(201)).body.id as string;
    await checkIn(arrivalId, { workerIds: [s1] }, Role.EMPLOYER).expect(403);
    const future = await checkIn(arrivalId, { arrivedOn: '2999-01-01', workerIds: [s1] }).expect(422);
    expect(future.body).toMatchObject({ code: 'CHECK_IN_INVALID', errors: [{ field: 'arrivedOn' }] });
    const inCountry = (await createWorker(t, { recruitmentChannel: 'WALK_IN', partnerAgencyId: ctx.agency.id })).id;
    const foreign = await candidate(otherAgencyId);
    const bad = await checkIn(arrivalId, { workerIds: [s1, inCountry, foreign, MISSING] }).expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['workerIds[1]', 'workerIds[2]', 'workerIds[3]']);
    expect((await worker(s1)).status).toBe('IN_TRANSIT');
    await checkIn(arrivalId, { workerIds: ['x'] }).expect(400);
    await checkIn(arrivalId, { workerIds: [] }).expect(400);
    await checkIn(arrivalId, { workerIds: [s1], arrivedOn: '12.05.2026' }).expect(400);
    await checkIn(MISSING, { workerIds: [s1] }).expect(404);

    const foreignOrder = await order(1, otherAgencyId);
    const foreignSelected = await selected(foreignOrder, otherAgencyId);
    const foreignArrival = (await announce(foreignOrder, [foreignSelected], Role.STAFF).expect(201)).body.id as string;
    await checkIn(foreignArrival, { workerIds: [foreignSelected] }).expect(404);
    await checkIn(foreignArrival, { workerIds: [foreignSelected] }, Role.STAFF).expect(200);

    const ok = await checkIn(arrivalId, { workerIds: [s1] }).expect(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(ok.body.workers.find((w: { workerId: string }) => w.workerId === s1).checkedInOn).toBe(today);
    expect(ok.body.workers.find((w: { workerId: string }) => w.workerId === s2).checkedInOn).toBeNull();
    expect((await worker(s2)).status).toBe('IN_TRANSIT');
    expect(ok.body.status).toBe('EXPECTED');
    expect((await checkIn(arrivalId, { workerIds: [s2] }, Role.ADMIN).expect(200)).body.status).toBe('CHECKED_IN');
    const again = await checkIn(arrivalId, { workerIds: [s2] }, Role.ADMIN).expect(409);
    expect(again.body).toMatchObject({ code: 'ARRIVAL_NOT_EXPECTED', arrivalStatus: 'CHECKED_IN' });
  });

  it(
    'a late traveller: the arrival takes check-ins until every expected worker is in; ' +
      'nobody awaited on another arrival is flagged unannounced; a second check-in is 409',
    async () => {
      const orderId = await order(3);
      const [a, b, c] = [await selected(orderId), await selected(orderId), await selected(orderId)];
      const first = (await announce(orderId, [a, b]).expect(201)).body.id as string;
      const second = (await announce(orderId, [c], Role.LIAISON, '2026-05-14').expect(201)).body.id as string;
      const partly = await checkIn(first, { workerIds: [a] }).expect(200);
      expect(partly.body).toMatchObject({ status: 'EXPECTED', checkedInAt: null, version: 2 });

      // c came on the first train but is awaited on the second arrival: never flagged unannounced
      const elsewhere = await checkIn(first, { workerIds: [c] }).expect(422);
      expect(elsewhere.body).toMatchObject({
        code: 'CHECK_IN_INVALID',
        errors: [{ field: 'workerIds[0]', message: expect.stringContaining(`expected on arrival ${second}`) }],
      });
      expect(await worker(c)).toMatchObject({ status: 'IN_TRANSIT', unannounced: false });

      const twice = await checkIn(first, { workerIds: [b, a] }, Role.STAFF).expect(409);
      expect(twice.body).toMatchObject({ code: 'WORKER_ALREADY_CHECKED_IN', errors: [{ field: 'workerIds[1]', message: expect.stringContaining(a) }] });
      expect((await worker(b)).status).toBe('IN_TRANSIT');

      const today = new Date().toISOString().slice(0, 10);
      const late = await checkIn(first, { workerIds: [b] }).expect(200);
      expect(late.body).toMatchObject({ status: 'CHECKED_IN', checkedInAt: expect.any(String), version: 3 });
      expect(
        late.body.workers.map((w: { workerId: string; expected: boolean; checkedInOn: string }) => [w.workerId, w.expected, w.checkedInOn]).sort(),
      ).toEqual(
        [
          [a, true, today],
          [b, true, today],
        ].sort(),
      );
      expect(await worker(b)).toMatchObject({ status: 'ARRIVED', unannounced: false, arrivalDate: today });
      expect((await checkIn(first, { workerIds: [b] }).expect(409)).body.code).toBe('ARRIVAL_NOT_EXPECTED');
      // checked in on one arrival, never again on another
      expect((await checkIn(second, { workerIds: [a] }).expect(409)).body).toMatchObject({
        code: 'WORKER_ALREADY_CHECKED_IN',
        errors: [{ field: 'workerIds[0]' }],
      });
      expect((await checkIn(second, { workerIds: [c] }).expect(200)).body.status).toBe('CHECKED_IN');
      const audit = await t.app
        .get(PrismaService)
        .auditEvent.findMany({ where: { entityId: first, action: 'arrival.check_in' }, orderBy: { occurredAt: 'asc' } });
      expect(audit.map((e) => (e.changes as { arrivalStatus: string }).arrivalStatus)).toEqual(['EXPECTED', 'CHECKED_IN']);
    },
  );

  it(
    'check-in takes no worker of another agency onto an arrival (422), ' + "and an arrival or order shows a liaison officer only its agencies' workers",
    async () => {
      const prisma = t.app.get(PrismaService);
      const orderId = await order(1);
      const s = await selected(orderId);
      const arrivalId = (await announce(orderId, [s], Role.LIAISON, '2026-06-03').expect(201)).body.id as string;
      const abroadElsewhere = await candidate(otherAgencyId);
      const bad = await checkIn(arrivalId, { workerIds: [s, abroadElsewhere] }, Role.STAFF).expect(422);
      expect(bad.body).toMatchObject({
        code: 'CHECK_IN_INVALID',
        errors: [{ field: 'workerIds[1]', message: expect.stringContaining("order's partner agency") }],
      });
      expect(bad.body.errors).toHaveLength(1);
      expect(await worker(abroadElsewhere)).toMatchObject({ status: 'CANDIDATE', unannounced: false });
      expect((await worker(s)).status).toBe('IN_TRANSIT');

      // rows that put another agency's worker on the order (recorded before this check, or the worker moved agency since)
      await prisma.arrivalWorker.create({ data: { arrivalId, workerId: abroadElsewhere, expected: false } });
      await prisma.orderCandidate.create({ data: { orderId, workerId: abroadElsewhere, status: 'DECLINED' } });
      const ids = (list: { workerId: string }[]) => list.map((w) => w.workerId).sort();
      const listed = async (role: Role) =>
        (await api().get('/api/v1/arrivals?from=2026-06-03&to=2026-06-03').set(as(role)).expect(200)).body.items.find(
          (x: { id: string }) => x.id === arrivalId,
        );
      expect(ids((await listed(Role.LIAISON)).workers)).toEqual([s]);
      expect(ids((await listed(Role.STAFF)).workers)).toEqual([s, abroadElsewhere].sort());
      const liaisonView = (await api().get(`/api/v1/recruitment-orders/${orderId}`).set(as(Role.LIAISON)).expect(200)).body;
      expect(ids(liaisonView.arrivals[0].workers)).toEqual([s]);
      expect(ids(liaisonView.candidates)).toEqual([s]);
      const staffView = (await api().get(`/api/v1/recruitment-orders/${orderId}`).set(as(Role.STAFF)).expect(200)).body;
      expect(ids(staffView.arrivals[0].workers)).toEqual([s, abroadElsewhere].sort());
      expect(ids(staffView.candidates)).toEqual([s, abroadElsewhere].sort());
      const checkedIn = await checkIn(arrivalId, { workerIds: [s] }).expect(200);
      expect(ids(checkedIn.body.workers)).toEqual([s]);
    },
  );

  it("an out-of-scope liaison officer never takes (nor waits on) the lock of another agency's order: 404 at once", async () => {
    const foreign = await order(1, otherAgencyId);
    const w = await candidate();
    let release!: () => void;
    let locked!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = t.app.get(PrismaService).$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM recruitment_orders WHERE id = ${foreign}::uuid FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    const answer = propose(foreign, w).then((r) => r.status);
    const first = await Promise.race([answer, new Promise((r) => setTimeout(() => r('still waiting on the lock'), 3_000))]);
    release();
    await holder;
    expect(first).toBe(404);
    expect(await answer).toBe(404);
  });

  it('several OPEN orders of one request never ask together for more candidates than its open places (422 naming candidatesRequested)', async () => {
    const five = (await createApprovedRequest(t, ctx.employer.id, { workersRequested: 5 })).id;
    const place = (labourRequestId: string, n: number, role = Role.STAFF) =>
      api()
        .post(`/api/v1/labour-requests/${labourRequestId}/recruitment-orders`)
        .set(as(role))
        .send({ partnerAgencyId: ctx.agency.id, candidatesRequested: n });
    await place(five, 3).expect(201);
    const over = await place(five, 3, Role.LIAISON).expect(422);
    expect(over.body).toMatchObject({
      code: 'RECRUITMENT_ORDER_INVALID',
      errors: [
        {
          field: 'candidatesRequested',
          message: 'must not exceed the 2 place(s) of the labour request still free (5 open, 3 already asked of its other open orders)',
        },
      ],
    });
    await place(five, 2, Role.LIAISON).expect(201);
    expect((await place(five, 1).expect(422)).body.errors.map((e: { field: string }) => e.field)).toEqual(['candidatesRequested']);

    // orders placed at the same time: the request row is locked, so together they stay within its places
    const four = (await createApprovedRequest(t, ctx.employer.id, { workersRequested: 4 })).id;
    const answers = await Promise.all([1, 2, 3, 4].map(() => place(four, 2)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 422, 422]);
  });

  it(
    'endForRequest: refuses while people are on their way (409 listing them), ' +
      'then cancels the OPEN orders and closes the EXPECTED arrivals; a cancelled order takes nothing more',
    async () => {
      const prisma = t.app.get(PrismaService);
      const end = (labourRequestId: string, actor = systemActor()) =>
        prisma.$transaction((tx) => t.app.get(RecruitmentService).endForRequest(tx, actor, labourRequestId));
      const refusal = async (labourRequestId: string, actor = systemActor()) => {
        const e = await end(labourRequestId, actor).then(
          () => null,
          (err: unknown) => err as { status: number; code: string; extra: { workers: { workerId: string; status: string }[]; workerCount: number } },
        );
        expect(e).toMatchObject({ status: 409, code: 'RECRUITMENT_IN_PROGRESS' });
        return e!.extra;
      };
      const req = (await createApprovedRequest(t, ctx.employer.id, { workersRequested: 8 })).id;
      const open = await order(5, ctx.agency.id, req);
      const fulfilled = await order(1, ctx.agency.id, req);
      const [s, late, gone, f] = [await selected(open), await selected(open), await selected(open), await selected(fulfilled)];
      const prop = await candidate();
      await propose(open, prop).expect(201);

      const selectedOnes = await refusal(req);
      expect(selectedOnes.workerCount).toBe(4);
      expect(selectedOnes.workers.map((w) => [w.workerId, w.status]).sort()).toEqual([s, late, gone, f].map((id) => [id, 'SELECTED']).sort());
      // an employer is told how many, never who
      expect(await refusal(req, employerActor(ctx.employer.id))).toEqual({ workers: [], workerCount: 4 });
      expect((await api().get(`/api/v1/recruitment-orders/${open}`).set(as(Role.STAFF)).expect(200)).body.status).toBe('OPEN');

      const train = (await announce(open, [s, late]).expect(201)).body.id as string;
      const bus = (await announce(open, [gone], Role.LIAISON, '2026-05-20').expect(201)).body.id as string;
      const other = (await announce(fulfilled, [f]).expect(201)).body.id as string;
      expect((await refusal(req)).workers.map((w) => w.status)).toEqual(['IN_TRANSIT', 'IN_TRANSIT', 'IN_TRANSIT', 'IN_TRANSIT']);
      await checkIn(train, { workerIds: [s] }).expect(200);
      await checkIn(other, { workerIds: [f] }).expect(200);
      // the caseworker deals with the two who never came
      for (const id of [late, gone]) {
        await api().post(`/api/v1/workers/${id}/transitions`).set(as(Role.STAFF)).send({ to: 'CLOSED', reason: 'never boarded' }).expect(200);
      }

      await end(req);
      const orderStatus = async (id: string) => (await api().get(`/api/v1/recruitment-orders/${id}`).set(as(Role.LIAISON)).expect(200)).body;
      const cancelled = await orderStatus(open);
      expect(cancelled).toMatchObject({ status: 'CANCELLED', version: expect.any(Number) });
      expect(Object.fromEntries(cancelled.arrivals.map((a: { id: string; status: string }) => [a.id, a.status]))).toEqual({
        [train]: 'CHECKED_IN',
        [bus]: 'CANCELLED',
      });
      expect((await orderStatus(fulfilled)).status).toBe('FULFILLED');
      const audit = await prisma.auditEvent.findMany({
        where: { entityId: { in: [open, fulfilled, train, bus, other] }, action: { in: ['recruitment_order.cancel', 'arrival.cancel', 'arrival.close'] } },
      });
      expect(audit.map((e) => [e.entityId, e.action]).sort()).toEqual(
        [
          [open, 'recruitment_order.cancel'],
          [train, 'arrival.close'],
          [bus, 'arrival.cancel'],
        ].sort(),
      );
      await end(req); // nothing left to end: no change, no audit
      expect(
        await prisma.auditEvent.count({
          where: { entityId: { in: [open, train, bus] }, action: { in: ['recruitment_order.cancel', 'arrival.cancel', 'arrival.close'] } },
        }),
      ).toBe(3);

      // the cancelled order takes no candidate, no selection and no arrival; a cancelled arrival no check-in
      expect((await propose(open, await candidate()).expect(409)).body).toMatchObject({ code: 'RECRUITMENT_ORDER_CANCELLED', orderStatus: 'CANCELLED' });
      expect((await decide(open, prop, 'select').expect(409)).body).toMatchObject({ code: 'RECRUITMENT_ORDER_CANCELLED' });
      expect((await announce(open, [prop]).expect(409)).body).toMatchObject({ code: 'RECRUITMENT_ORDER_CANCELLED', orderStatus: 'CANCELLED' });
      expect((await checkIn(bus, { workerIds: [gone] }).expect(409)).body).toMatchObject({ code: 'ARRIVAL_NOT_EXPECTED', arrivalStatus: 'CANCELLED' });
      expect((await worker(prop)).status).toBe('CANDIDATE');
      // its places are free again for a new order
      await order(7, ctx.agency.id, req);
    },
  );

  it("lists arrivals by expected date, scoped to the liaison officer's agencies", async () => {
    const own = await order(2);
    const foreign = await order(1, otherAgencyId);
    const a = (await announce(own, [await selected(own)], Role.STAFF, '2027-03-01').expect(201)).body.id;
    const b = (await announce(own, [await selected(own)], Role.STAFF, '2027-03-05').expect(201)).body.id;
    const c = (await announce(foreign, [await selected(foreign, otherAgencyId)], Role.STAFF, '2027-03-02').expect(201)).body.id;
    const range = '/api/v1/arrivals?from=2027-03-01&to=2027-03-31';
    expect((await api().get(range).set(as(Role.STAFF)).expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([a, c, b]);
    expect((await api().get(range).set(as(Role.LIAISON)).expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([a, b]);
    const page = await api().get(`${range}&limit=1`).set(as(Role.ADMIN)).expect(200);
    const rest = await api().get(`${range}&limit=5&cursor=${page.body.nextCursor}`).set(as(Role.ADMIN)).expect(200);
    expect([...page.body.items, ...rest.body.items].map((x: { id: string }) => x.id)).toEqual([a, c, b]);
    expect(
      (await api().get('/api/v1/arrivals?from=2027-03-02&to=2027-03-04').set(as(Role.STAFF)).expect(200)).body.items.map((x: { id: string }) => x.id),
    ).toEqual([c]);
    expect((await api().get(`${range}&status=CHECKED_IN`).set(as(Role.STAFF)).expect(200)).body.items).toEqual([]);
    await api().get('/api/v1/arrivals?from=tomorrow').set(as(Role.STAFF)).expect(400);
    await api().get(range).set(as(Role.EMPLOYER)).expect(403);
  });

  it('pages arrivals with the cursor it hands out: by day, then id within a day, each once', async () => {
    const own = await order(5, ctx.agency.id, (await createApprovedRequest(t, ctx.employer.id, { workersRequested: 5 })).id);
    const days = ['2027-09-03', '2027-09-01', '2027-09-03', '2027-09-02', '2027-09-03'];
    const ids: { day: string; id: string }[] = [];
    for (const day of days) ids.push({ day, id: (await announce(own, [await selected(own)], Role.STAFF, day).expect(201)).body.id });
    const expected = ids.sort((x, y) => (x.day === y.day ? (x.id < y.id ? -1 : 1) : x.day < y.day ? -1 : 1)).map((x) => x.id);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: request.Response = await api()
        .get(`/api/v1/arrivals?from=2027-09-01&to=2027-09-30&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(Role.STAFF))
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(expected);
  });

  const forged = (value: unknown, id: unknown = MISSING) => Buffer.from(JSON.stringify([value, id])).toString('base64url');
  it.each([
    ['a day that is not a date', forged('not-a-date')],
    ['a day that does not exist', forged('2027-02-30')],
    ['a month that does not exist', forged('2027-13-01')],
    ['the year 0', forged('0000-01-01')],
    ['an instant instead of a day', forged('2027-03-01T00:00:00.000Z')],
    ['a day past year 9999', forged('+275760-09-13')],
    ['a number as the day', forged(20270301)],
    ['an id that is not a uuid', forged('2027-03-01', 'x')],
    ['an id that is SQL', forged('2027-03-01', "x' OR 1=1 --")],
    ['an object as the day', forged({ day: '2027-03-01' })],
    ['an array as the day', forged(['2027-03-01'])],
    ['an object', Buffer.from(JSON.stringify({ value: '2027-03-01', id: MISSING })).toString('base64url')],
  ])('refuses an arrivals cursor with %s: 400 INVALID_CURSOR', async (_what, cursor) => {
    const res = await api().get(`/api/v1/arrivals?cursor=${cursor}`).set(as(Role.STAFF)).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  describe('the liaison officers are told of a new order for their agency', () => {
    it('every active liaison officer of the agency gets an in-app notice; not those of other agencies, the inactive, nor the one who placed it', async () => {
      const prisma = t.app.get(PrismaService);
      const second = await createUser(t, Role.LIAISON, { agencyIds: [ctx.agency.id, otherAgencyId] });
      const retired = await createUser(t, Role.LIAISON, { agencyIds: [ctx.agency.id] });
      await prisma.user.update({ where: { id: retired.id }, data: { active: false } });
      const elsewhere = await createUser(t, Role.LIAISON, { agencyIds: [otherAgencyId] });
      const noticesOf = async (userId: string, entityId: string) =>
        prisma.notification.findMany({ where: { userId, entityId, kind: 'recruitment_order.created' } });

      const r = await createApprovedRequest(t, ctx.employer.id, {
        occupationCode: '7112',
        preferredCitizenships: ['UZ'],
        workersRequested: 3,
        periodStart: '2026-05-01',
        periodEnd: '2026-10-31',
      });
      const byStaff = await order(3, ctx.agency.id, r.id);
      for (const user of [ctx.users.LIAISON, second]) expect(await noticesOf(user.id, byStaff)).toHaveLength(1);
      for (const user of [retired, elsewhere, ctx.users.STAFF, ctx.users.EMPLOYER]) expect(await noticesOf(user.id, byStaff)).toEqual([]);
      const listed = await api().get('/api/v1/notifications?unread=true').set(as(Role.LIAISON)).expect(200);
      const agencyName = (await prisma.partnerAgency.findUniqueOrThrow({ where: { id: ctx.agency.id } })).name;
      expect(listed.body.items.find((n: { entityId: string }) => n.entityId === byStaff)).toMatchObject({
        kind: 'recruitment_order.created',
        title: `New recruitment order for ${agencyName}`,
        body:
          `The Centre asks ${agencyName} for 3 candidates of occupation 7112 (UZ), ` +
          `to work from 2026-05-01 to 2026-10-31. Propose workers of the agency on the order.`,
        entityType: 'recruitment_order',
        readAt: null,
      });

      // placed by a liaison officer of the agency: the others are told, not the one who placed it
      const r2 = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 1 });
      const byLiaison = (
        await api()
          .post(`/api/v1/labour-requests/${r2.id}/recruitment-orders`)
          .set(as(Role.LIAISON))
          .send({ partnerAgencyId: ctx.agency.id, candidatesRequested: 1 })
          .expect(201)
      ).body.id;
      expect(await noticesOf(ctx.users.LIAISON.id, byLiaison)).toEqual([]);
      expect(await noticesOf(second.id, byLiaison)).toHaveLength(1);
      // an order that is refused tells nobody
      await api()
        .post(`/api/v1/labour-requests/${r2.id}/recruitment-orders`)
        .set(as(Role.STAFF))
        .send({ partnerAgencyId: ctx.agency.id, candidatesRequested: 5 })
        .expect(422);
      expect(await prisma.notification.count({ where: { userId: second.id, kind: 'recruitment_order.created' } })).toBe(2);
    });
  });

  describe('GET /recruitment-orders', () => {
    const list = (role: Role, query = '') => api().get(`/api/v1/recruitment-orders${query}`).set(as(role));
    const ids = (res: request.Response) => res.body.items.map((o: { id: string }) => o.id) as string[];

    it("staff and administrators see every order, a liaison officer its agencies' only (also when naming another agency), employers 403", async () => {
      const r = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 4 });
      const own = await order(1, ctx.agency.id, r.id);
      const theirs = await order(1, otherAgencyId, r.id);
      const all = await list(Role.STAFF, '?limit=200').expect(200);
      expect(ids(all)).toEqual(expect.arrayContaining([own, theirs]));
      expect(all.body.items.find((o: { id: string }) => o.id === own)).toMatchObject({
        labourRequestId: r.id,
        partnerAgencyId: ctx.agency.id,
        status: 'OPEN',
        candidatesRequested: 1,
      });
      expect(ids(await list(Role.ADMIN, `?partnerAgencyId=${otherAgencyId}&limit=200`).expect(200))).toContain(theirs);
      const liaison = await list(Role.LIAISON, '?limit=200').expect(200);
      expect(ids(liaison)).toContain(own);
      expect(ids(liaison)).not.toContain(theirs);
      expect(liaison.body.items.every((o: { partnerAgencyId: string }) => o.partnerAgencyId === ctx.agency.id)).toBe(true);
      expect((await list(Role.LIAISON, `?partnerAgencyId=${otherAgencyId}`).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await list(Role.EMPLOYER).expect(403)).body.code).toBe('FORBIDDEN');
      await api().get('/api/v1/recruitment-orders').expect(401);
    });

    it('filters by status; newest first in cursor pages; bad filters and cursors 400', async () => {
      const r = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 6 });
      const cancelledRequest = await createApprovedRequest(t, ctx.employer.id, { workersRequested: 1 });
      const cancelled = await order(1, otherAgencyId, cancelledRequest.id);
      await api().post(`/api/v1/labour-requests/${cancelledRequest.id}/withdraw`).set(as(Role.STAFF)).expect(200);
      const fulfilled = await order(1, ctx.agency.id, r.id);
      await selected(fulfilled);
      const open = [await order(1, ctx.agency.id, r.id), await order(1, ctx.agency.id, r.id)];
      expect(ids(await list(Role.STAFF, '?status=CANCELLED&limit=200').expect(200))).toContain(cancelled);
      const fulfilledOnes = await list(Role.STAFF, '?status=FULFILLED&limit=200').expect(200);
      expect(ids(fulfilledOnes)).toContain(fulfilled);
      expect(fulfilledOnes.body.items.every((o: { status: string }) => o.status === 'FULFILLED')).toBe(true);
      expect(ids(await list(Role.LIAISON, '?status=CANCELLED&limit=200').expect(200))).not.toContain(cancelled);

      const first = await list(Role.LIAISON, '?status=OPEN&limit=1').expect(200);
      expect(ids(first)).toEqual([open[1]]);
      const second = await list(Role.LIAISON, `?status=OPEN&limit=1&cursor=${first.body.nextCursor}`).expect(200);
      expect(ids(second)).toEqual([open[0]]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await list(Role.STAFF, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
        seen.push(...ids(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await t.app.get(PrismaService).recruitmentOrder.count());

      await list(Role.STAFF, '?status=MAYBE').expect(400);
      await list(Role.STAFF, '?partnerAgencyId=nope').expect(400);
      expect((await list(Role.STAFF, '?cursor=nonsense').expect(400)).body.code).toBe('INVALID_CURSOR');
      expect((await list(Role.STAFF, `?cursor=${forged('2027-03-01', 'x')}`).expect(400)).body.code).toBe('INVALID_CURSOR');
    });
  });
});
