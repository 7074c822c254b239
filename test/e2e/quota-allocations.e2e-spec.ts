import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { ReferenceService } from '../../src/reference/reference.service';
import { createRoleUsers, systemActor } from '../factories/users';
import { createApprovedRequest, createSubmittedRequest, RequestOptions } from '../factories/labour-requests';

describe('quota allocations', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const api = (path = '') => `/api/v1/quota-allocations${path}`;
  const db = () => t.app.get(PrismaService);

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('administrators set limits, overall or per occupation and/or citizenship; each shows limit, approved, remaining', async () => {
    const overall = await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2027, limit: 500, note: 'Omsk 2027' }).expect(201);
    expect(overall.body).toMatchObject({ year: 2027, occupationCode: null, citizenship: null, limit: 500, approved: 0, remaining: 500, version: 1 });
    expect(overall.headers.etag).toBe('"1"');
    const specific = await request(t.http)
      .post(api())
      .set(as(Role.ADMIN))
      .send({ year: 2027, occupationCode: '7112', citizenship: 'uz', limit: 40 })
      .expect(201);
    expect(specific.body).toMatchObject({ occupationCode: '7112', citizenship: 'UZ', remaining: 40 });
    const audit = await db().auditEvent.findMany({ where: { entityId: specific.body.id } });
    expect(audit.map((a) => a.action)).toEqual(['quota_allocation.create']);
  });

  it('the same scope twice is 409 (an absent occupation or citizenship counts as equal), an unknown occupation 422, bad input 400', async () => {
    await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2028, citizenship: 'TJ', limit: 5 }).expect(201);
    const dup = await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2028, citizenship: 'TJ', occupationCode: null, limit: 9 }).expect(409);
    expect(dup.body.code).toBe('QUOTA_ALLOCATION_DUPLICATE');
    const unknown = await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2028, occupationCode: '0001', limit: 5 }).expect(422);
    expect(unknown.body.errors[0].field).toBe('occupationCode');
    await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2028, limit: -1 }).expect(400);
    await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2028, limit: 5, approved: 3 }).expect(400);
    await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2028, citizenship: 'Tajikistan', limit: 5 }).expect(400);
  });

  it('staff read, only administrators write; liaison officers and employers neither', async () => {
    await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2029, limit: 3 }).expect(201);
    const list = await request(t.http).get(api('?year=2029')).set(as(Role.STAFF)).expect(200);
    expect(list.body).toEqual({ items: [expect.objectContaining({ year: 2029, limit: 3, remaining: 3 })], nextCursor: null });
    await request(t.http).post(api()).set(as(Role.STAFF)).send({ year: 2029, occupationCode: '5120', limit: 3 }).expect(403);
    for (const role of [Role.LIAISON, Role.EMPLOYER]) {
      await request(t.http).get(api()).set(as(role)).expect(403);
      await request(t.http).post(api()).set(as(role)).send({ year: 2029, limit: 3 }).expect(403);
    }
    const id = list.body.items[0].id;
    await request(t.http)
      .patch(api(`/${id}`))
      .set(as(Role.STAFF))
      .send({ limit: 4 })
      .expect(403);
    await request(t.http)
      .patch(api(`/${id}`))
      .set(as(Role.EMPLOYER))
      .send({ limit: 4 })
      .expect(403);
    const first = await request(t.http).get(api('?limit=1')).set(as(Role.ADMIN)).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await request(t.http).get(api('?year=nineteen')).set(as(Role.ADMIN)).expect(400);
  });

  it('PATCH changes the limit and note with If-Match; never below what is approved (422); stale 412; unknown 404', async () => {
    const created = await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2026, occupationCode: '7411', limit: 10 }).expect(201);
    const id = created.body.id;
    await createApprovedRequest(t, ctx.employer.id, { occupationCode: '7411', workersRequested: 6 });
    const read = (await request(t.http).get(api('?year=2026')).set(as(Role.ADMIN)).expect(200)).body.items.find((a: { id: string }) => a.id === id);
    expect(read).toMatchObject({ approved: 6, remaining: 4, version: 2 });
    const below = await request(t.http)
      .patch(api(`/${id}`))
      .set(as(Role.ADMIN))
      .set('If-Match', '*')
      .send({ limit: 5 })
      .expect(422);
    expect(below.body).toMatchObject({ code: 'LIMIT_BELOW_APPROVED', approved: 6, errors: [{ field: 'limit' }] });
    await request(t.http)
      .patch(api(`/${id}`))
      .set(as(Role.ADMIN))
      .set('If-Match', '"1"')
      .send({ limit: 20 })
      .expect(412);
    const ok = await request(t.http)
      .patch(api(`/${id}`))
      .set(as(Role.ADMIN))
      .set('If-Match', '"2"')
      .send({ limit: 6, note: 'cut' })
      .expect(200);
    expect(ok.body).toMatchObject({ limit: 6, approved: 6, remaining: 0, note: 'cut', version: 3 });
    expect(ok.headers.etag).toBe('"3"');
    await request(t.http).patch(api('/7d0f0b5e-7b5e-4a8e-9d0e-000000000000')).set(as(Role.ADMIN)).send({ limit: 1 }).expect(404);
    await request(t.http).patch(api('/nope')).set(as(Role.ADMIN)).send({ limit: 1 }).expect(404);
    await request(t.http)
      .patch(api(`/${id}`))
      .set(as(Role.ADMIN))
      .send({ year: 2030 })
      .expect(400);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'quota_allocation.update' } });
    expect(audit.changes).toMatchObject({ limit: { from: 10, to: 6 } });
  });

  it('30 parallel decisions against a limit of 10: exactly 10 places approved, the other 20 QUOTA_EXHAUSTED', async () => {
    const allocation = await request(t.http)
      .post(api())
      .set(as(Role.ADMIN))
      .send({ year: 2026, occupationCode: '9333', citizenship: 'TJ', limit: 10 })
      .expect(201);
    const requests = [];
    for (let i = 0; i < 30; i += 1) {
      requests.push(await createSubmittedRequest(t, ctx.employer.id, { occupationCode: '9333', preferredCitizenships: ['TJ'], workersRequested: 1 }));
    }
    const answers = await Promise.all(
      requests.map((r) => request(t.http).post(`/api/v1/labour-requests/${r.id}/decision`).set(as(Role.STAFF)).send({ decision: 'APPROVED' })),
    );
    const approved = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 422);
    expect(approved).toHaveLength(10);
    expect(refused).toHaveLength(20);
    refused.forEach((a) => expect(a.body).toMatchObject({ code: 'QUOTA_EXHAUSTED', remaining: 0 }));
    const stored = await db().quotaAllocation.findUniqueOrThrow({ where: { id: allocation.body.id } });
    expect(stored).toMatchObject({ limit: 10, approved: 10 });
    const counted = await db().labourRequest.aggregate({ where: { quotaAllocationId: allocation.body.id }, _sum: { approvedCount: true } });
    expect(counted._sum.approvedCount).toBe(10);
  });

  describe('every matching allocation is a ceiling, from the most specific up to the overall one', () => {
    type Shown = { id: string; approved: number; limit: number; remaining: number };
    const allocate = async (body: object) => (await request(t.http).post(api()).set(as(Role.ADMIN)).send(body).expect(201)).body as Shown;
    const shown = async (year: number) => {
      const res = await request(t.http)
        .get(api(`?year=${year}&limit=100`))
        .set(as(Role.STAFF))
        .expect(200);
      return new Map((res.body.items as Shown[]).map((a) => [a.id, a]));
    };
    const decide = (id: string, body: object = { decision: 'APPROVED' }) =>
      request(t.http).post(`/api/v1/labour-requests/${id}/decision`).set(as(Role.STAFF)).send(body);
    const submitted = (year: number, o: RequestOptions) =>
      createSubmittedRequest(t, ctx.employer.id, { periodStart: `${year}-04-01`, periodEnd: `${year}-10-31`, workersRequested: 1, ...o });

    it('concurrent approvals counted under different specific allocations never pass the overall limit; each row shows what is counted under it', async () => {
      await t.app.get(ReferenceService).putWageFloor(systemActor(), 2034, { mrotRub: 27_093 });
      const overall = await allocate({ year: 2034, limit: 5 });
      const masons = await allocate({ year: 2034, occupationCode: '7112', limit: 8 });
      const masonsUz = await allocate({ year: 2034, occupationCode: '7112', citizenship: 'UZ', limit: 10 });
      const loadersTj = await allocate({ year: 2034, occupationCode: '9333', citizenship: 'TJ', limit: 10 });
      const requests = [];
      for (let i = 0; i < 6; i += 1) {
        requests.push(await submitted(2034, { occupationCode: '7112', preferredCitizenships: ['UZ'] }));
        requests.push(await submitted(2034, { occupationCode: '9333', preferredCitizenships: ['TJ'] }));
      }
      const answers = await Promise.all(requests.map((r) => decide(r.id)));
      const approved = answers.filter((a) => a.status === 200);
      const refused = answers.filter((a) => a.status === 422);
      expect(approved).toHaveLength(5);
      expect(refused).toHaveLength(7);
      refused.forEach((a) => expect(a.body).toMatchObject({ code: 'QUOTA_EXHAUSTED', remaining: 0, errors: [{ allocationId: overall.id, remaining: 0 }] }));
      const uz = approved.filter((a) => a.body.occupationCode === '7112').length;
      approved.forEach((a) => expect(a.body.quotaAllocationId).toBe(a.body.occupationCode === '7112' ? masonsUz.id : loadersTj.id));

      const rows = await shown(2034);
      expect(rows.get(overall.id)).toMatchObject({ limit: 5, approved: 5, remaining: 0 });
      expect(rows.get(masons.id)).toMatchObject({ approved: uz, remaining: 8 - uz });
      expect(rows.get(masonsUz.id)).toMatchObject({ approved: uz, remaining: 10 - uz });
      expect(rows.get(loadersTj.id)).toMatchObject({ approved: 5 - uz, remaining: 5 + uz });
      const placesOfYear = await db().labourRequest.aggregate({
        where: { periodStart: { gte: new Date('2034-01-01'), lt: new Date('2035-01-01') } },
        _sum: { approvedCount: true },
      });
      expect(placesOfYear._sum.approvedCount).toBe(5);
      // the refusal names the overall allocation even for a request its specific one has room for
      const more = await submitted(2034, { occupationCode: '7112', preferredCitizenships: ['UZ'] });
      const full = await decide(more.id).expect(422);
      expect(full.body.errors[0].message).toBe('the 2034 quota has 0 of 5 places left; 1 requested');
    });

    it('a new allocation starts with the places already approved under it; withdrawing or closing gives back to every ceiling', async () => {
      await t.app.get(ReferenceService).putWageFloor(systemActor(), 2035, { mrotRub: 27_093 });
      const masonsUz = await allocate({ year: 2035, occupationCode: '7112', citizenship: 'UZ', limit: 10 });
      const kg = await allocate({ year: 2035, citizenship: 'KG', limit: 10 });
      const r1 = (await decide((await submitted(2035, { occupationCode: '7112', preferredCitizenships: ['UZ'], workersRequested: 3 })).id).expect(200)).body;
      const r2 = (await decide((await submitted(2035, { occupationCode: '9333', preferredCitizenships: ['KG'], workersRequested: 2 })).id).expect(200)).body;

      const tooLow = await request(t.http).post(api()).set(as(Role.ADMIN)).send({ year: 2035, limit: 4 }).expect(422);
      expect(tooLow.body).toMatchObject({ code: 'LIMIT_BELOW_APPROVED', approved: 5, errors: [{ field: 'limit' }] });
      const overall = await allocate({ year: 2035, limit: 20 });
      expect(overall).toMatchObject({ approved: 5, remaining: 15 });
      const masons = await allocate({ year: 2035, occupationCode: '7112', limit: 10 });
      expect(masons).toMatchObject({ approved: 3, remaining: 7 });
      const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: overall.id, action: 'quota_allocation.create' } });
      expect(audit.changes).toMatchObject({ limit: 20, approved: 5 });

      const r3 = (await decide((await submitted(2035, { occupationCode: '7112', preferredCitizenships: ['TJ'] })).id).expect(200)).body;
      expect(r3.quotaAllocationId).toBe(masons.id);
      const numbers = async () => {
        const rows = await shown(2035);
        return [overall, masons, masonsUz, kg].map((a) => rows.get(a.id)!.approved);
      };
      expect(await numbers()).toEqual([6, 4, 3, 2]);
      await request(t.http).post(`/api/v1/labour-requests/${r1.id}/withdraw`).set(as(Role.EMPLOYER)).expect(200);
      expect(await numbers()).toEqual([3, 1, 0, 2]);
      await request(t.http).post(`/api/v1/labour-requests/${r2.id}/close`).set(as(Role.STAFF)).expect(200);
      expect(await numbers()).toEqual([1, 1, 0, 0]);
    });
  });
});
