import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createRoleUsers } from '../factories/users';
import { workerInput } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));

interface Entry {
  id: string;
  kind: string;
  actorId: string | null;
  actor: { id: string; name: string | null } | null;
  documentId: string | null;
  placementId: string | null;
  employerId: string | null;
  employer: { id: string; name: string } | null;
  labourRequestId: string | null;
  labourRequest: { id: string; occupationCode: string; occupationTitle: string } | null;
  text: string | null;
}

describe('the timeline names who did each thing and what it is about (issue 16)', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  let workerId: string;
  let passportId: string;
  let placementId: string;
  let labourRequestId: string;
  let occupationTitle: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    // a Kyrgyz worker of the liaison officer's agency, worked on by each kind of user through the API
    const created = await request(t.http)
      .post('/api/v1/workers?force=true')
      .set(as(Role.LIAISON))
      .send(workerInput({ citizenship: 'KG', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id }))
      .expect(201);
    workerId = created.body.id;
    for (const to of ['SELECTED', 'IN_TRANSIT', 'ARRIVED', 'DOCUMENTS_IN_PROGRESS', 'READY_TO_WORK']) {
      await request(t.http).post(`/api/v1/workers/${workerId}/transitions`).set(as(Role.STAFF)).send({ to, reason: 'timeline test' }).expect(200);
    }
    const passport = await request(t.http)
      .post(`/api/v1/workers/${workerId}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PASSPORT', number: 'AC5550001', issuedOn: '2021-01-01', expiresOn: '2031-01-01' })
      .expect(201);
    passportId = passport.body.id;
    await request(t.http)
      .patch(`/api/v1/workers/${workerId}/documents/${passportId}`)
      .set(as(Role.ADMIN))
      .set('If-Match', '"1"')
      .send({ issuer: 'ГРС при МЮ КР' })
      .expect(200);
    await request(t.http)
      .put(`/api/v1/workers/${workerId}/documents/${passportId}/file`)
      .set(as(Role.LIAISON))
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('%PDF-1.4\n%timeline'))
      .expect(200);
    await request(t.http)
      .post(`/api/v1/workers/${workerId}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'LABOUR_CONTRACT', issuedOn: daysFromNow(-1), employerId: ctx.employer.id })
      .expect(201);
    const approved = await createApprovedRequest(t, ctx.employer.id, {
      preferredCitizenships: ['KG'],
      periodStart: daysFromNow(-10),
      periodEnd: daysFromNow(200),
      workersRequested: 2,
    });
    labourRequestId = approved.id;
    const placement = await request(t.http)
      .post('/api/v1/placements')
      .set(as(Role.STAFF))
      .send({ labourRequestId, workerId, startDate: daysFromNow(-1) })
      .expect(201);
    placementId = placement.body.id;
    occupationTitle = (await t.app.get(PrismaService).occupation.findUniqueOrThrow({ where: { code: '7112' } })).title;
  });
  afterAll(() => t?.close());

  const timeline = async (role: Role) => (await request(t.http).get(`/api/v1/workers/${workerId}/timeline`).set(as(role)).expect(200)).body.items as Entry[];
  const one = (items: Entry[], kind: string, documentId?: string) => {
    const found = items.filter((e) => e.kind === kind && (documentId === undefined || e.documentId === documentId));
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('for staff: every entry names its actor; documents, corrections and scans carry who did them', async () => {
    const all = await timeline(Role.STAFF);
    // deadlines stand at their due dates and are nobody's doing
    const items = all.filter((e) => e.kind !== 'DEADLINE');
    expect(all.filter((e) => e.kind === 'DEADLINE').map((e) => e.text)).toContainEqual(
      expect.stringMatching(/^CONTRACT_NOTIFICATION due \d{4}-\d{2}-\d{2} \((OPEN|MISSED)\)/),
    );
    expect(items.filter((e) => e.actorId === null)).toEqual([]);
    for (const e of items) expect(e.actor).toEqual({ id: e.actorId, name: expect.stringMatching(/^Test (ADMIN|STAFF|LIAISON)$/) });
    expect(one(items, 'CREATED').actor).toEqual({ id: ctx.users.LIAISON.id, name: 'Test LIAISON' });
    expect(one(items, 'DOCUMENT_RECORDED', passportId)).toMatchObject({ id: passportId, actor: { id: ctx.users.STAFF.id, name: 'Test STAFF' } });
    expect(one(items, 'DOCUMENT_UPDATED', passportId)).toMatchObject({
      actor: { id: ctx.users.ADMIN.id, name: 'Test ADMIN' },
      text: 'PASSPORT: corrected issuer',
    });
    const scan = one(items, 'DOCUMENT_FILE_UPLOADED', passportId);
    expect(scan).toMatchObject({ actor: { id: ctx.users.LIAISON.id, name: 'Test LIAISON' } });
    expect(scan.text).toMatch(/^PASSPORT: scan uploaded \(application\/pdf, 1 KB\)$/);
    // numbers are not repeated on the timeline
    expect(JSON.stringify(items)).not.toMatch(/AC5550001/);
  });

  it('for staff: the employer and the labour request are named beside their ids', async () => {
    const items = await timeline(Role.STAFF);
    const employer = { id: ctx.employer.id, name: ctx.employer.name };
    expect(one(items, 'PLACEMENT')).toMatchObject({
      id: placementId,
      placementId,
      actor: { id: ctx.users.STAFF.id, name: 'Test STAFF' },
      employerId: ctx.employer.id,
      employer,
      labourRequestId,
      labourRequest: { id: labourRequestId, occupationCode: '7112', occupationTitle },
    });
    expect(one(items, 'DOCUMENT_RECORDED', items.find((e) => e.kind === 'DOCUMENT_RECORDED' && e.documentId !== passportId)!.documentId!)).toMatchObject({
      employerId: ctx.employer.id,
      employer,
      text: expect.stringMatching(/^LABOUR_CONTRACT/),
    });
    expect(occupationTitle.length).toBeGreaterThan(0);
  });

  it('for a liaison officer: their own name only, employers (which they may read), no labour requests', async () => {
    const items = await timeline(Role.LIAISON);
    expect(items.length).toBe((await timeline(Role.STAFF)).length);
    for (const e of items.filter((i) => i.kind !== 'DEADLINE')) {
      expect(e.actor!.id).toBe(e.actorId);
      expect(e.actor!.name).toBe(e.actorId === ctx.users.LIAISON.id ? 'Test LIAISON' : null);
      expect(e.labourRequestId).toBeNull();
      expect(e.labourRequest).toBeNull();
    }
    expect(one(items, 'CREATED').actor).toEqual({ id: ctx.users.LIAISON.id, name: 'Test LIAISON' });
    expect(one(items, 'PLACEMENT')).toMatchObject({ employer: { id: ctx.employer.id, name: ctx.employer.name }, labourRequestId: null });
    expect(JSON.stringify(items)).not.toMatch(/Test (STAFF|ADMIN)/);
  });

  it('employers cannot read timelines; out-of-scope dossiers are 404', async () => {
    await request(t.http).get(`/api/v1/workers/${workerId}/timeline`).set(as(Role.EMPLOYER)).expect(403);
    const other = await request(t.http)
      .post('/api/v1/workers?force=true')
      .set(as(Role.STAFF))
      .send(workerInput({ citizenship: 'KG' }))
      .expect(201);
    await request(t.http).get(`/api/v1/workers/${other.body.id}/timeline`).set(as(Role.LIAISON)).expect(404);
  });
});
