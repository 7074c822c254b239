import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { FieldCrypto } from '../../src/infra/crypto/field-crypto';
import { migrationsDir, runMigrations } from '../../src/infra/database/migrator';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { adminQuery, testDbPrefix, urlFor } from '../support/database';
import { createRoleUsers } from '../factories/users';
import { createWorker, workerInput } from '../factories/workers';

/** A passport number (per issuing country) belongs to one dossier: in the database, and whatever force says. */
describe('passport numbers', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const passport = (number: string) => ({ number, issuedOn: '2022-04-01', expiresOn: '2032-03-31', issuer: 'IIV' });
  const workerCount = () => t.app.get(PrismaService).worker.count();

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('a number on file answers 409 DOCUMENT_NUMBER_TAKEN naming the dossier, with force=true too, and never invites force', async () => {
    const first = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ passport: passport('AC1234567') }))
      .expect(201);
    const other = workerInput({ lastNameCyr: 'Другой', lastNameLat: 'DRUGOY', birthDate: '1971-02-03', passport: passport('ac 1234567') });
    const before = await workerCount();
    for (const query of ['', '?force=true']) {
      const res = await request(t.http).post(`/api/v1/workers${query}`).set(as(Role.STAFF)).send(other).expect(409);
      expect(res.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
      expect(res.body.candidates).toEqual([expect.objectContaining({ id: first.body.id, caseNumber: first.body.caseNumber, reason: 'PASSPORT_NUMBER' })]);
      expect(res.body.detail).not.toMatch(/repeat with force/);
    }
    expect(await workerCount()).toBe(before);
    // the same number issued by another country is another passport
    await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send({ ...other, citizenship: 'TJ' })
      .expect(201);
  });

  it('a similar name with the same birth date is a suspicion force may override, and its 409 says so', async () => {
    const name = { lastNameCyr: 'Нурматов', firstNameCyr: 'Шухрат', lastNameLat: 'NURMATOV', firstNameLat: 'SHUKHRAT', birthDate: '1986-06-16' };
    await createWorker(t, { ...name, passport: passport('AD7000001') });
    const res = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ ...name, passport: passport('AD7000002') }))
      .expect(409);
    expect(res.body).toMatchObject({ code: 'WORKER_DUPLICATE_SUSPECTED', candidates: [expect.objectContaining({ reason: 'NAME_AND_BIRTH_DATE' })] });
    expect(res.body.detail).toMatch(/force=true/);
    await request(t.http)
      .post('/api/v1/workers?force=true')
      .set(as(Role.STAFF))
      .send(workerInput({ ...name, passport: passport('AD7000002') }))
      .expect(201);
  });

  it('two dossiers opened at once with one number: one is created, the other refused by the database (409)', async () => {
    const results = await Promise.all(
      [
        ['Гонкин', 'GONKIN'],
        ['Гонков', 'GONKOV'],
      ].map(([lastNameCyr, lastNameLat], i) =>
        request(t.http)
          .post('/api/v1/workers?force=true')
          .set(as(Role.STAFF))
          .send(workerInput({ lastNameCyr, lastNameLat, birthDate: `197${i}-05-05`, passport: passport('AE5550001') })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
  });

  it("POST /workers/:id/documents: a passport number on another dossier is 409 DOCUMENT_NUMBER_TAKEN; a renewal of the holder's own is not", async () => {
    const holder = await createWorker(t, { passport: passport('AF1000001') });
    const other = await createWorker(t);
    const body = { type: 'PASSPORT', ...passport('AF1000001') };
    const res = await request(t.http).post(`/api/v1/workers/${other.id}/documents`).set(as(Role.STAFF)).send(body).expect(409);
    expect(res.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
    expect(res.body.detail).not.toMatch(/repeat with force/);
    // changing another passport's number to the one on file: the same answer
    const own = await request(t.http)
      .post(`/api/v1/workers/${other.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PASSPORT', ...passport('AF1000002') })
      .expect(201);
    const changed = await request(t.http)
      .patch(`/api/v1/workers/${other.id}/documents/${own.body.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', `"${own.body.version}"`)
      .send({ number: 'AF1000001' })
      .expect(409);
    expect(changed.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
    // a citizen of another country may hold the same number
    const kg = await createWorker(t, { citizenship: 'KG' });
    await request(t.http).post(`/api/v1/workers/${kg.id}/documents`).set(as(Role.STAFF)).send(body).expect(201);
    // the holder renews their passport keeping the number: the superseded one no longer counts
    const [current] = (await request(t.http).get(`/api/v1/workers/${holder.id}/documents`).set(as(Role.STAFF)).expect(200)).body.items;
    await request(t.http)
      .post(`/api/v1/workers/${holder.id}/documents`)
      .set(as(Role.STAFF))
      .send({ ...body, expiresOn: '2033-03-31', supersedes: current.id })
      .expect(201);
  });

  describe('the database refuses a second VALID passport with a number on file', () => {
    const insertPassport = (workerId: string, numberIndex: string, status = 'VALID') =>
      t.app.get(PrismaService).$executeRawUnsafe(
        `INSERT INTO worker_documents (id, worker_id, type, number_index, status, updated_at)
           VALUES (gen_random_uuid(), $1::uuid, 'PASSPORT', $2, $3::"DocumentStatus", now())`,
        workerId,
        numberIndex,
        status,
      );

    it('through SQL: same citizenship refused, another citizenship or a superseded copy accepted; the issuing country is filled from the holder', async () => {
      const index = t.app.get(FieldCrypto).blindIndex('AG2000001');
      const [a, b, kg] = [await createWorker(t), await createWorker(t), await createWorker(t, { citizenship: 'KG' })];
      await insertPassport(a.id, index);
      await expect(insertPassport(b.id, index)).rejects.toThrow(/worker_documents_passport_number_key|Unique constraint/);
      await insertPassport(b.id, index, 'SUPERSEDED');
      await insertPassport(kg.id, index);
      const rows = await t.app
        .get(PrismaService)
        .$queryRawUnsafe<{ country: string; n: number }[]>(
          `SELECT country, count(*)::int AS n FROM worker_documents WHERE number_index = $1 GROUP BY country ORDER BY country`,
          index,
        );
      expect(rows).toEqual([
        { country: 'KG', n: 1 },
        { country: 'UZ', n: 2 },
      ]);
    });

    it('through SQL: a passport number cannot be recorded without its issuing country', async () => {
      const w = await createWorker(t);
      const prisma = t.app.get(PrismaService);
      // the trigger fills the country; with it out of the way, the check constraint still refuses
      await expect(
        prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('ALTER TABLE worker_documents DISABLE TRIGGER worker_documents_passport_country');
          await tx.$executeRawUnsafe(
            `INSERT INTO worker_documents (id, worker_id, type, number_index, updated_at) VALUES (gen_random_uuid(), $1::uuid, 'PASSPORT', 'x', now())`,
            w.id,
          );
        }),
      ).rejects.toThrow(/worker_documents_passport_country_check|violates check constraint|Check constraint/i);
    });
  });
});

/** The migration that made passport numbers unique, run over data that already broke the rule. */
describe('migration: passport numbers unique over existing duplicates', () => {
  const name = `${testDbPrefix()}pass_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    const all = fs
      .readdirSync(migrationsDir(), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const ours = all.find((n) => n.endsWith('_countries_passport_unique_intake'))!;
    for (const n of all.filter((m) => m < ours)) fs.cpSync(path.join(migrationsDir(), n), path.join(dir, n), { recursive: true });
    await runMigrations(url, dir);
    fs.cpSync(path.join(migrationsDir(), ours), path.join(dir, ours), { recursive: true });
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the first passport, sets the later ones aside with a note on their dossiers, and applies', async () => {
    const worker = async (caseNumber: string, citizenship: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO workers (id, case_number, last_name_cyr, first_name_cyr, last_name_lat, first_name_lat, search_text, birth_date, sex,
                                citizenship, recruitment_channel, status, updated_at)
           VALUES (gen_random_uuid(), $1, 'Тест', 'Тест', 'TEST', 'TEST', 'test', '1990-01-01', 'MALE', $2, 'WALK_IN', 'ARRIVED', now()) RETURNING id`,
          [caseNumber, citizenship],
        )
      ).rows[0].id;
    const doc = async (workerId: string, index: string, createdAt: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO worker_documents (id, worker_id, type, number_index, created_at, updated_at)
           VALUES (gen_random_uuid(), $1, 'PASSPORT', $2, $3, now()) RETURNING id`,
          [workerId, index, createdAt],
        )
      ).rows[0].id;
    const [first, second, third, kg] = [
      await worker('OMS-T-1', 'UZ'),
      await worker('OMS-T-2', 'UZ'),
      await worker('OMS-T-3', 'UZ'),
      await worker('OMS-T-4', 'KG'),
    ];
    const kept = await doc(first, 'same', '2025-01-01');
    const later = await doc(second, 'same', '2025-02-01');
    const latest = await doc(third, 'same', '2025-03-01');
    const otherCountry = await doc(kg, 'same', '2025-04-01');

    const result = await runMigrations(url, dir);
    expect(result.applied).toEqual([expect.stringMatching(/_countries_passport_unique_intake$/)]);

    const docs = await client.query<{ id: string; status: string; country: string }>('SELECT id, status, country FROM worker_documents');
    const byId = new Map(docs.rows.map((d) => [d.id, d]));
    expect(byId.get(kept)).toMatchObject({ status: 'VALID', country: 'UZ' });
    expect(byId.get(later)).toMatchObject({ status: 'SUPERSEDED', country: 'UZ' });
    expect(byId.get(latest)).toMatchObject({ status: 'SUPERSEDED', country: 'UZ' });
    expect(byId.get(otherCountry)).toMatchObject({ status: 'VALID', country: 'KG' });
    const notes = await client.query<{ worker_id: string; text: string }>(`SELECT worker_id, text FROM worker_events WHERE kind = 'NOTE' ORDER BY worker_id`);
    expect(notes.rows.map((n) => n.worker_id).sort()).toEqual([second, third].sort());
    for (const n of notes.rows) expect(n.text).toContain('OMS-T-1');
    await expect(
      client.query(`INSERT INTO worker_documents (id, worker_id, type, number_index, updated_at) VALUES (gen_random_uuid(), $1, 'PASSPORT', 'same', now())`, [
        second,
      ]),
    ).rejects.toThrow(/worker_documents_passport_number_key/);
  });
});
