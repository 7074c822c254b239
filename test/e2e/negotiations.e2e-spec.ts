import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { NegotiationsService } from '../../src/negotiations/negotiations.service';
import { createApprovedRequest, createDraftRequest, createSubmittedRequest, RequestOptions } from '../factories/labour-requests';
import { createRoleUsers, createUser, login, TestUser } from '../factories/users';
import { readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const UNKNOWN = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';
/** An acceptable offer for a 2026 bricklayer (floor 31 157, local wage 78 000). */
const GOOD = { monthlyWageRub: 62_000, hoursPerWeek: 40, housingProvided: true, mealsProvided: false, deductionsRub: 6_000 };

describe('wage negotiations', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  /** A second user of the same employer, and a user of another employer. */
  let colleague: TestUser & { token: string };
  let outsider: TestUser & { token: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const base = (id: string) => `/api/v1/labour-requests/${id}/negotiation`;
  const offer = (id: string, role: Role, body: object = GOOD) =>
    request(t.http)
      .post(`${base(id)}/offers`)
      .set(as(role))
      .send(body);
  const accept = (id: string, auth: Record<string, string>, offerId: string) =>
    request(t.http)
      .post(`${base(id)}/accept`)
      .set(auth)
      .send({ offerId });
  const get = (id: string, role: Role) => request(t.http).get(base(id)).set(as(role));
  const approved = (o: RequestOptions = {}) => createApprovedRequest(t, ctx.employer.id, o);
  const codes = (res: request.Response) => (res.body.errors as { code: string }[]).map((e) => e.code);
  /** The negotiation notices of a user about a request (the request's own notices, e.g. of its decision, are tested in labour-requests). */
  const noticesOf = async (userId: string, entityId: string) =>
    (await prisma.notification.findMany({ where: { userId, entityId, kind: { startsWith: 'negotiation.' } }, orderBy: { createdAt: 'asc' } })).map(
      (n) => n.kind,
    );

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    const c = await createUser(t, Role.EMPLOYER, { employerId: ctx.employer.id });
    colleague = { ...c, token: (await login(t, c.email, c.password)).accessToken };
    const o = await createUser(t, Role.EMPLOYER, { employerId: ctx.otherEmployer.id });
    outsider = { ...o, token: (await login(t, o.email, o.password)).accessToken };
  });
  afterAll(() => t?.close());

  describe('GET /labour-requests/:id/negotiation', () => {
    it('404 NEGOTIATION_NOT_FOUND before the first offer; unknown or malformed request → 404 LABOUR_REQUEST_NOT_FOUND', async () => {
      const r = await approved();
      expect((await get(r.id, Role.STAFF).expect(404)).body.code).toBe('NEGOTIATION_NOT_FOUND');
      expect((await get(r.id, Role.EMPLOYER).expect(404)).body.code).toBe('NEGOTIATION_NOT_FOUND');
      expect((await get(UNKNOWN, Role.STAFF).expect(404)).body.code).toBe('LABOUR_REQUEST_NOT_FOUND');
      expect((await get('not-a-uuid', Role.ADMIN).expect(404)).body.code).toBe('LABOUR_REQUEST_NOT_FOUND');
    });

    it('every role: staff and the own employer read it, another employer gets 404 without data, liaison 403', async () => {
      const r = await approved();
      await offer(r.id, Role.STAFF).expect(201);
      for (const role of [Role.ADMIN, Role.STAFF, Role.EMPLOYER]) expect((await get(r.id, role).expect(200)).body.labourRequestId).toBe(r.id);
      expect((await get(r.id, Role.LIAISON).expect(403)).body.code).toBe('FORBIDDEN');
      const foreign = await request(t.http).get(base(r.id)).set(bearer(outsider.token)).expect(404);
      expect(foreign.body).toMatchObject({ code: 'LABOUR_REQUEST_NOT_FOUND' });
      expect(foreign.body).not.toHaveProperty('offers');
    });
  });

  describe('POST /labour-requests/:id/negotiation/offers', () => {
    it('the employer opens it: 201 with the figures people compare; staff (the other party) are notified; audited', async () => {
      const r = await approved();
      const res = await offer(r.id, Role.EMPLOYER, { ...GOOD, note: 'Our best for now' }).expect(201);
      expect(res.body).toMatchObject({ labourRequestId: r.id, status: 'OPEN', agreedTerms: null, latestOfferId: res.body.offers[0].id });
      expect(res.body.offers).toEqual([
        expect.objectContaining({
          seq: 1,
          party: 'EMPLOYER',
          ...GOOD,
          includesOvertime: false,
          note: 'Our best for now',
          floorRub: 31_157,
          netEstimateRub: 62_000 - 8_060 - 6_000, // gross − 13 % income tax − deductions
          localWageRub: 78_000,
          localWageGapPct: -20.5,
          superseded: false,
        }),
      ]);
      expect(res.body.offers[0]).not.toHaveProperty('madeById'); // the employer's view
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      // no Centre offer yet and the decision was not made by a user here: every active STAFF user
      expect(await noticesOf(ctx.users.STAFF.id, r.id)).toEqual(['negotiation.offer']);
      expect(await noticesOf(ctx.users.EMPLOYER.id, r.id)).toEqual([]);
      const audit = await prisma.auditEvent.findMany({ where: { entityId: res.body.id, kind: 'CHANGE' } });
      expect(audit.map((a) => a.action)).toEqual(['negotiation.offer']);
      expect(audit[0].changes).toMatchObject({ labourRequestId: r.id, party: 'EMPLOYER', monthlyWageRub: 62_000 });
    });

    it('counter-offers alternate and supersede; each notifies the other party (every employer user; the Centre user of the last Centre offer)', async () => {
      const r = await approved();
      await offer(r.id, Role.EMPLOYER, { ...GOOD, monthlyWageRub: 50_000, deductionsRub: 0 }).expect(201);
      const centre = await offer(r.id, Role.ADMIN, { ...GOOD, monthlyWageRub: 70_000, hoursPerWeek: 48, includesOvertime: true }).expect(201);
      expect(centre.body.offers.map((o: { party: string; superseded: boolean }) => [o.party, o.superseded])).toEqual([
        ['EMPLOYER', true],
        ['CENTRE', false],
      ]);
      expect(centre.body.offers[1]).toMatchObject({ seq: 2, madeById: ctx.users.ADMIN.id, includesOvertime: true, floorRub: 31_157 });
      expect(await noticesOf(ctx.users.EMPLOYER.id, r.id)).toEqual(['negotiation.offer']);
      expect(await noticesOf(colleague.id, r.id)).toEqual(['negotiation.offer']);
      // the employer answers: the notice goes to the administrator who made the Centre offer, not to all staff
      await offer(r.id, Role.EMPLOYER, { ...GOOD, monthlyWageRub: 64_000 }).expect(201);
      expect(await noticesOf(ctx.users.ADMIN.id, r.id)).toEqual(['negotiation.offer']);
      expect(await noticesOf(ctx.users.STAFF.id, r.id)).toEqual(['negotiation.offer']); // only the first one
      const list = await request(t.http).get('/api/v1/notifications?unread=true').set(as(Role.ADMIN)).expect(200);
      expect(list.body.items.find((n: { entityId: string }) => n.entityId === r.id)).toMatchObject({
        kind: 'negotiation.offer',
        title: 'New wage offer from the employer',
        entityType: 'labour_request',
        readAt: null,
      });
      const read = await get(r.id, Role.EMPLOYER).expect(200);
      expect(read.body.offers.map((o: { seq: number }) => o.seq)).toEqual([1, 2, 3]);
    });

    it('an employer offer before any Centre offer notifies the staff user who decided the request (not every staff user)', async () => {
      await approved(); // the year's quota has room
      const decider = await createUser(t, Role.STAFF);
      const deciderToken = (await login(t, decider.email, decider.password)).accessToken;
      const r = await createSubmittedRequest(t, ctx.employer.id);
      await request(t.http).post(`/api/v1/labour-requests/${r.id}/decision`).set(bearer(deciderToken)).send({ decision: 'APPROVED' }).expect(200);
      await offer(r.id, Role.EMPLOYER).expect(201);
      expect(await noticesOf(decider.id, r.id)).toEqual(['negotiation.offer']);
      expect(await noticesOf(ctx.users.STAFF.id, r.id)).toEqual([]);
    });

    it('two first offers at once: one negotiation, offers numbered without gaps, the loser (if any) 409 NEGOTIATION_CHANGED', async () => {
      const r = await approved();
      const answers = await Promise.all([offer(r.id, Role.STAFF), offer(r.id, Role.EMPLOYER)]);
      expect(answers.map((a) => a.status)).toContain(201);
      for (const a of answers.filter((x) => x.status !== 201)) expect([a.status, a.body.code]).toEqual([409, 'NEGOTIATION_CHANGED']);
      const n = await get(r.id, Role.STAFF).expect(200);
      const created = answers.filter((a) => a.status === 201).length;
      expect(n.body.offers.map((o: { seq: number }) => o.seq)).toEqual(created === 2 ? [1, 2] : [1]);
      expect(n.body.latestOfferId).toBe(n.body.offers[n.body.offers.length - 1].id);
      expect(await prisma.negotiation.count({ where: { labourRequestId: r.id } })).toBe(1);
      // racing counter-offers on the existing negotiation: each is made or answered 409, never half-made
      const race = await Promise.all([offer(r.id, Role.ADMIN), offer(r.id, Role.EMPLOYER), offer(r.id, Role.STAFF)]);
      for (const a of race) expect(a.status === 201 || (a.status === 409 && a.body.code === 'NEGOTIATION_CHANGED')).toBe(true);
      const after = await get(r.id, Role.STAFF).expect(200);
      const made = race.filter((a) => a.status === 201).length;
      expect(after.body.offers.map((o: { seq: number }) => o.seq)).toEqual(Array.from({ length: created + made }, (_, i) => i + 1));
      expect(after.body.latestOfferId).toBe(after.body.offers[after.body.offers.length - 1].id);
    });

    it('422 OFFER_RULES_FAILED naming each rule: below the floor, over the deduction share, over the hours; all three at once in one answer', async () => {
      const r = await approved();
      const below = await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: 30_000, deductionsRub: 0 }).expect(422);
      expect(below.body).toMatchObject({ code: 'OFFER_RULES_FAILED', errors: [{ field: 'monthlyWageRub', code: 'WAGE_BELOW_FLOOR' }] });
      expect(below.body.errors[0].message).toContain('31 157');
      expect(codes(await offer(r.id, Role.EMPLOYER, { ...GOOD, deductionsRub: 12_401 }).expect(422))).toEqual(['DEDUCTIONS_OVER_SHARE']);
      expect(codes(await offer(r.id, Role.EMPLOYER, { ...GOOD, hoursPerWeek: 45 }).expect(422))).toEqual(['HOURS_OVER_LIMIT']);
      expect(codes(await offer(r.id, Role.STAFF, { ...GOOD, housingProvided: false, deductionsRub: 1_000 }).expect(422))).toEqual([
        'DEDUCTIONS_WITHOUT_BENEFIT',
      ]);
      const all = await offer(r.id, Role.ADMIN, { ...GOOD, monthlyWageRub: 30_000, hoursPerWeek: 50, deductionsRub: 9_000 }).expect(422);
      expect(all.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['monthlyWageRub', 'WAGE_BELOW_FLOOR'],
        ['hoursPerWeek', 'HOURS_OVER_LIMIT'],
        ['deductionsRub', 'DEDUCTIONS_OVER_SHARE'],
      ]);
      // part time prorates the floor: 20 h → 15 579
      const part = await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: 15_579, hoursPerWeek: 20, deductionsRub: 0 }).expect(201);
      expect(part.body.offers[0]).toMatchObject({ floorRub: 15_579, netEstimateRub: 15_579 - 2_025 });
      // nothing was written by the refused offers
      expect(part.body.offers).toHaveLength(1);
    });

    it('400 on malformed or unknown fields', async () => {
      const r = await approved();
      await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: '62000' }).expect(400);
      await offer(r.id, Role.STAFF, { ...GOOD, deductionsRub: -1 }).expect(400);
      const { housingProvided: _h, ...missing } = GOOD;
      await offer(r.id, Role.STAFF, missing).expect(400);
      await offer(r.id, Role.STAFF, { ...GOOD, party: 'EMPLOYER' }).expect(400);
    });

    it('409 REQUEST_NOT_NEGOTIABLE on a draft; a SUBMITTED request is negotiable', async () => {
      const draft = await createDraftRequest(t, ctx.employer.id);
      expect((await offer(draft.id, Role.EMPLOYER).expect(409)).body.code).toBe('REQUEST_NOT_NEGOTIABLE');
      const submitted = await createSubmittedRequest(t, ctx.employer.id);
      await offer(submitted.id, Role.EMPLOYER).expect(201);
    });

    it('roles: liaison 403, another employer 404, unknown request 404', async () => {
      const r = await approved();
      expect((await offer(r.id, Role.LIAISON).expect(403)).body.code).toBe('FORBIDDEN');
      const foreign = await request(t.http)
        .post(`${base(r.id)}/offers`)
        .set(bearer(outsider.token))
        .send(GOOD)
        .expect(404);
      expect(foreign.body.code).toBe('LABOUR_REQUEST_NOT_FOUND');
      await offer(UNKNOWN, Role.STAFF).expect(404);
      expect(await prisma.negotiation.count({ where: { labourRequestId: r.id } })).toBe(0);
    });
  });

  describe('who made an offer: staff see it, the employer does not', () => {
    it("madeById is in the Centre's view of every offer and in no answer to an employer user", async () => {
      const r = await approved();
      const centre = await offer(r.id, Role.STAFF).expect(201);
      expect(centre.body.offers[0].madeById).toBe(ctx.users.STAFF.id);
      const employer = await offer(r.id, Role.EMPLOYER, { ...GOOD, monthlyWageRub: 60_000 }).expect(201);
      const byEmployer = [employer.body, (await get(r.id, Role.EMPLOYER).expect(200)).body];
      const colleagueView = (await request(t.http).get(base(r.id)).set(bearer(colleague.token)).expect(200)).body;
      for (const view of [...byEmployer, colleagueView]) {
        expect(view.offers).toHaveLength(2);
        for (const o of view.offers) expect(o).not.toHaveProperty('madeById');
        expect(JSON.stringify(view)).not.toContain(ctx.users.STAFF.id);
      }
      for (const role of [Role.STAFF, Role.ADMIN]) {
        const view = (await get(r.id, role).expect(200)).body;
        expect(view.offers.map((o: { madeById: string }) => o.madeById)).toEqual([ctx.users.STAFF.id, ctx.users.EMPLOYER.id]);
      }
      const accepted = await accept(r.id, as(Role.EMPLOYER), (await offer(r.id, Role.ADMIN).expect(201)).body.latestOfferId).expect(200);
      for (const o of accepted.body.offers) expect(o).not.toHaveProperty('madeById');
    });
  });

  describe('when the labour request ends', () => {
    const withdraw = (id: string, role: Role) => request(t.http).post(`/api/v1/labour-requests/${id}/withdraw`).set(as(role));
    const ended = async (id: string) => (await get(id, Role.STAFF).expect(200)).body;

    it('withdrawn by the employer: the open negotiation is broken off in the same transaction, audited, the Centre notified', async () => {
      const r = await approved();
      const o = await offer(r.id, Role.STAFF).expect(201);
      await withdraw(r.id, Role.EMPLOYER).expect(200);
      expect(await ended(r.id)).toMatchObject({ status: 'BROKEN_OFF', brokenOffReason: 'the labour request ended', brokenOffAt: expect.any(String) });
      const audit = await prisma.auditEvent.findMany({ where: { entityId: o.body.id, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['negotiation.offer', 'negotiation.break_off']);
      expect(audit[1]).toMatchObject({
        actorId: ctx.users.EMPLOYER.id,
        changes: expect.objectContaining({ labourRequestId: r.id, party: 'EMPLOYER', reason: 'the labour request ended' }),
      });
      // the Centre user of the last Centre offer is told; the employer made the move itself
      expect(await noticesOf(ctx.users.STAFF.id, r.id)).toEqual(['negotiation.broken_off']);
      expect(await noticesOf(ctx.users.EMPLOYER.id, r.id)).toEqual(['negotiation.offer']);
      // nothing more can happen on it: the request is final
      expect(
        (
          await request(t.http)
            .post(`${base(r.id)}/reopen`)
            .set(as(Role.STAFF))
            .send({})
            .expect(409)
        ).body.code,
      ).toBe('REQUEST_NOT_NEGOTIABLE');
    });

    it('closed by staff, or rejected: broken off and the employer users notified', async () => {
      const closed = await approved();
      await offer(closed.id, Role.EMPLOYER).expect(201);
      await request(t.http).post(`/api/v1/labour-requests/${closed.id}/close`).set(as(Role.STAFF)).expect(200);
      expect(await ended(closed.id)).toMatchObject({ status: 'BROKEN_OFF', brokenOffReason: 'the labour request ended' });
      expect(await noticesOf(colleague.id, closed.id)).toEqual(['negotiation.broken_off']);

      const rejected = await createSubmittedRequest(t, ctx.employer.id);
      await offer(rejected.id, Role.EMPLOYER).expect(201);
      await request(t.http)
        .post(`/api/v1/labour-requests/${rejected.id}/decision`)
        .set(as(Role.ADMIN))
        .send({ decision: 'REJECTED', reason: 'no longer needed' })
        .expect(200);
      const n = await ended(rejected.id);
      expect(n).toMatchObject({ status: 'BROKEN_OFF', brokenOffReason: 'the labour request ended' });
      expect(await noticesOf(ctx.users.EMPLOYER.id, rejected.id)).toEqual(['negotiation.broken_off']);
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: n.id, action: 'negotiation.break_off' } });
      expect(audit).toMatchObject({ actorId: ctx.users.ADMIN.id, changes: expect.objectContaining({ party: 'CENTRE', requestStatus: 'REJECTED' }) });
    });

    it('an agreed or already broken-off negotiation is left as it is; a request without one ends as before', async () => {
      const agreed = await approved();
      const o = await offer(agreed.id, Role.STAFF).expect(201);
      await accept(agreed.id, as(Role.EMPLOYER), o.body.latestOfferId).expect(200);
      await request(t.http).post(`/api/v1/labour-requests/${agreed.id}/close`).set(as(Role.STAFF)).expect(200);
      expect(await ended(agreed.id)).toMatchObject({ status: 'AGREED', brokenOffReason: null });

      const broken = await approved();
      await offer(broken.id, Role.STAFF).expect(201);
      await request(t.http)
        .post(`${base(broken.id)}/break-off`)
        .set(as(Role.EMPLOYER))
        .send({ reason: 'We found workers ourselves' })
        .expect(200);
      await withdraw(broken.id, Role.STAFF).expect(200);
      expect(await ended(broken.id)).toMatchObject({ status: 'BROKEN_OFF', brokenOffReason: 'We found workers ourselves' });
      expect(await prisma.auditEvent.count({ where: { action: 'negotiation.break_off', changes: { path: ['labourRequestId'], equals: broken.id } } })).toBe(1);

      const none = await approved();
      await withdraw(none.id, Role.EMPLOYER).expect(200);
      expect(await prisma.negotiation.count({ where: { labourRequestId: none.id } })).toBe(0);
    });
  });

  describe('POST /labour-requests/:id/negotiation/accept', () => {
    it('alternation: a party cannot accept its own offer; the other party accepts the latest; the terms become the agreed ones', async () => {
      const r = await approved();
      const first = await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: 66_000 }).expect(201);
      const firstId = first.body.offers[0].id;
      const second = await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: 64_000, mealsProvided: true, deductionsRub: 9_000 }).expect(201);
      const latestId = second.body.latestOfferId;
      expect((await accept(r.id, as(Role.STAFF), latestId).expect(409)).body.code).toBe('CANNOT_ACCEPT_OWN_OFFER');
      expect((await accept(r.id, as(Role.ADMIN), latestId).expect(409)).body.code).toBe('CANNOT_ACCEPT_OWN_OFFER'); // the same party
      expect((await accept(r.id, as(Role.EMPLOYER), firstId).expect(409)).body.code).toBe('OFFER_SUPERSEDED');
      expect((await accept(r.id, as(Role.EMPLOYER), UNKNOWN).expect(422)).body.code).toBe('OFFER_UNKNOWN');
      await request(t.http)
        .post(`${base(r.id)}/accept`)
        .set(as(Role.EMPLOYER))
        .send({ offerId: 'x' })
        .expect(400);
      const ok = await accept(r.id, as(Role.EMPLOYER), latestId).expect(200);
      expect(ok.body).toMatchObject({
        status: 'AGREED',
        agreedTerms: {
          offerId: latestId,
          monthlyWageRub: 64_000,
          hoursPerWeek: 40,
          includesOvertime: false,
          housingProvided: true,
          mealsProvided: true,
          deductionsRub: 9_000,
        },
      });
      expect(ok.body.agreedAt).toEqual(expect.any(String));
      expect(await noticesOf(ctx.users.STAFF.id, r.id)).toEqual(['negotiation.agreed']);
      const read = await get(r.id, Role.STAFF).expect(200);
      expect(read.body.agreedTerms.offerId).toBe(latestId);
      // agreed is final: no more offers, acceptances or break-offs; history unchanged
      expect((await offer(r.id, Role.EMPLOYER).expect(409)).body.code).toBe('NEGOTIATION_NOT_OPEN');
      expect((await accept(r.id, as(Role.EMPLOYER), latestId).expect(409)).body.code).toBe('NEGOTIATION_NOT_OPEN');
      await request(t.http)
        .post(`${base(r.id)}/break-off`)
        .set(as(Role.STAFF))
        .send({ reason: 'changed our mind' })
        .expect(409);
      expect((await get(r.id, Role.STAFF).expect(200)).body.offers).toEqual(read.body.offers);
      const withoutAuthor = read.body.offers.map(({ madeById: _m, ...o }: { madeById: string }) => o);
      expect((await get(r.id, Role.EMPLOYER).expect(200)).body.offers).toEqual(withoutAuthor);
      const audit = await prisma.auditEvent.findMany({ where: { entityId: ok.body.id, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['negotiation.offer', 'negotiation.offer', 'negotiation.accept']);
    });

    it('the labour request shows the agreed terms beside the offered ones (agreedTerms; null before the agreement), to staff and its employer', async () => {
      const r = await approved({ monthlyWageRub: 55_000, hoursPerWeek: 40, housingProvided: false, mealsProvided: false });
      const lr = (role: Role) => request(t.http).get(`/api/v1/labour-requests/${r.id}`).set(as(role)).expect(200);
      expect((await lr(Role.EMPLOYER)).body).toMatchObject({ monthlyWageRub: 55_000, agreedTerms: null });
      await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: 68_000 }).expect(201);
      const counter = await offer(r.id, Role.EMPLOYER, {
        monthlyWageRub: 63_500,
        hoursPerWeek: 36,
        housingProvided: true,
        mealsProvided: true,
        deductionsRub: 4_000,
      }).expect(201);
      expect((await lr(Role.STAFF)).body.agreedTerms).toBeNull();
      const agreed = await accept(r.id, as(Role.STAFF), counter.body.latestOfferId).expect(200);
      const terms = {
        offerId: counter.body.latestOfferId,
        monthlyWageRub: 63_500,
        hoursPerWeek: 36,
        includesOvertime: false,
        housingProvided: true,
        mealsProvided: true,
        deductionsRub: 4_000,
        agreedAt: agreed.body.agreedAt,
      };
      for (const role of [Role.EMPLOYER, Role.STAFF, Role.ADMIN]) {
        const read = (await lr(role)).body;
        // the employer's first offer stays as it was, the agreed terms beside it
        expect(read).toMatchObject({ monthlyWageRub: 55_000, hoursPerWeek: 40, housingProvided: false, mealsProvided: false, agreedTerms: terms });
      }
      const listed = await request(t.http).get('/api/v1/labour-requests?limit=200').set(as(Role.EMPLOYER)).expect(200);
      expect(listed.body.items.find((x: { id: string }) => x.id === r.id).agreedTerms).toEqual(terms);
      expect(listed.body.items.filter((x: { agreedTerms: unknown }) => x.agreedTerms === null).length).toBeGreaterThan(0);
    });

    it('the Centre accepts an employer offer; staff may accept for the Centre', async () => {
      const r = await approved();
      const res = await offer(r.id, Role.EMPLOYER).expect(201);
      await accept(r.id, as(Role.STAFF), res.body.latestOfferId).expect(200);
      expect(await noticesOf(ctx.users.EMPLOYER.id, r.id)).toEqual(['negotiation.agreed']);
      expect(await noticesOf(colleague.id, r.id)).toEqual(['negotiation.agreed']);
    });

    it('two simultaneous acceptances of the same offer: exactly one 200, the other 409', async () => {
      const r = await approved();
      const res = await offer(r.id, Role.STAFF).expect(201);
      const answers = await Promise.all([
        accept(r.id, as(Role.EMPLOYER), res.body.latestOfferId),
        accept(r.id, bearer(colleague.token), res.body.latestOfferId),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe('NEGOTIATION_NOT_OPEN');
      const audit = await prisma.auditEvent.count({ where: { entityId: res.body.id, action: 'negotiation.accept' } });
      expect(audit).toBe(1);
    });

    it('roles: liaison 403, another employer 404, no negotiation 404', async () => {
      const r = await approved();
      expect((await accept(r.id, as(Role.STAFF), UNKNOWN).expect(404)).body.code).toBe('NEGOTIATION_NOT_FOUND');
      const res = await offer(r.id, Role.STAFF).expect(201);
      await accept(r.id, as(Role.LIAISON), res.body.latestOfferId).expect(403);
      await accept(r.id, bearer(outsider.token), res.body.latestOfferId).expect(404);
      await accept(UNKNOWN, as(Role.EMPLOYER), res.body.latestOfferId).expect(404);
    });
  });

  describe('break-off and reopen', () => {
    const breakOff = (id: string, auth: Record<string, string>, body: object = { reason: 'The wage is too low for the work' }) =>
      request(t.http)
        .post(`${base(id)}/break-off`)
        .set(auth)
        .send(body);
    const reopen = (id: string, role: Role) =>
      request(t.http)
        .post(`${base(id)}/reopen`)
        .set(as(role))
        .send({ reason: 'The employer asked to resume' });

    it('either party breaks off with a reason; staff reopen; the offer on the table can then be accepted', async () => {
      const r = await approved();
      const o = await offer(r.id, Role.STAFF).expect(201);
      await breakOff(r.id, as(Role.EMPLOYER), {}).expect(400);
      await breakOff(r.id, as(Role.EMPLOYER), { reason: '  ' }).expect(400);
      const broken = await breakOff(r.id, as(Role.EMPLOYER)).expect(200);
      expect(broken.body).toMatchObject({ status: 'BROKEN_OFF', brokenOffReason: 'The wage is too low for the work' });
      expect(await noticesOf(ctx.users.STAFF.id, r.id)).toEqual(['negotiation.broken_off']); // the Centre user of the last Centre offer
      expect((await breakOff(r.id, as(Role.STAFF)).expect(409)).body.code).toBe('NEGOTIATION_NOT_OPEN');
      expect((await offer(r.id, Role.EMPLOYER).expect(409)).body.code).toBe('NEGOTIATION_NOT_OPEN');
      expect((await accept(r.id, as(Role.EMPLOYER), o.body.latestOfferId).expect(409)).body.code).toBe('NEGOTIATION_NOT_OPEN');
      expect((await reopen(r.id, Role.EMPLOYER).expect(403)).body.code).toBe('FORBIDDEN');
      await reopen(r.id, Role.LIAISON).expect(403);
      const reopened = await reopen(r.id, Role.STAFF).expect(200);
      expect(reopened.body).toMatchObject({ status: 'OPEN', latestOfferId: o.body.latestOfferId });
      expect(await noticesOf(ctx.users.EMPLOYER.id, r.id)).toEqual(['negotiation.offer', 'negotiation.reopened']);
      expect((await reopen(r.id, Role.ADMIN).expect(409)).body.code).toBe('NEGOTIATION_NOT_BROKEN_OFF');
      await accept(r.id, as(Role.EMPLOYER), o.body.latestOfferId).expect(200);
      const audit = await prisma.auditEvent.findMany({ where: { entityId: o.body.id, kind: 'CHANGE' }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['negotiation.offer', 'negotiation.break_off', 'negotiation.reopen', 'negotiation.accept']);
    });

    it('the Centre breaks off: the employer users are notified; roles and missing records', async () => {
      const r = await approved();
      await breakOff(r.id, as(Role.STAFF)).expect(404); // no negotiation yet
      await reopen(r.id, Role.STAFF).expect(404);
      await offer(r.id, Role.EMPLOYER).expect(201);
      await breakOff(r.id, as(Role.LIAISON)).expect(403);
      await breakOff(r.id, bearer(outsider.token)).expect(404);
      await breakOff(UNKNOWN, as(Role.STAFF)).expect(404);
      await breakOff(r.id, as(Role.ADMIN)).expect(200);
      expect(await noticesOf(colleague.id, r.id)).toEqual(['negotiation.broken_off']);
      await reopen(UNKNOWN, Role.STAFF).expect(404);
      await reopen(r.id, Role.ADMIN).expect(200);
    });
  });

  it('agreedWages(year): agreed wages by occupation and citizenship with the gap to the local wage', async () => {
    const agree = async (o: RequestOptions, wage: number) => {
      const r = await approved({ occupationCode: '7212', ...o });
      const res = await offer(r.id, Role.STAFF, { ...GOOD, monthlyWageRub: wage }).expect(201);
      await accept(r.id, as(Role.EMPLOYER), res.body.latestOfferId).expect(200);
    };
    await agree({ preferredCitizenships: ['UZ', 'TJ'] }, 68_000); // local 85 000: −20 %
    await agree({ preferredCitizenships: ['UZ'] }, 76_500); // −10 %
    await agree({ preferredCitizenships: ['UZ'], periodStart: '2026-12-01', periodEnd: '2027-03-31' }, 85_000);
    const open = await approved({ occupationCode: '7212', preferredCitizenships: ['UZ'] });
    await offer(open.id, Role.STAFF).expect(201); // not agreed: not counted
    const rows = (await t.app.get(NegotiationsService).agreedWages(2026)).filter((row) => row.occupationCode === '7212');
    expect(rows).toEqual([
      {
        occupationCode: '7212',
        citizenship: 'TJ',
        requests: 1,
        averageWageRub: 68_000,
        minWageRub: 68_000,
        maxWageRub: 68_000,
        averageLocalWageRub: 85_000,
        averageGapPct: -20,
      },
      {
        occupationCode: '7212',
        citizenship: 'UZ',
        requests: 3,
        averageWageRub: 76_500,
        minWageRub: 68_000,
        maxWageRub: 85_000,
        averageLocalWageRub: 85_000,
        averageGapPct: -10,
      },
    ]);
    expect(await t.app.get(NegotiationsService).agreedWages(2031)).toEqual([]);
  });

  describe('after agreement (with POST /placements)', () => {
    /** A Kyrgyz (EAEU: no patent needed) walk-in moved to READY_TO_WORK. */
    const readyKgWorker = () => readyWorker(t, 'KG');
    const place = (body: object) => request(t.http).post('/api/v1/placements').set(as(Role.STAFF)).send(body);

    it('a placement without an explicit wage gets the agreed terms; the request offer is not used', async () => {
      const r = await approved({ occupationCode: '7411', preferredCitizenships: ['KG', 'TJ'], monthlyWageRub: 60_000, housingProvided: true });
      await offer(r.id, Role.EMPLOYER, { ...GOOD, monthlyWageRub: 64_000 }).expect(201);
      const centre = await offer(r.id, Role.STAFF, {
        monthlyWageRub: 71_000,
        hoursPerWeek: 40,
        housingProvided: false,
        mealsProvided: true,
        deductionsRub: 4_000,
      }).expect(201);
      const agreed = await accept(r.id, as(Role.EMPLOYER), centre.body.latestOfferId).expect(200);
      const w = await readyKgWorker();
      const placed = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(placed.body).toMatchObject({
        monthlyWageRub: 71_000,
        hoursPerWeek: 40,
        housingProvided: false,
        mealsProvided: true,
        deductionsRub: 4_000,
        agreedOfferId: agreed.body.agreedTerms.offerId,
      });
      // the agreement stays as it was
      expect((await get(r.id, Role.STAFF).expect(200)).body).toMatchObject({ status: 'AGREED', agreedTerms: agreed.body.agreedTerms });
      // the reports count it under the citizenship of the worker placed (KG), no longer under both preferred ones
      const rows = (await t.app.get(NegotiationsService).agreedWages(2026)).filter((row) => row.occupationCode === '7411');
      expect(rows).toEqual([
        expect.objectContaining({ citizenship: 'KG', requests: 1, averageWageRub: 71_000, averageLocalWageRub: 80_000, averageGapPct: -11.3 }),
      ]);
    });
  });
});
