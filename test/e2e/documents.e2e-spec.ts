import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));

describe('documents and patent payments', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('records a passport; the number is encrypted at rest and found through the blind index', async () => {
    const w = await createWorker(t);
    const res = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PASSPORT', number: 'FA7654321', issuedOn: '2020-02-02', expiresOn: '2030-02-01', issuer: 'IIV Tashkent' })
      .expect(201);
    expect(res.body).toMatchObject({ type: 'PASSPORT', number: 'FA7654321', status: 'VALID', validity: 'CURRENT' });
    const rows = await t.app.get(PrismaService).$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM worker_documents');
    expect(JSON.stringify(rows)).not.toMatch(/7654321/);
    const found = await request(t.http).get('/api/v1/workers?documentNumber=fa 7654321').set(as(Role.STAFF)).expect(200);
    expect(found.body.items.map((x: { id: string }) => x.id)).toEqual([w.id]);
  });

  it('applies per-type rules with every problem in one 422', async () => {
    const kg = await createWorker(t, { citizenship: 'KG', lastNameCyr: 'Осмонов', lastNameLat: 'OSMONOV' });
    const patent = await request(t.http).post(`/api/v1/workers/${kg.id}/documents`).set(as(Role.STAFF)).send({ type: 'PATENT', number: '55 1234567', issuedOn: '2026-01-10', expiresOn: '2026-12-10', issuer: 'УВМ' }).expect(422);
    expect(patent.body.code).toBe('DOCUMENT_INVALID');
    expect(patent.body.errors.map((e: { field: string }) => e.field)).toContain('type');
    const w = await createWorker(t);
    const bad = await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'PASSPORT', issuedOn: daysFromNow(5), expiresOn: '2001-01-01' }).expect(422);
    expect(bad.body.errors.length).toBeGreaterThanOrEqual(2);
    await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'DIPLOMA' }).expect(400);
  });

  it('a renewal supersedes the old document and keeps it in history; renewing twice is 422', async () => {
    const w = await createWorker(t);
    const first = await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'REGISTRATION_NOTICE', issuedOn: '2026-01-05', expiresOn: daysFromNow(10), issuer: 'МФЦ Омск' }).expect(201);
    const renewal = { type: 'REGISTRATION_NOTICE', issuedOn: iso(new Date()), expiresOn: daysFromNow(90), issuer: 'МФЦ Омск', supersedes: first.body.id };
    const second = await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send(renewal).expect(201);
    expect(second.body.supersedesId).toBe(first.body.id);
    await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send(renewal).expect(422);
    const list = await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).expect(200);
    const old = list.body.items.find((d: { id: string }) => d.id === first.body.id);
    expect(old).toMatchObject({ status: 'SUPERSEDED', supersededById: second.body.id });
  });

  it('work authorisation follows the patent and its payments', async () => {
    const w = await createWorker(t, { citizenship: 'UZ' });
    const read = async () => (await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).expect(200)).body.workAuthorization;
    expect(await read()).toBe('MISSING');
    const issued = daysFromNow(-20);
    const p = await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'PATENT', number: '77 12345678', issuedOn: issued, expiresOn: daysFromNow(300), issuer: 'УВМ УМВД России по Омской области' }).expect(201);
    // the ledger starts with the first payment; until then the patent's own dates count
    expect(await read()).toBe('VALID');
    const pay = await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: issued, months: 1, amountRub: 9000 }).expect(201);
    expect(pay.body.documentId).toBe(p.body.id);
    expect(await read()).toBe('EXPIRING');
    await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: iso(new Date()), months: 3, amountRub: 27000 }).expect(201);
    expect(await read()).toBe('VALID');
    const timeline = await request(t.http).get(`/api/v1/workers/${w.id}/timeline`).set(as(Role.STAFF)).expect(200);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['CREATED', 'DOCUMENT_RECORDED', 'PATENT_PAYMENT', 'PATENT_PAYMENT']);
    const ledger = await request(t.http).get(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).expect(200);
    expect(ledger.body.items).toHaveLength(2);
    expect(ledger.body.paidUntil > daysFromNow(60)).toBe(true);
    await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: daysFromNow(3), months: 1, amountRub: 9000 }).expect(422);
    await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: issued, months: 13, amountRub: 9000 }).expect(400);
    await request(t.http).get(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.LIAISON)).expect(403);
  });

  it('a patent payment without a patent is 422', async () => {
    const w = await createWorker(t);
    const res = await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: iso(new Date()), months: 1, amountRub: 9000 }).expect(422);
    expect(res.body.code).toBe('NO_CURRENT_PATENT');
  });

  it('corrects a document with If-Match, revokes it; reading documents is access-logged', async () => {
    const w = await createWorker(t);
    const d = await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'INN', number: '500100732259' }).expect(201);
    const fixed = await request(t.http).patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ number: '550400000089' }).expect(200);
    expect(fixed.body.number).toBe('550400000089');
    await request(t.http).patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ status: 'REVOKED' }).expect(412);
    const blind = await request(t.http).patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`).set(as(Role.STAFF)).send({ status: 'REVOKED' }).expect(428);
    expect(blind.body.code).toBe('PRECONDITION_REQUIRED');
    await request(t.http).patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`).set(as(Role.STAFF)).set('If-Match', fixed.headers.etag).send({ status: 'REVOKED' }).expect(200);
    await request(t.http).patch(`/api/v1/workers/${w.id}/documents/7d0f0b5e-7b5e-4a8e-9d0e-000000000000`).set(as(Role.STAFF)).send({ issuer: 'x' }).expect(404);
    await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).expect(200);
    const log = await request(t.http).get(`/api/v1/workers/${w.id}/access-log`).set(as(Role.ADMIN)).expect(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('worker.documents.read');
    expect(JSON.stringify(log.body)).not.toMatch(/500100732259/); // numbers masked in the trail
  });

  it('scopes: employers never see documents; a liaison officer only for its agencies\' workers', async () => {
    const other = await createAgency(t);
    const w = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: other.id });
    await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.EMPLOYER)).expect(403);
    await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.LIAISON)).expect(404);
    await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.LIAISON)).send({ type: 'INN', number: '500100732259' }).expect(404);
  });
});
