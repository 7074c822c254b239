import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { AuthorizationDocument, coverDates } from '../../src/workers/work-authorization.rules';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));

// workers.authorizing_documents is the copy of a dossier's VALID PATENT / WORK_PERMIT documents
// that list pages and dossier reads take with the row; triggers on worker_documents keep it. After
// every kind of change it must equal what worker_documents says, and the status derived from it
// must equal the one derived from the documents themselves. The row's cover dates
// (patent_valid_until, work_permit_valid_until), written by the application with every change
// through the API, must be coverDates() of those papers, and the list's filter must agree.
describe('workers.authorizing_documents', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    prisma = t.app.get(PrismaService);
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  /** The column, and the same thing computed from worker_documents now. */
  async function copyAndTruth(workerId: string) {
    const [row] = await prisma.$queryRaw<{ copy: unknown; truth: unknown; xmin: string }[]>`
      SELECT w.authorizing_documents AS copy, w.xmin::text AS xmin,
             COALESCE((SELECT jsonb_agg(jsonb_build_object('type', d.type, 'status', d.status, 'issuedOn', d.issued_on,
                                                           'expiresOn', d.expires_on, 'paidUntil', d.paid_until) ORDER BY d.id)
                       FROM worker_documents d
                       WHERE d.worker_id = w.id AND d.status = 'VALID' AND d.type IN ('PATENT', 'WORK_PERMIT')), '[]'::jsonb) AS truth
      FROM workers w WHERE w.id = ${workerId}::uuid`;
    return row;
  }
  async function expectInSync(workerId: string, count: number) {
    const { copy, truth } = await copyAndTruth(workerId);
    expect(copy).toEqual(truth);
    expect(copy).toHaveLength(count);
  }
  /** After a change through the API: the row's cover dates are coverDates() of its papers. */
  async function expectCoverDates(workerId: string) {
    const [row] = await prisma.$queryRaw<{ patent: string | null; permit: string | null; docs: AuthorizationDocument[] }[]>`
      SELECT patent_valid_until::text AS patent, work_permit_valid_until::text AS permit, authorizing_documents AS docs
      FROM workers WHERE id = ${workerId}::uuid`;
    expect({ PATENT: row.patent, WORK_PERMIT: row.permit }).toEqual(coverDates(row.docs));
    return row;
  }
  /** The dossier's value; the list row says the same, and the list's filter of that value (cover dates) finds it. */
  const authorization = async (id: string) => {
    const listed = await request(t.http).get('/api/v1/workers?limit=200').set(as(Role.STAFF)).expect(200);
    const dossier = await request(t.http).get(`/api/v1/workers/${id}`).set(as(Role.STAFF)).expect(200);
    const value = dossier.body.workAuthorization as string;
    expect(listed.body.items.find((i: { id: string }) => i.id === id).workAuthorization).toBe(value);
    const filtered = await request(t.http).get(`/api/v1/workers?limit=200&workAuthorization=${value}`).set(as(Role.STAFF)).expect(200);
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toContain(id);
    return value;
  };

  it('follows recording, payments, renewal and revocation through the API, and the list agrees with the dossier', async () => {
    const w = await createWorker(t, { citizenship: 'UZ' });
    await expectInSync(w.id, 0);
    expect(await authorization(w.id)).toBe('MISSING');

    const before = (await copyAndTruth(w.id)).xmin;
    await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PASSPORT', number: 'FA7650001', issuedOn: '2020-02-02', expiresOn: '2030-02-01', issuer: 'IIV' })
      .expect(201);
    expect((await copyAndTruth(w.id)).xmin).toBe(before); // a passport does not touch the dossier row

    const issued = daysFromNow(-20);
    const patent = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PATENT', number: '77 12340001', issuedOn: issued, expiresOn: daysFromNow(300), issuer: 'УВМ' })
      .expect(201);
    await expectInSync(w.id, 1);
    await request(t.http).post(`/api/v1/workers/${w.id}/patent-payments`).set(as(Role.STAFF)).send({ paidOn: issued, months: 1, amountRub: 9000 }).expect(201);
    await expectInSync(w.id, 1);
    expect((await copyAndTruth(w.id)).copy).toEqual([expect.objectContaining({ type: 'PATENT', paidUntil: expect.any(String) })]);
    expect(await authorization(w.id)).toBe('EXPIRING');
    await expectCoverDates(w.id);
    const more = await request(t.http)
      .post(`/api/v1/workers/${w.id}/patent-payments`)
      .set(as(Role.STAFF))
      .send({ paidOn: iso(new Date()), months: 3, amountRub: 27000 })
      .expect(201);
    await expectInSync(w.id, 1);
    expect((await expectCoverDates(w.id)).patent).toBe(more.body.paidUntil);
    expect(await authorization(w.id)).toBe('VALID');
    await request(t.http)
      .post(`/api/v1/workers/${w.id}/patent-payments/${more.body.id}/reversal`)
      .set(as(Role.STAFF))
      .send({ reason: 'entered twice' })
      .expect(200);
    await expectCoverDates(w.id);
    expect(await authorization(w.id)).toBe('EXPIRING');

    const renewal = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PATENT', number: '77 12340002', issuedOn: iso(new Date()), expiresOn: daysFromNow(365), issuer: 'УВМ', supersedes: patent.body.id })
      .expect(201);
    await expectInSync(w.id, 1);
    expect((await copyAndTruth(w.id)).copy).toEqual([expect.objectContaining({ type: 'PATENT', issuedOn: iso(new Date()), paidUntil: null })]);
    expect((await expectCoverDates(w.id)).patent).toBe(daysFromNow(365));
    expect(await authorization(w.id)).toBe('VALID');
    await request(t.http)
      .patch(`/api/v1/workers/${w.id}/documents/${renewal.body.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', '*')
      .send({ expiresOn: daysFromNow(10) })
      .expect(200);
    expect((await expectCoverDates(w.id)).patent).toBe(daysFromNow(10));
    expect(await authorization(w.id)).toBe('EXPIRING');

    await request(t.http)
      .patch(`/api/v1/workers/${w.id}/documents/${renewal.body.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', '*')
      .send({ status: 'REVOKED' })
      .expect(200);
    await expectInSync(w.id, 0);
    expect(await expectCoverDates(w.id)).toMatchObject({ patent: null, permit: null });
    expect(await authorization(w.id)).toBe('MISSING');
  });

  it('a work permit counts for a visa-regime dossier only; a change of citizenship rewrites nothing and the regime follows it', async () => {
    const w = await createWorker(t, { citizenship: 'CN' });
    await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'WORK_PERMIT', number: '5524 000777', issuedOn: daysFromNow(-30), expiresOn: daysFromNow(200), issuer: 'УВМ' })
      .expect(201);
    expect(await expectCoverDates(w.id)).toMatchObject({ patent: null, permit: daysFromNow(200) });
    expect(await authorization(w.id)).toBe('VALID');
    await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '*').send({ citizenship: 'UZ' }).expect(200);
    expect(await authorization(w.id)).toBe('MISSING'); // a patent regime: the work permit does not count
    await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '*').send({ citizenship: 'KZ' }).expect(200);
    expect(await authorization(w.id)).toBe('NOT_REQUIRED');
  });

  it('follows statements touching many dossiers at once, a document moved between dossiers, deletion and truncation', async () => {
    const a = await createWorker(t, { citizenship: 'TJ' });
    const b = await createWorker(t, { citizenship: 'TJ' });
    await prisma.$executeRaw`
      INSERT INTO worker_documents (id, worker_id, type, issued_on, expires_on, updated_at)
      SELECT gen_random_uuid(), x.w, x.t::"DocumentType", CURRENT_DATE - 10, CURRENT_DATE + 100, now()
      FROM (VALUES (${a.id}::uuid, 'PATENT'), (${a.id}::uuid, 'WORK_PERMIT'), (${b.id}::uuid, 'PATENT'), (${b.id}::uuid, 'MEDICAL_CERTIFICATE')) AS x(w, t)`;
    await expectInSync(a.id, 2);
    await expectInSync(b.id, 1);

    await prisma.$executeRaw`UPDATE worker_documents SET expires_on = expires_on + 5 WHERE worker_id IN (${a.id}::uuid, ${b.id}::uuid)`;
    await expectInSync(a.id, 2);
    await expectInSync(b.id, 1);

    await prisma.$executeRaw`UPDATE worker_documents SET worker_id = ${b.id}::uuid WHERE worker_id = ${a.id}::uuid AND type = 'WORK_PERMIT'`;
    await expectInSync(a.id, 1);
    await expectInSync(b.id, 2);

    await prisma.$executeRaw`DELETE FROM worker_documents WHERE worker_id = ${b.id}::uuid AND type = 'PATENT'`;
    await expectInSync(a.id, 1);
    await expectInSync(b.id, 1);

    await prisma.$executeRawUnsafe('TRUNCATE worker_documents CASCADE');
    await expectInSync(a.id, 0);
    await expectInSync(b.id, 0);
  });

  /** A connection of its own to the test database, for a transaction held open across steps. */
  async function connection() {
    const c = new Client({ connectionString: t.config.database.url });
    await c.connect();
    return c;
  }
  /** Waits until some other backend of this database waits for a lock. */
  async function someoneWaitsForALock(except: Client[]) {
    const pids = await Promise.all(except.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid));
    for (let i = 0; i < 200; i++) {
      const [row] = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> ALL (${pids}::int[])`;
      if (row.n > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('nobody waited for a lock');
  }
  // one current document per type (issue 16): the two transactions add a patent and a work permit
  const insertPaper = (c: Client, workerId: string, type: 'PATENT' | 'WORK_PERMIT') =>
    c.query(
      `INSERT INTO worker_documents (id, worker_id, type, issued_on, expires_on, updated_at)
             VALUES (gen_random_uuid(), $1::uuid, $2::"DocumentType", CURRENT_DATE - 10, CURRENT_DATE + 100, now())`,
      [workerId, type],
    );

  it("stays true when two transactions change one dossier's papers at once (the later one waits, then reads the earlier one's)", async () => {
    const w = await createWorker(t, { citizenship: 'UZ' });
    const [a, b] = [await connection(), await connection()];
    try {
      await a.query('BEGIN');
      await insertPaper(a, w.id, 'PATENT'); // holds the dossier row until it commits
      await b.query('BEGIN');
      const second = insertPaper(b, w.id, 'WORK_PERMIT'); // its snapshot is taken now, before the first commits
      await someoneWaitsForALock([a]);
      await a.query('COMMIT');
      await second;
      await b.query('COMMIT');
      await expectInSync(w.id, 2);
      // a revocation racing the insert of its successor
      const [first] = (
        await a.query<{ id: string; type: 'PATENT' | 'WORK_PERMIT' }>(`SELECT id, type FROM worker_documents WHERE worker_id = $1 ORDER BY id LIMIT 1`, [w.id])
      ).rows;
      await a.query('BEGIN');
      await a.query(`UPDATE worker_documents SET status = 'REVOKED' WHERE id = $1`, [first.id]);
      await b.query('BEGIN');
      const inserted = insertPaper(b, w.id, first.type);
      await someoneWaitsForALock([a]);
      await a.query('COMMIT');
      await inserted;
      await b.query('COMMIT');
      await expectInSync(w.id, 2);
      expect((await copyAndTruth(w.id)).copy).not.toContainEqual(expect.objectContaining({ status: 'REVOKED' }));
    } finally {
      await a.end();
      await b.end();
    }
  });

  it("an erasure and a change of the same dossier's papers take their locks in one order: neither deadlocks", async () => {
    const w = await createWorker(t, { citizenship: 'UZ', birthDate: '1990-04-04' });
    const patent = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PATENT', number: '77 12340099', issuedOn: daysFromNow(-5), expiresOn: daysFromNow(200), issuer: 'УВМ' })
      .expect(201);
    const a = await connection();
    try {
      await a.query('BEGIN');
      await a.query(`UPDATE worker_documents SET issuer = 'УВМ Омск' WHERE id = $1`, [patent.body.id]); // holds the document
      const erasure = request(t.http)
        .post(`/api/v1/workers/${w.id}/erasure`)
        .set(as(Role.ADMIN))
        .send({ confirmCaseNumber: w.caseNumber })
        .then((r) => r);
      await someoneWaitsForALock([a]); // the erasure waits for the document
      await a.query(`UPDATE worker_documents SET status = 'REVOKED' WHERE id = $1`, [patent.body.id]); // now takes the dossier row
      await a.query('COMMIT');
      expect((await erasure).status).toBe(200);
    } finally {
      await a.end();
    }
    await expectInSync(w.id, 0);
  });
});
