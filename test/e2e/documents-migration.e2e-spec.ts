import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrationsDir, runMigrations } from '../../src/infra/database/migrator';
import { adminQuery, testDbPrefix, urlFor } from '../support/database';

const MIGRATION = fs.readdirSync(migrationsDir()).find((n) => n.endsWith('_issue16_docs'))!;

/**
 * The migration of issue 16 on a database that already breaks the new rules (two current patents,
 * two current passports, a receipt counted twice): it must apply, keep every row, and leave one
 * current document per slot and each receipt counted once.
 */
describe(`migration ${MIGRATION} on data recorded before it`, () => {
  const name = `${testDbPrefix()}mig16_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);
  let dir: string;
  let db: Client;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations16-'));
    for (const m of fs.readdirSync(migrationsDir())) {
      if (m < MIGRATION || !fs.statSync(path.join(migrationsDir(), m)).isDirectory())
        fs.cpSync(path.join(migrationsDir(), m), path.join(dir, m), { recursive: true });
    }
    await runMigrations(url, dir);
    db = new Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const one = async <T>(sql: string, values: unknown[] = []) => (await db.query(sql, values)).rows[0] as T;

  it('supersedes the older of two current documents, links the renewal, reverses a receipt counted twice and recomputes the paid-up date', async () => {
    const worker = await one<{ id: string }>(
      `INSERT INTO workers (id, case_number, last_name_cyr, first_name_cyr, last_name_lat, first_name_lat, search_text, birth_date, sex, citizenship,
                            languages, occupations, recruitment_channel, status, updated_at)
       VALUES (gen_random_uuid(), 'OMS-2026-999001', 'Каримов', 'Фаррух', 'KARIMOV', 'FARRUKH', 'karimov farrukh', '1990-01-01', 'MALE', 'UZ',
               '{}', '{}', 'WALK_IN', 'ARRIVED', now()) RETURNING id`,
    );
    const doc = async (type: string, createdAt: string, extra = '') =>
      (
        await one<{ id: string }>(
          `INSERT INTO worker_documents (id, worker_id, type, issued_on, expires_on, created_at, updated_at ${extra ? ', supersedes_id' : ''})
         VALUES (gen_random_uuid(), $1, $2::"DocumentType", '2026-01-10', '2026-12-31', $3, now() ${extra ? ', $4::uuid' : ''}) RETURNING id`,
          extra ? [worker.id, type, createdAt, extra] : [worker.id, type, createdAt],
        )
      ).id;
    const firstPatent = await doc('PATENT', '2026-01-10T10:00:00Z');
    const olderPatent = await doc('PATENT', '2026-01-11T10:00:00Z');
    const oldRenewalSource = await doc('PATENT', '2026-01-01T10:00:00Z');
    await db.query(`UPDATE worker_documents SET status = 'SUPERSEDED' WHERE id = $1`, [oldRenewalSource]);
    const newestPatent = await doc('PATENT', '2026-01-12T10:00:00Z', oldRenewalSource); // already renews something
    const passportA = await doc('PASSPORT', '2026-01-05T10:00:00Z');
    const passportB = await doc('PASSPORT', '2026-01-06T10:00:00Z');
    const medical1 = await doc('MEDICAL_CERTIFICATE', '2026-01-05T10:00:00Z');
    const medical2 = await doc('MEDICAL_CERTIFICATE', '2026-01-06T10:00:00Z');
    const pay = async (receipt: string | null, months: number, createdAt: string) =>
      (
        await one<{ id: string }>(
          `INSERT INTO patent_payments (id, worker_id, document_id, paid_on, months, amount_rub, receipt_number, created_at)
         VALUES (gen_random_uuid(), $1, $2, '2026-01-10', $3, 9000, $4, $5) RETURNING id`,
          [worker.id, newestPatent, months, receipt, createdAt],
        )
      ).id;
    const kept = await pay('R-1', 1, '2026-01-10T11:00:00Z');
    const twice = await pay('R-1', 1, '2026-01-10T12:00:00Z');
    await pay(null, 2, '2026-01-10T13:00:00Z');
    await pay(null, 2, '2026-01-10T14:00:00Z'); // no receipt: nothing to compare
    await db.query(`UPDATE worker_documents SET paid_until = '2026-07-09' WHERE id = $1`, [newestPatent]); // 6 months counted

    fs.cpSync(path.join(migrationsDir(), MIGRATION), path.join(dir, MIGRATION), { recursive: true });
    expect((await runMigrations(url, dir)).applied).toEqual([MIGRATION]);

    const docs = new Map(
      (
        await db.query<{ id: string; status: string; supersedes_id: string | null; country: string | null; paid_until: string | null }>(
          `SELECT id, status, supersedes_id, country, paid_until::text FROM worker_documents WHERE worker_id = $1`,
          [worker.id],
        )
      ).rows.map((r) => [r.id, r]),
    );
    expect(docs.size).toBe(8); // nothing deleted
    expect([firstPatent, olderPatent, oldRenewalSource, newestPatent].map((id) => docs.get(id)!.status)).toEqual([
      'SUPERSEDED',
      'SUPERSEDED',
      'SUPERSEDED',
      'VALID',
    ]);
    expect(docs.get(olderPatent)!.supersedes_id).toBe(firstPatent); // linked as the renewal of the next older one
    expect(docs.get(newestPatent)!.supersedes_id).toBe(oldRenewalSource); // its own link kept
    expect([passportA, passportB].map((id) => docs.get(id)!.status)).toEqual(['SUPERSEDED', 'VALID']);
    expect(docs.get(passportB)!).toMatchObject({ country: 'UZ', supersedes_id: passportA });
    expect([medical1, medical2].map((id) => docs.get(id)!.status)).toEqual(['VALID', 'VALID']); // several may be current

    const payments = (
      await db.query<{ id: string; reversed_at: Date | null; reversal_reason: string | null }>(
        `SELECT id, reversed_at, reversal_reason FROM patent_payments WHERE worker_id = $1 ORDER BY created_at`,
        [worker.id],
      )
    ).rows;
    expect(payments.map((p) => p.reversed_at !== null)).toEqual([false, true, false, false]);
    expect(payments.find((p) => p.id === twice)!.reversal_reason).toMatch(/receipt number recorded twice/);
    expect(payments.find((p) => p.id === kept)!.reversed_at).toBeNull();
    // 1 + 2 + 2 months from 2026-01-10: paid up to 2026-06-09, no longer 2026-07-09
    expect(docs.get(newestPatent)!.paid_until).toBe('2026-06-09');
  });
});
