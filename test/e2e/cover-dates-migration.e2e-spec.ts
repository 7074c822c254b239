import { Client } from 'pg';
import { AuthorizationDocument, coverDates } from '../../src/workers/work-authorization.rules';
import { databaseBefore } from '../support/database';

/** The cover dates filled in for the dossiers already there: what coverDates() says of their papers. */
describe('migration *_worker_cover_dates on dossiers recorded before it', () => {
  let before: Awaited<ReturnType<typeof databaseBefore>>;
  let db: Client;

  beforeAll(async () => {
    before = await databaseBefore('_worker_cover_dates');
    db = before.client;
  });
  afterAll(() => before?.drop());

  type Paper = { type: string; status?: string; expiresOn: string | null; paidUntil?: string | null };
  const DOSSIERS: Paper[][] = [
    [],
    [{ type: 'PASSPORT', expiresOn: '2030-01-01' }],
    [{ type: 'PATENT', expiresOn: '2026-12-31' }],
    [{ type: 'PATENT', expiresOn: '2026-12-31', paidUntil: '2026-04-30' }],
    [{ type: 'PATENT', expiresOn: '2026-03-20', paidUntil: '2026-12-31' }],
    [{ type: 'PATENT', expiresOn: null, paidUntil: '2026-05-01' }],
    [{ type: 'PATENT', expiresOn: null }],
    [
      { type: 'PATENT', status: 'SUPERSEDED', expiresOn: '2028-01-01' },
      { type: 'PATENT', expiresOn: '2026-06-01', paidUntil: '2026-04-01' },
    ],
    [{ type: 'PATENT', status: 'REVOKED', expiresOn: '2028-01-01' }],
    [{ type: 'WORK_PERMIT', expiresOn: '2027-01-31', paidUntil: '2026-01-01' }],
    [
      { type: 'WORK_PERMIT', expiresOn: '2027-01-31' },
      { type: 'PATENT', expiresOn: '2026-09-09', paidUntil: null },
    ],
  ];

  it('fills patent_valid_until and work_permit_valid_until as coverDates() does', async () => {
    const ids: string[] = [];
    for (const [i, papers] of DOSSIERS.entries()) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO workers (id, case_number, last_name_cyr, first_name_cyr, last_name_lat, first_name_lat, search_text, birth_date, sex, citizenship,
                              languages, occupations, recruitment_channel, status, updated_at)
         VALUES (gen_random_uuid(), $1, 'Каримов', 'Фаррух', 'KARIMOV', 'FARRUKH', 'karimov farrukh', '1990-01-01', 'MALE', 'UZ',
                 '{}', '{}', 'WALK_IN', 'ARRIVED', now()) RETURNING id`,
        [`OMS-2026-${String(990000 + i)}`],
      );
      ids.push(rows[0].id);
      for (const p of papers) {
        await db.query(
          `INSERT INTO worker_documents (id, worker_id, type, status, issued_on, expires_on, paid_until, updated_at)
           VALUES (gen_random_uuid(), $1, $2::"DocumentType", $3::"DocumentStatus", '2025-06-01', $4::date, $5::date, now())`,
          [rows[0].id, p.type, p.status ?? 'VALID', p.expiresOn, p.paidUntil ?? null],
        );
      }
    }
    expect(await before.apply()).toEqual([before.migration]);

    const { rows } = await db.query<{ id: string; patent: string | null; permit: string | null }>(
      `SELECT id, patent_valid_until::text AS patent, work_permit_valid_until::text AS permit FROM workers WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    const stored = new Map(rows.map((r) => [r.id, { PATENT: r.patent, WORK_PERMIT: r.permit }]));
    const expected = DOSSIERS.map((papers) =>
      coverDates(
        papers.map((p): AuthorizationDocument => ({
          type: p.type,
          status: p.status ?? 'VALID',
          issuedOn: '2025-06-01',
          expiresOn: p.expiresOn,
          paidUntil: p.paidUntil ?? null,
        })),
      ),
    );
    expect(ids.map((id) => stored.get(id))).toEqual(expected);
    expect(expected.filter((c) => c.PATENT !== null || c.WORK_PERMIT !== null).length).toBeGreaterThan(5);
  });
});
