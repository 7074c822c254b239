import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { ComplaintJobs } from '../../src/complaints/complaint-jobs.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { PlacementsService } from '../../src/placements/placements.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createAgency, createRoleUsers, createUser, login, systemActor, TestUser } from '../factories/users';
import { createWorker, readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';
import { eventually, recipientOf, startSmtp } from '../support/smtp';

const UNKNOWN = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';
const NARRATIVE = 'The foreman took my passport on the first day and says he will keep it until the end of the season.';

describe('complaints', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let staff2: TestUser & { token: string };
  let liaisonB: TestUser & { token: string };
  let agencyB: { id: string };
  let worker: { id: string; caseNumber: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (path: string, body: object, auth: Record<string, string> = as(Role.STAFF)) => request(t.http).post(`/api/v1${path}`).set(auth).send(body);
  const get = (path: string, auth: Record<string, string> = as(Role.STAFF)) => request(t.http).get(`/api/v1${path}`).set(auth);
  const complaint = (body: object = {}, auth?: Record<string, string>) =>
    post(
      '/complaints',
      {
        category: 'HOUSING',
        against: 'EMPLOYER',
        channel: 'IN_PERSON',
        narrative: 'Twelve people sleep in one room without heating.',
        workerId: worker.id,
        ...body,
      },
      auth,
    );
  const clockAt = (iso: string) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(iso));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    const s2 = await createUser(t, Role.STAFF);
    staff2 = { ...s2, token: (await login(t, s2.email, s2.password)).accessToken };
    agencyB = await createAgency(t);
    const lb = await createUser(t, Role.LIAISON, { agencyIds: [agencyB.id] });
    liaisonB = { ...lb, token: (await login(t, lb.email, lb.password)).accessToken };
    worker = await createWorker(t, { citizenship: 'UZ', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  describe('intake by staff', () => {
    it('stores the narrative encrypted, dates the triage from the severity and answers the complaint', async () => {
      clockAt('2026-04-01T08:00:00Z');
      const res = await complaint().expect(201);
      expect(res.body).toMatchObject({
        category: 'HOUSING',
        severity: 'NORMAL',
        status: 'RECEIVED',
        workerId: worker.id,
        anonymous: false,
        view: 'FULL',
        narrative: 'Twelve people sleep in one room without heating.',
      });
      expect(res.body.reference).toMatch(/^C-2026-[2-9A-HJ-NP-Z]{6}$/);
      expect(res.body.triageDueAt).toBe('2026-04-11T08:00:00.000Z');
      expect(res.body.allowedTransitions).toEqual(['TRIAGED', 'DISMISSED']);
      expect(res.headers.etag).toBe('"1"');
      const [row] = await prisma.$queryRaw<{ narrative_enc: string }[]>`SELECT narrative_enc FROM complaints WHERE id = ${res.body.id}::uuid`;
      expect(row.narrative_enc).toMatch(/^v1\./);
      expect(row.narrative_enc).not.toContain('heating');
    });

    it('a confiscated passport is CRITICAL whatever is asked, and every caseworker and administrator hears at once, without the narrative', async () => {
      const res = await complaint({ category: 'DOCUMENT_CONFISCATION', severity: 'LOW', narrative: NARRATIVE }).expect(201);
      expect(res.body.severity).toBe('CRITICAL');
      const notified = await prisma.notification.findMany({ where: { entityId: res.body.id, kind: 'COMPLAINT_CRITICAL' } });
      expect(notified.map((n) => n.userId)).toEqual(expect.arrayContaining([ctx.users.ADMIN.id, ctx.users.STAFF.id, staff2.id]));
      expect(notified.map((n) => n.userId)).not.toContain(ctx.users.LIAISON.id);
      expect(notified.map((n) => n.userId)).not.toContain(ctx.users.EMPLOYER.id);
      const mails = await eventually(
        () => smtp.received.filter((m) => m.subject?.includes(res.body.reference)),
        (m) => m.some((x) => recipientOf(x) === ctx.users.ADMIN.email),
      );
      expect(mails.map(recipientOf)).toContain(ctx.users.ADMIN.email);
      for (const m of mails) expect(m.text).not.toContain('passport');
    });

    it('staff may raise the severity the category proposes', async () => {
      expect((await complaint({ category: 'HOUSING', severity: 'HIGH' }).expect(201)).body.severity).toBe('HIGH');
    });

    it.each([
      ['an unknown category', { category: 'RUDENESS' }],
      ['an unknown severity', { severity: 'URGENT' }],
      ['an unknown channel', { channel: 'FAX' }],
      ['a narrative too short', { narrative: 'bad' }],
      ['a narrative of 50,000 characters', { narrative: 'x'.repeat(50_000) }],
      ['an unknown field', { workerName: 'Karimov' }],
    ])('%s is 400', async (_, body) => {
      const res = await complaint(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['an unknown worker', { workerId: UNKNOWN }, 'WORKER_NOT_FOUND', 'workerId'],
      ['an unknown employer', { employerId: UNKNOWN }, 'EMPLOYER_NOT_FOUND', 'employerId'],
      ['an unknown placement', { placementId: UNKNOWN }, 'PLACEMENT_NOT_FOUND', 'placementId'],
      ['an assignee who is not a caseworker', { assignedToId: 'LIAISON' }, 'ASSIGNEE_NOT_CASEWORKER', 'assignedToId'],
      ['a date in the future', { receivedAt: '2099-01-01T00:00:00Z' }, 'COMPLAINT_IN_FUTURE', 'receivedAt'],
    ])('%s is 422 naming the field', async (_, body, code, field) => {
      const b = { ...body } as Record<string, string>;
      if (b.assignedToId === 'LIAISON') b.assignedToId = ctx.users.LIAISON.id;
      const res = await complaint(b).expect(422);
      expect(res.body.code).toBe(code);
      expect(res.body.errors[0].field).toBe(field);
    });

    it('a liaison officer enters complaints only for their agencies’ workers, and sees what they entered (shared view)', async () => {
      const other = await createWorker(t, { citizenship: 'UZ', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: agencyB.id });
      expect((await complaint({ workerId: other.id, channel: 'REFERRED_BY_PARTNER' }, as(Role.LIAISON)).expect(422)).body.code).toBe('WORKER_NOT_FOUND');
      const mine = await complaint({ channel: 'REFERRED_BY_PARTNER' }, as(Role.LIAISON)).expect(201);
      expect(mine.body.view).toBe('SHARED');
      const read = await get(`/complaints/${mine.body.id}`, as(Role.LIAISON)).expect(200);
      expect(read.body).toMatchObject({
        view: 'SHARED',
        narrative: 'Twelve people sleep in one room without heating.',
        assignedToId: null,
        consents: [],
        transitions: [],
      });
      await get(`/complaints/${mine.body.id}`, bearer(liaisonB.token)).expect(404);
    });
  });

  describe('status', () => {
    it('moves through triage and investigation to resolution; closing needs a reason and a finding; reopening goes back to investigation', async () => {
      const { body: c } = await complaint().expect(201);
      const move = (body: object, headers: Record<string, string> = {}) => post(`/complaints/${c.id}/transitions`, body).set(headers);
      const refused = await move({ to: 'INVESTIGATING' }).expect(409);
      expect(refused.body).toMatchObject({ code: 'COMPLAINT_TRANSITION_NOT_ALLOWED', allowed: ['TRIAGED', 'DISMISSED'] });
      await move({ to: 'REFERRED' }).expect(400); // reached by a referral only
      const triaged = await move({ to: 'TRIAGED' }).expect(200);
      expect(triaged.body.triagedAt).not.toBeNull();
      await move({ to: 'INVESTIGATING' }, { 'If-Match': '"1"' }).expect(412);
      await move({ to: 'INVESTIGATING' }, { 'If-Match': triaged.headers.etag }).expect(200);
      expect((await move({ to: 'RESOLVED', reason: 'moved to a hostel' }).expect(422)).body.code).toBe('FINDING_REQUIRED');
      expect((await move({ to: 'RESOLVED', finding: 'SUBSTANTIATED' }).expect(422)).body.code).toBe('REASON_REQUIRED');
      expect((await move({ to: 'DISMISSED', reason: 'x', finding: 'SUBSTANTIATED' }).expect(422)).body.code).toBe('FINDING_NOT_EXPECTED');
      await move({ to: 'RESOLVED', reason: 'the employer moved the workers to a hostel', finding: 'SUBSTANTIATED' }).expect(200);
      const closed = await get(`/complaints/${c.id}`).expect(200);
      expect(closed.body).toMatchObject({
        status: 'RESOLVED',
        finding: 'SUBSTANTIATED',
        closeReason: 'the employer moved the workers to a hostel',
        allowedTransitions: ['REOPENED'],
      });
      expect(closed.body.transitions.map((x: { to: string }) => x.to)).toEqual(['RECEIVED', 'TRIAGED', 'INVESTIGATING', 'RESOLVED']);
      expect((await move({ to: 'DISMISSED', reason: 'x' }).expect(409)).body.allowed).toEqual(['REOPENED']);
      await move({ to: 'REOPENED' }).expect(422);
      const reopened = await move({ to: 'REOPENED', reason: 'the worker called again' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'INVESTIGATING', finding: null, closedAt: null });
      await post(`/complaints/${UNKNOWN}/transitions`, { to: 'TRIAGED' }).expect(404);
    });

    it('PATCH assigns, marks confidential and raises severity, with If-Match required', async () => {
      const { body: c } = await complaint().expect(201);
      const patch = (body: object, headers: Record<string, string> = { 'If-Match': '"1"' }, auth = as(Role.STAFF)) =>
        request(t.http).patch(`/api/v1/complaints/${c.id}`).set(auth).set(headers).send(body);
      await request(t.http).patch(`/api/v1/complaints/${c.id}`).set(as(Role.STAFF)).send({ confidential: true }).expect(428);
      expect((await patch({ assignedToId: ctx.users.LIAISON.id }).expect(422)).body.code).toBe('ASSIGNEE_NOT_CASEWORKER');
      await patch({ confidential: true }, {}, as(Role.LIAISON)).expect(403);
      const raised = await patch({ severity: 'CRITICAL', assignedToId: staff2.id }).expect(200);
      expect(raised.body).toMatchObject({ severity: 'CRITICAL', assignedToId: staff2.id, version: 2 });
      expect(raised.body.triageDueAt).toBe(new Date(new Date(c.receivedAt).getTime() + 24 * 3_600_000).toISOString());
      const alerted = (await prisma.notification.findMany({ where: { entityId: c.id, kind: 'COMPLAINT_CRITICAL' } })).map((n) => n.userId);
      expect(alerted).toEqual(expect.arrayContaining([ctx.users.ADMIN.id, staff2.id]));
      expect(alerted).not.toContain(ctx.users.STAFF.id);
      await patch({ confidential: true }).expect(412);
    });
  });

  describe('who sees what', () => {
    it('a confidential complaint is seen only by its caseworker and the administrators', async () => {
      const { body: c } = await complaint({ confidential: true, assignedToId: staff2.id, narrative: NARRATIVE, category: 'VIOLENCE_OR_THREATS' }).expect(201);
      expect(c.view).toBe('FULL'); // its author sees what they entered, once
      await get(`/complaints/${c.id}`).expect(404);
      await get(`/complaints/${c.id}`, bearer(staff2.token)).expect(200);
      await get(`/complaints/${c.id}`, as(Role.ADMIN)).expect(200);
      const listed = (auth: Record<string, string>) => get('/complaints?limit=200', auth).then((r) => r.body.items.map((i: { id: string }) => i.id));
      expect(await listed(as(Role.STAFF))).not.toContain(c.id);
      expect(await listed(bearer(staff2.token))).toContain(c.id);
      // the critical alert went to its caseworker and the administrators, not to every caseworker
      const notified = (await prisma.notification.findMany({ where: { entityId: c.id } })).map((n) => n.userId);
      expect(notified).toEqual(expect.arrayContaining([ctx.users.ADMIN.id, staff2.id]));
      expect(notified).not.toContain(ctx.users.STAFF.id);
    });

    it('a confidential complaint entered without an assignee is its author’s', async () => {
      const { body: c } = await complaint({ confidential: true }).expect(201);
      expect(c.assignedToId).toBe(ctx.users.STAFF.id);
      await get(`/complaints/${c.id}`, bearer(staff2.token)).expect(404);
    });

    it('employers never: 403 on every complaint route, and no trace on what they can read about the worker', async () => {
      clockAt('2026-03-06T06:00:00Z');
      const approved = await createApprovedRequest(t, ctx.employer.id, {
        preferredCitizenships: ['KG'],
        periodStart: '2026-03-01',
        periodEnd: '2026-12-31',
        workersRequested: 1,
      });
      const w = await readyWorker(t, 'KG');
      clockAt('2026-03-10T06:00:00Z');
      const placement = await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: approved.id, workerId: w.id, startDate: '2026-03-10' });
      const { body: c } = await complaint({ workerId: w.id, placementId: placement.id, category: 'UNPAID_WAGES' }).expect(201);
      expect(c.employerId).toBe(ctx.employer.id);
      const e = as(Role.EMPLOYER);
      await get('/complaints', e).expect(403);
      await get(`/complaints/${c.id}`, e).expect(403);
      await complaint({}, e).expect(403);
      await request(t.http).patch(`/api/v1/complaints/${c.id}`).set(e).set('If-Match', '*').send({ confidential: true }).expect(403);
      await post(`/complaints/${c.id}/transitions`, { to: 'TRIAGED' }, e).expect(403);
      await post(`/complaints/${c.id}/notes`, { text: 'x' }, e).expect(403);
      await post(`/complaints/${c.id}/consents`, {}, e).expect(403);
      await post(`/complaints/${c.id}/consents/${UNKNOWN}/withdraw`, {}, e).expect(403);
      await post(`/complaints/${c.id}/referrals`, {}, e).expect(403);
      await get('/reference/complaint-policy', e).expect(403);
      const seen = [
        await get(`/workers/${w.id}`, e).expect(200),
        await get(`/placements/${placement.id}`, e).expect(200),
        await get('/notifications', e).expect(200),
        await get(`/labour-requests/${approved.id}`, e).expect(200),
      ];
      for (const r of seen) {
        const text = JSON.stringify(r.body);
        expect(text).not.toContain(c.reference);
        expect(text).not.toMatch(/complaint/i);
      }
    });

    it('every read of a complaint is written to the access log', async () => {
      const { body: c } = await complaint().expect(201);
      await get(`/complaints/${c.id}`, bearer(staff2.token)).expect(200);
      const reads = await prisma.auditEvent.findMany({ where: { entityType: 'complaint', entityId: c.id, kind: 'ACCESS', actorId: staff2.id } });
      expect(reads.map((r) => r.action)).toEqual(['complaint.read']);
    });
  });

  describe('consent and referral', () => {
    const consent = (id: string, body: object = {}) =>
      post(`/complaints/${id}/consents`, {
        recipientKind: 'LABOUR_INSPECTORATE',
        purpose: 'Inspection of unpaid wages',
        scope: ['CATEGORY', 'NARRATIVE'],
        givenBy: 'the worker in person',
        givenAt: '2026-03-01T10:00:00Z',
        method: 'SIGNED_FORM',
        ...body,
      });
    const refer = (id: string, body: object = {}) =>
      post(`/complaints/${id}/referrals`, {
        recipientKind: 'LABOUR_INSPECTORATE',
        recipientName: 'Гострудинспекция в Омской области',
        shares: ['CATEGORY', 'NARRATIVE'],
        ...body,
      });

    it('refers only under a recorded consent that covers what is shared; the letter holds only that; withdrawal stops new referrals', async () => {
      const { body: c } = await complaint({
        category: 'UNPAID_WAGES',
        narrative: 'Three months without pay at the construction site on Lenina street.',
      }).expect(201);
      expect((await refer(c.id).expect(422)).body.code).toBe('CONSENT_REQUIRED');
      const withConsent = await consent(c.id).expect(201);
      const consentId = withConsent.body.consents[0].id;
      expect(withConsent.body.consents[0]).toMatchObject({
        recipientKind: 'LABOUR_INSPECTORATE',
        scope: ['CATEGORY', 'NARRATIVE'],
        recordedById: ctx.users.STAFF.id,
        withdrawnAt: null,
      });
      expect((await refer(c.id, { shares: ['CATEGORY', 'WORKER_IDENTITY'] }).expect(422)).body.code).toBe('CONSENT_SCOPE_EXCEEDED');
      expect((await refer(c.id, { recipientKind: 'MVD', recipientName: 'УВМ' }).expect(422)).body.code).toBe('CONSENT_REQUIRED');
      const referred = await refer(c.id).expect(201);
      expect(referred.body.status).toBe('REFERRED');
      const letter: string = referred.body.referrals[0].letter;
      expect(letter).toContain('Three months without pay');
      expect(letter).toContain('невыплата заработной платы');
      expect(letter).not.toContain('Каримов');
      expect(referred.body.referrals[0]).toMatchObject({ consentId, shares: ['CATEGORY', 'NARRATIVE'] });
      const withdrawn = await post(`/complaints/${c.id}/consents/${consentId}/withdraw`, { reason: 'afraid of losing the job' }).expect(200);
      expect(withdrawn.body.consents[0].withdrawnAt).not.toBeNull();
      expect(withdrawn.body.referrals).toHaveLength(1); // what was sent stays on record
      expect((await refer(c.id).expect(422)).body.code).toBe('CONSENT_WITHDRAWN');
      await post(`/complaints/${c.id}/consents/${consentId}/withdraw`, {}).expect(409);
      await post(`/complaints/${c.id}/consents/${UNKNOWN}/withdraw`, {}).expect(404);
      await consent(c.id, { recipientKind: 'POLICE' }).expect(400);
      await consent(c.id, { scope: [] }).expect(400);
      expect((await consent(c.id, { givenAt: '2099-01-01T00:00:00Z' }).expect(422)).body.code).toBe('CONSENT_IN_FUTURE');
      await post(`/complaints/${c.id}/consents`, {}, as(Role.LIAISON)).expect(403);
    });

    it('a partner agency’s liaison officers see only what the referral shares; the agency complained about never sees it', async () => {
      const { body: c } = await complaint({
        category: 'RECRUITMENT_FEE_FRAUD',
        against: 'INTERMEDIARY',
        narrative: 'The recruiter in Osh took 40,000 som for a job that did not exist.',
      }).expect(201);
      await consent(c.id, { recipientKind: 'PARTNER_AGENCY', purpose: 'Follow-up in Osh', scope: ['CATEGORY'] }).expect(201);
      await get(`/complaints/${c.id}`, bearer(liaisonB.token)).expect(404);
      expect((await refer(c.id, { recipientKind: 'PARTNER_AGENCY', recipientName: undefined, shares: ['CATEGORY'] }).expect(422)).body.code).toBe(
        'PARTNER_AGENCY_REQUIRED',
      );
      await refer(c.id, { recipientKind: 'PARTNER_AGENCY', recipientName: undefined, partnerAgencyId: agencyB.id, shares: ['CATEGORY'] }).expect(201);
      const shared = await get(`/complaints/${c.id}`, bearer(liaisonB.token)).expect(200);
      expect(shared.body).toMatchObject({
        view: 'SHARED',
        category: 'RECRUITMENT_FEE_FRAUD',
        narrative: null,
        workerId: null,
        consents: [],
        referrals: [],
        notes: [],
      });
      expect((await get('/complaints?limit=200', bearer(liaisonB.token)).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
      await get(`/complaints/${c.id}`, as(Role.LIAISON)).expect(404);

      const against = await complaint({ against: 'OTHER', partnerAgencyId: agencyB.id }).expect(201);
      await consent(against.body.id, { recipientKind: 'PARTNER_AGENCY', purpose: 'x-check', scope: ['CATEGORY'] }).expect(201);
      expect(
        (
          await refer(against.body.id, { recipientKind: 'PARTNER_AGENCY', recipientName: undefined, partnerAgencyId: agencyB.id, shares: ['CATEGORY'] }).expect(
            422,
          )
        ).body.code,
      ).toBe('REFERRAL_TO_SUBJECT');
      await get(`/complaints/${against.body.id}`, bearer(liaisonB.token)).expect(404);
    });

    it('an anonymous complaint without identity is referred without consent', async () => {
      const { body: c } = await complaint({ workerId: undefined, channel: 'PHONE', against: 'OFFICIAL', category: 'OFFICIAL_MISCONDUCT' }).expect(201);
      expect(c.anonymous).toBe(true);
      const referred = await refer(c.id, { recipientKind: 'PROSECUTOR', recipientName: 'Прокуратура Омской области' }).expect(201);
      expect(referred.body.referrals[0].consentId).toBeNull();
    });

    it('refuses a referral of a closed complaint and bad input', async () => {
      const { body: c } = await complaint({ workerId: undefined }).expect(201);
      await post(`/complaints/${c.id}/transitions`, { to: 'DISMISSED', reason: 'a duplicate' }).expect(200);
      expect((await refer(c.id, { recipientKind: 'PROSECUTOR', recipientName: 'Прокуратура' }).expect(409)).body.code).toBe('COMPLAINT_CLOSED');
      await refer(c.id, { recipientKind: 'COURT' }).expect(400);
      await refer(c.id, { shares: ['EVERYTHING'] }).expect(400);
      expect((await refer(c.id, { recipientName: undefined }).expect(422)).body.code).toBe('RECIPIENT_NAME_REQUIRED');
    });
  });

  describe('notes', () => {
    it('keeps internal notes and messages to the complainant encrypted; liaison officers never see internal notes', async () => {
      const { body: c } = await complaint({ channel: 'REFERRED_BY_PARTNER' }, as(Role.LIAISON)).expect(201);
      await post(`/complaints/${c.id}/notes`, { text: 'Employer known for this; visited in 2025.' }).expect(201);
      const withMessage = await post(`/complaints/${c.id}/notes`, { text: 'We have received your complaint.', toComplainant: true }).expect(201);
      expect(withMessage.body.notes.map((n: { kind: string }) => n.kind)).toEqual(['INTERNAL', 'TO_COMPLAINANT']);
      const rows = await prisma.$queryRaw<{ text_enc: string }[]>`SELECT text_enc FROM complaint_notes WHERE complaint_id = ${c.id}::uuid`;
      for (const r of rows) expect(r.text_enc).not.toContain('Employer known');
      const liaisonView = await get(`/complaints/${c.id}`, as(Role.LIAISON)).expect(200);
      expect(liaisonView.body.notes.map((n: { kind: string }) => n.kind)).toEqual(['TO_COMPLAINANT']);
      await post(`/complaints/${c.id}/notes`, { text: '' }).expect(400);
    });
  });

  describe('triage deadline', () => {
    it('an untriaged complaint past its deadline is escalated to the administrators once', async () => {
      clockAt('2026-05-04T09:00:00Z');
      const { body: c } = await complaint({ category: 'HOUSING' }).expect(201);
      const jobs = t.app.get(ComplaintJobs);
      clockAt('2026-05-14T08:00:00Z');
      await jobs.escalateOverdue();
      expect(await prisma.notification.count({ where: { entityId: c.id, kind: 'COMPLAINT_TRIAGE_OVERDUE' } })).toBe(0);
      expect((await get('/complaints?overdue=true&limit=200').expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
      clockAt('2026-05-14T10:00:00Z');
      expect((await get('/complaints?overdue=true&limit=200').expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(c.id);
      expect(await jobs.escalateOverdue()).toBeGreaterThanOrEqual(1);
      expect(await jobs.escalateOverdue()).toBe(0);
      const told = await prisma.notification.findMany({ where: { entityId: c.id, kind: 'COMPLAINT_TRIAGE_OVERDUE' }, include: { user: true } });
      expect(told.map((n) => n.userId)).toContain(ctx.users.ADMIN.id);
      expect(new Set(told.map((n) => n.user.role))).toEqual(new Set(['ADMIN']));
    });

    it('the policy is reference data administrators edit; new complaints follow it', async () => {
      const before = await get('/reference/complaint-policy').expect(200);
      expect(before.body).toMatchObject({ triageHoursCritical: 24, triageHoursHigh: 72, triageHoursNormal: 240, retaliationDays: 90 });
      const body = { ...before.body, triageHoursNormal: 120 };
      delete body.version;
      await request(t.http).put('/api/v1/reference/complaint-policy').set(as(Role.STAFF)).send(body).expect(403);
      await request(t.http)
        .put('/api/v1/reference/complaint-policy')
        .set(as(Role.ADMIN))
        .send({ ...body, retentionDays: 1 })
        .expect(400);
      await request(t.http).put('/api/v1/reference/complaint-policy').set(as(Role.ADMIN)).set('If-Match', '"999"').send(body).expect(412);
      const put = await request(t.http).put('/api/v1/reference/complaint-policy').set(as(Role.ADMIN)).send(body).expect(200);
      expect(put.body.triageHoursNormal).toBe(120);
      clockAt('2026-06-01T00:00:00Z');
      expect((await complaint().expect(201)).body.triageDueAt).toBe('2026-06-06T00:00:00.000Z');
      await request(t.http)
        .put('/api/v1/reference/complaint-policy')
        .set(as(Role.ADMIN))
        .send({ ...body, triageHoursNormal: 240 })
        .expect(200);
    });
  });

  describe('consequences', () => {
    it('a substantiated complaint against an employer counts in the risk indicator staff see on its requests', async () => {
      const approved = await createApprovedRequest(t, ctx.otherEmployer.id);
      const review = () =>
        get(`/labour-requests/${approved.id}`)
          .expect(200)
          .then((r) => r.body.review.employerRisk.substantiatedComplaints as number);
      const before = await review();
      const { body: c } = await complaint({ employerId: ctx.otherEmployer.id, category: 'UNPAID_WAGES' }).expect(201);
      for (const to of ['TRIAGED', 'INVESTIGATING']) await post(`/complaints/${c.id}/transitions`, { to }).expect(200);
      await post(`/complaints/${c.id}/transitions`, { to: 'RESOLVED', reason: 'payslips confirm it', finding: 'SUBSTANTIATED' }).expect(200);
      expect(await review()).toBe(before + 1);
    });
  });
});
