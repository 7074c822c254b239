import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createEmployer, createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';
import { someoneWaitsForALock } from '../support/locks';

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
    const patent = await request(t.http)
      .post(`/api/v1/workers/${kg.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PATENT', number: '55 1234567', issuedOn: '2026-01-10', expiresOn: '2026-12-10', issuer: 'УВМ' })
      .expect(422);
    expect(patent.body.code).toBe('DOCUMENT_INVALID');
    expect(patent.body.errors.map((e: { field: string }) => e.field)).toContain('type');
    const w = await createWorker(t);
    const bad = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PASSPORT', issuedOn: daysFromNow(5), expiresOn: '2001-01-01' })
      .expect(422);
    expect(bad.body.errors.length).toBeGreaterThanOrEqual(2);
    await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'DIPLOMA' }).expect(400);
  });

  it('a renewal supersedes the old document and keeps it in history; renewing twice is 422', async () => {
    const w = await createWorker(t);
    const first = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'REGISTRATION_NOTICE', issuedOn: '2026-01-05', expiresOn: daysFromNow(10), issuer: 'МФЦ Омск' })
      .expect(201);
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
    const p = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PATENT', number: '77 12345678', issuedOn: issued, expiresOn: daysFromNow(300), issuer: 'УВМ УМВД России по Омской области' })
      .expect(201);
    // the ledger starts with the first payment; until then the patent's own dates count
    expect(await read()).toBe('VALID');
    const pay = await request(t.http)
      .post(`/api/v1/workers/${w.id}/patent-payments`)
      .set(as(Role.STAFF))
      .send({ paidOn: issued, months: 1, amountRub: 9000 })
      .expect(201);
    expect(pay.body.documentId).toBe(p.body.id);
    expect(await read()).toBe('EXPIRING');
    await request(t.http)
      .post(`/api/v1/workers/${w.id}/patent-payments`)
      .set(as(Role.STAFF))
      .send({ paidOn: iso(new Date()), months: 3, amountRub: 27000 })
      .expect(201);
    expect(await read()).toBe('VALID');
    const timeline = await request(t.http).get(`/api/v1/workers/${w.id}/timeline`).set(as(Role.STAFF)).expect(200);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind).filter((k: string) => k !== 'DEADLINE')).toEqual([
      'CREATED',
      'DOCUMENT_RECORDED',
      'PATENT_PAYMENT',
      'PATENT_PAYMENT',
    ]);
    const ledger = await request(t.http).get(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).expect(200);
    expect(ledger.body.items).toHaveLength(2);
    expect(ledger.body.paidUntil > daysFromNow(60)).toBe(true);
    await request(t.http)
      .post(`/api/v1/workers/${w.id}/patent-payments`)
      .set(as(Role.STAFF))
      .send({ paidOn: daysFromNow(3), months: 1, amountRub: 9000 })
      .expect(422);
    await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: issued, months: 13, amountRub: 9000 }).expect(400);
    await request(t.http).get(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.LIAISON)).expect(403);
  });

  it('a patent payment without a patent is 422', async () => {
    const w = await createWorker(t);
    const res = await request(t.http)
      .post(`/api/v1/workers/${w.id}/patent-payments`)
      .set(as(Role.STAFF))
      .send({ paidOn: iso(new Date()), months: 1, amountRub: 9000 })
      .expect(422);
    expect(res.body.code).toBe('NO_CURRENT_PATENT');
  });

  it('corrects a document with If-Match, revokes it; reading documents is access-logged', async () => {
    const w = await createWorker(t);
    const d = await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).send({ type: 'INN', number: '500100732259' }).expect(201);
    const fixed = await request(t.http)
      .patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', '"1"')
      .send({ number: '550400000089' })
      .expect(200);
    expect(fixed.body.number).toBe('550400000089');
    await request(t.http)
      .patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', '"1"')
      .send({ status: 'REVOKED' })
      .expect(412);
    const blind = await request(t.http).patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`).set(as(Role.STAFF)).send({ status: 'REVOKED' }).expect(428);
    expect(blind.body.code).toBe('PRECONDITION_REQUIRED');
    await request(t.http)
      .patch(`/api/v1/workers/${w.id}/documents/${d.body.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', fixed.headers.etag)
      .send({ status: 'REVOKED' })
      .expect(200);
    await request(t.http).patch(`/api/v1/workers/${w.id}/documents/7d0f0b5e-7b5e-4a8e-9d0e-000000000000`).set(as(Role.STAFF)).send({ issuer: 'x' }).expect(404);
    await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).expect(200);
    const log = await request(t.http).get(`/api/v1/workers/${w.id}/access-log`).set(as(Role.ADMIN)).expect(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain('worker.documents.read');
    expect(JSON.stringify(log.body)).not.toMatch(/500100732259/); // numbers masked in the trail
  });

  it("scopes: employers never see documents; a liaison officer only for its agencies' workers", async () => {
    const other = await createAgency(t);
    const w = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: other.id });
    await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.EMPLOYER)).expect(403);
    await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.LIAISON)).expect(404);
    await request(t.http).post(`/api/v1/workers/${w.id}/documents`).set(as(Role.LIAISON)).send({ type: 'INN', number: '500100732259' }).expect(404);
  });

  describe('one current document per slot (issue 16)', () => {
    const post = (workerId: string, body: object) => request(t.http).post(`/api/v1/workers/${workerId}/documents`).set(as(Role.STAFF)).send(body);
    const patentBody = (number: string) => ({
      type: 'PATENT',
      number,
      issuedOn: daysFromNow(-20),
      expiresOn: daysFromNow(300),
      issuer: 'УВМ УМВД России по Омской области',
    });

    it('a second patent without supersedes is 409 naming the current one; as a renewal it is taken, and payments go to it', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      const first = await post(w.id, patentBody('55 1000001')).expect(201);
      const second = await post(w.id, patentBody('55 1000002')).expect(409);
      expect(second.body).toMatchObject({ code: 'DOCUMENT_ALREADY_CURRENT', currentDocumentId: first.body.id });
      expect(second.body.detail).toContain(first.body.id);
      const renewal = await post(w.id, { ...patentBody('55 1000002'), supersedes: first.body.id }).expect(201);
      const list = await request(t.http).get(`/api/v1/workers/${w.id}/documents`).set(as(Role.STAFF)).expect(200);
      expect(
        list.body.items.filter((d: { type: string; status: string }) => d.type === 'PATENT' && d.status === 'VALID').map((d: { id: string }) => d.id),
      ).toEqual([renewal.body.id]);
      const pay = await request(t.http)
        .post(`/api/v1/workers/${w.id}/patent-payments`)
        .set(as(Role.STAFF))
        .send({ paidOn: daysFromNow(-1), months: 1, amountRub: 9000 })
        .expect(201);
      expect(pay.body.documentId).toBe(renewal.body.id);
    });

    it.each([
      ['REGISTRATION_NOTICE', { type: 'REGISTRATION_NOTICE', issuedOn: daysFromNow(-5), expiresOn: daysFromNow(80), issuer: 'МФЦ Омск' }],
      ['MIGRATION_CARD', { type: 'MIGRATION_CARD', number: '4619 1234567', issuedOn: daysFromNow(-5), expiresOn: daysFromNow(80) }],
    ])('a second %s is 409 too', async (_type, body) => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      const first = await post(w.id, body).expect(201);
      expect((await post(w.id, body).expect(409)).body.currentDocumentId).toBe(first.body.id);
    });

    it('passports: one current per issuing country, the citizenship by default; another country is fine', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      const passport = { type: 'PASSPORT', number: 'FA1110001', issuedOn: '2020-02-02', expiresOn: '2030-02-01' };
      const uz = await post(w.id, passport).expect(201);
      expect(uz.body.issuingCountry).toBe('UZ');
      const again = await post(w.id, { ...passport, number: 'FA1110002', issuingCountry: 'uz' }).expect(409);
      expect(again.body).toMatchObject({ code: 'DOCUMENT_ALREADY_CURRENT', currentDocumentId: uz.body.id });
      const kg = await post(w.id, { ...passport, number: 'AC1110003', issuingCountry: 'KG' }).expect(201);
      expect(kg.body.issuingCountry).toBe('KG');
      expect(
        (await post(w.id, { type: 'INN', number: '500100732259', issuingCountry: 'UZ' }).expect(422)).body.errors.map((e: { field: string }) => e.field),
      ).toEqual(['issuingCountry']);
    });

    it('a passport recorded with the dossier counts for its citizenship', async () => {
      const created = await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(as(Role.STAFF))
        .send({
          lastNameCyr: 'Юсупов',
          firstNameCyr: 'Бахтиёр',
          lastNameLat: 'YUSUPOV',
          firstNameLat: 'BAKHTIYOR',
          birthDate: '1991-03-03',
          sex: 'MALE',
          citizenship: 'TJ',
          recruitmentChannel: 'WALK_IN',
          passport: { number: 'TJ4440001', issuedOn: '2021-01-01', expiresOn: '2031-01-01' },
        })
        .expect(201);
      const res = await post(created.body.id, { type: 'PASSPORT', number: 'TJ4440002', issuedOn: '2022-01-01', expiresOn: '2032-01-01' }).expect(409);
      const docs = await request(t.http).get(`/api/v1/workers/${created.body.id}/documents`).set(as(Role.STAFF)).expect(200);
      expect(docs.body.items).toEqual([
        expect.objectContaining({ id: res.body.currentDocumentId, type: 'PASSPORT', issuingCountry: 'TJ', createdById: ctx.users.STAFF.id }),
      ]);
    });

    it('labour contracts: the employer is required, one current per employer, another employer is fine', async () => {
      const w = await createWorker(t, { citizenship: 'KG' });
      const other = await createEmployer(t);
      const contract = { type: 'LABOUR_CONTRACT', issuedOn: daysFromNow(-3) };
      expect((await post(w.id, contract).expect(422)).body.errors.map((e: { field: string }) => e.field)).toEqual(['employerId']);
      expect((await post(w.id, { ...contract, employerId: '7d0f0b5e-7b5e-4a8e-9d0e-000000000000' }).expect(422)).body.errors[0]).toEqual({
        field: 'employerId',
        message: 'no such employer',
      });
      const first = await post(w.id, { ...contract, employerId: ctx.employer.id }).expect(201);
      expect(first.body.employerId).toBe(ctx.employer.id);
      expect((await post(w.id, { ...contract, employerId: ctx.employer.id }).expect(409)).body.currentDocumentId).toBe(first.body.id);
      await post(w.id, { ...contract, employerId: other.id }).expect(201);
      expect(
        (await post(w.id, { type: 'INN', number: '500100732259', employerId: other.id }).expect(422)).body.errors.map((e: { field: string }) => e.field),
      ).toEqual(['employerId']);
    });

    it('a revoked patent leaves the slot free', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      const first = await post(w.id, patentBody('55 1000011')).expect(201);
      await request(t.http)
        .patch(`/api/v1/workers/${w.id}/documents/${first.body.id}`)
        .set(as(Role.STAFF))
        .set('If-Match', '"1"')
        .send({ status: 'REVOKED' })
        .expect(200);
      await post(w.id, patentBody('55 1000012')).expect(201);
    });

    it('two patents recorded at the same moment: one is taken, the others are 409 naming it', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      const results = await Promise.all([post(w.id, patentBody('55 1000021')), post(w.id, patentBody('55 1000022')), post(w.id, patentBody('55 1000023'))]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
      const taken = results.find((r) => r.status === 201)!.body.id;
      for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'DOCUMENT_ALREADY_CURRENT', currentDocumentId: taken });
    });

    it('a twin committed while the check could not see it: the index refuses the insert, answered as the same 409', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      const other = new Client({ connectionString: t.config.database.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        const { rows } = await other.query<{ id: string }>(
          `INSERT INTO worker_documents (id, worker_id, type, issued_on, expires_on, updated_at)
           VALUES (gen_random_uuid(), $1::uuid, 'PATENT', CURRENT_DATE - 10, CURRENT_DATE + 100, now()) RETURNING id`,
          [w.id],
        );
        const pending = post(w.id, patentBody('55 1000031')).then((r) => r);
        await someoneWaitsForALock(t, other); // the API's insert waits on the index entry of the uncommitted twin
        await other.query('COMMIT');
        const res = await pending;
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'DOCUMENT_ALREADY_CURRENT', currentDocumentId: rows[0].id });
      } finally {
        await other.end();
      }
    });

    it('the database itself refuses a second current document in a slot (inserted through SQL)', async () => {
      const prisma = t.app.get(PrismaService);
      const w = await createWorker(t, { citizenship: 'UZ' });
      const other = await createEmployer(t);
      const insert = (type: string, extra: { country?: string; employerId?: string; status?: string } = {}) =>
        prisma.$executeRawUnsafe(
          `INSERT INTO worker_documents (id, worker_id, type, status, country, employer_id, updated_at)
           VALUES (gen_random_uuid(), $1::uuid, $2::"DocumentType", $3::"DocumentStatus", $4, $5::uuid, now())`,
          w.id,
          type,
          extra.status ?? 'VALID',
          extra.country ?? null,
          extra.employerId ?? null,
        );
      for (const type of ['PATENT', 'WORK_PERMIT', 'REGISTRATION_NOTICE', 'MIGRATION_CARD']) {
        await insert(type);
        await expect(insert(type)).rejects.toThrow(/worker_documents_one_current_per_worker/);
        await insert(type, { status: 'SUPERSEDED' }); // history is not limited
      }
      await insert('PASSPORT', { country: 'UZ' });
      await expect(insert('PASSPORT', { country: 'UZ' })).rejects.toThrow(/worker_documents_one_current_passport/);
      await insert('PASSPORT', { country: 'KG' });
      await insert('LABOUR_CONTRACT', { employerId: ctx.employer.id });
      await expect(insert('LABOUR_CONTRACT', { employerId: ctx.employer.id })).rejects.toThrow(/worker_documents_one_current_contract/);
      await insert('LABOUR_CONTRACT', { employerId: other.id });
      await insert('MEDICAL_CERTIFICATE');
      await insert('MEDICAL_CERTIFICATE'); // a type several of which may be current
      // only a contract names an employer
      await expect(insert('PATENT', { employerId: other.id, status: 'SUPERSEDED' })).rejects.toThrow(/worker_documents_employer_contract/);
    });
  });
});
