import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrationsDir, runMigrations } from '../../src/infra/database/migrator';
import { adminQuery, testDbPrefix, urlFor } from '../support/database';

const CEILINGS = '20261206120000_quota_ceilings_requests';

/**
 * The migration that makes every matching allocation a ceiling recounts the allocations of a
 * database kept under the old rule (each request counted only against its most specific allocation):
 * the overall one read "120 approved of 120" while 137 places were approved that year.
 */
describe(`migration ${CEILINGS}`, () => {
  const name = `${testDbPrefix()}ceil_${randomBytes(4).toString('hex')}`;
  const url = urlFor(name);
  let dir: string;
  let db: Client;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    for (const m of fs.readdirSync(migrationsDir(), { withFileTypes: true })) {
      if (m.isDirectory() && m.name < CEILINGS) fs.cpSync(path.join(migrationsDir(), m.name), path.join(dir, m.name), { recursive: true });
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

  const allocation = async (year: number, occupation: string | null, citizenship: string | null, limit: number, approved: number, note: string | null = null) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO quota_allocations (id, year, occupation_code, citizenship, "limit", approved, note, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, now()) RETURNING id`,
        [year, occupation, citizenship, limit, approved, note],
      )
    ).rows[0].id;
  const labourRequest = async (
    employerId: string,
    r: { occupation: string; citizenships: string[]; start: string; status: string; approved: number; placed?: number; allocationId: string | null },
  ) => {
    await db.query(
      `INSERT INTO labour_requests (id, employer_id, occupation_code, workers_requested, preferred_citizenships, period_start, period_end, work_place,
         monthly_wage_rub, hours_per_week, status, approved_count, placed_count, quota_allocation_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::date, $5::date + 180, 'Omsk', 60000, 40, $6::"LabourRequestStatus", $7, $8, $9, now())`,
      [employerId, r.occupation, Math.max(r.approved, 1), r.citizenships, r.start, r.status, r.approved, r.placed ?? 0, r.allocationId],
    );
  };
  const read = async (id: string) =>
    (
      await db.query<{ limit: number; approved: number; note: string | null; version: number }>(
        'SELECT "limit", approved, note, version FROM quota_allocations WHERE id = $1',
        [id],
      )
    ).rows[0];

  it('recounts every allocation over the places held under its scope, raising a limit they exceed (with a note)', async () => {
    await db.query(
      `INSERT INTO occupations (code, title, title_ru, updated_at) VALUES ('7112', 'Bricklayer', 'Каменщик', now()), ('9333', 'Loader', 'Грузчик', now())`,
    );
    const employerId = (
      await db.query<{ id: string }>(
        `INSERT INTO employers (id, name, inn, updated_at) VALUES (gen_random_uuid(), 'Old data', '7707083893', now()) RETURNING id`,
      )
    ).rows[0].id;
    const overall = await allocation(2026, null, null, 120, 120, 'Omsk 2026');
    const masonsUz = await allocation(2026, '7112', 'UZ', 30, 19);
    const masons = await allocation(2026, '7112', null, 200, 0);
    const tj = await allocation(2026, null, 'TJ', 50, 0);
    const overall2027 = await allocation(2027, null, null, 10, 0);
    // counted under the overall allocation only: 120 places
    for (const approved of [60, 40])
      await labourRequest(employerId, { occupation: '9333', citizenships: ['KG'], start: '2026-04-01', status: 'APPROVED', approved, allocationId: overall });
    await labourRequest(employerId, {
      occupation: '9333',
      citizenships: ['UZ', 'KG'],
      start: '2026-05-01',
      status: 'FILLED',
      approved: 20,
      placed: 20,
      allocationId: overall,
    });
    // counted under the specific one: 17 held (12 approved, 5 of which 2 placed before a withdrawal)
    await labourRequest(employerId, {
      occupation: '7112',
      citizenships: ['UZ'],
      start: '2026-04-01',
      status: 'PARTIALLY_APPROVED',
      approved: 12,
      allocationId: masonsUz,
    });
    await labourRequest(employerId, {
      occupation: '7112',
      citizenships: ['UZ'],
      start: '2026-06-01',
      status: 'WITHDRAWN',
      approved: 5,
      placed: 2,
      allocationId: masonsUz,
    });
    await labourRequest(employerId, {
      occupation: '7112',
      citizenships: ['UZ'],
      start: '2026-06-01',
      status: 'CLOSED',
      approved: 3,
      placed: 3,
      allocationId: masonsUz,
    });
    // none held: rejected, submitted, another year
    await labourRequest(employerId, { occupation: '7112', citizenships: ['TJ'], start: '2026-04-01', status: 'REJECTED', approved: 0, allocationId: null });
    await labourRequest(employerId, { occupation: '7112', citizenships: ['TJ'], start: '2026-04-01', status: 'SUBMITTED', approved: 0, allocationId: null });
    await labourRequest(employerId, { occupation: '7112', citizenships: ['UZ'], start: '2025-12-31', status: 'APPROVED', approved: 7, allocationId: null });
    const before = await read(overall);

    const dirAfter = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    try {
      fs.cpSync(migrationsDir(), dirAfter, { recursive: true });
      const result = await runMigrations(url, dirAfter);
      expect(result.applied).toContain(CEILINGS);
    } finally {
      fs.rmSync(dirAfter, { recursive: true, force: true });
    }

    // 120 + 17 = 137 places in 2026: the overall limit is raised to them, and says so
    expect(await read(overall)).toEqual({
      limit: 137,
      approved: 137,
      note: 'Omsk 2026 (limit raised from 120 to 137 when every matching allocation became a ceiling: that many places were already approved under it)',
      version: before.version + 1,
    });
    expect(await read(masonsUz)).toMatchObject({ limit: 30, approved: 17, note: null });
    expect(await read(masons)).toMatchObject({ limit: 200, approved: 17 });
    expect(await read(tj)).toMatchObject({ limit: 50, approved: 0, version: 1 });
    expect(await read(overall2027)).toMatchObject({ limit: 10, approved: 0, version: 1 });
  });
});
