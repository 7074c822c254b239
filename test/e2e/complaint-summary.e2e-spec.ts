import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { CATEGORIES, FINDINGS, SEVERITIES, STATUSES } from '../../src/complaints/complaint.rules';
import { ComplaintsService } from '../../src/complaints/complaints.service';
import { AGAINST } from '../../src/complaints/dto/complaint.dto';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { percentileCont } from '../support/percentile';
import { createAgency, createEmployer, createRoleUsers, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

/** What the test made, from which it computes every expected figure itself. */
interface Made {
  employerId: string | null;
  agencyId: string | null;
  citizenship: string | null;
  category: string;
  severity: string;
  against: string;
  status: string;
  finding: string | null;
  receivedAt: Date;
  triageHours: number | null;
  closureDays: number | null;
}
type Cell = number | '<5' | null;
interface Row {
  groupKey: string | null;
  total: Cell;
  medianTriageHours: number | null;
  medianClosureDays: number | null;
  [breakdown: string]: unknown;
}

const BREAKDOWNS: Record<string, { values: readonly string[]; of: (m: Made) => string | null }> = {
  byCategory: { values: CATEGORIES, of: (m) => m.category },
  bySeverity: { values: SEVERITIES, of: (m) => m.severity },
  byAgainst: { values: AGAINST, of: (m) => m.against },
  byStatus: { values: STATUSES, of: (m) => m.status },
  byFinding: { values: FINDINGS, of: (m) => (m.status === 'RESOLVED' ? m.finding : null) },
};
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const cells = (row: Row, b: string) => Object.fromEntries((row[b] as { key: string; count: Cell }[]).map((c) => [c.key, c.count]));

describe('complaint summary report', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  const made: Made[] = [];
  const employers: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  let agency: string;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const get = (query: string, role = Role.STAFF) => request(t.http).get(`/api/v1/reports/complaint-summary?${query}`).set(as(role));

  async function complaint(o: {
    employer?: 'A' | 'B' | 'C';
    agencyId?: string;
    citizenship?: string;
    category: string;
    against: string;
    receivedAt: string;
    status?: string;
    finding?: string;
    triageHours?: number;
    closureDays?: number;
    confidential?: boolean;
  }) {
    const worker = o.citizenship ? await createWorker(t, { citizenship: o.citizenship }) : null;
    const employerId = o.employer ? employers[o.employer] : null;
    const c = await t.app.get(ComplaintsService).create(systemActor(), {
      category: o.category as never,
      against: o.against as never,
      channel: 'IN_PERSON',
      narrative: 'A narrative long enough for the intake to accept it.',
      workerId: worker?.id,
      employerId: employerId ?? undefined,
      partnerAgencyId: o.agencyId,
      confidential: o.confidential,
      receivedAt: o.receivedAt,
    });
    const receivedAt = new Date(o.receivedAt);
    const status = o.status ?? 'RECEIVED';
    const triagedAt = o.triageHours === undefined ? null : new Date(receivedAt.getTime() + o.triageHours * 3_600_000);
    const closedAt = o.closureDays === undefined ? null : new Date(receivedAt.getTime() + o.closureDays * 86_400_000);
    // the status history is the complaints suite's business: here only the figures a report reads
    await prisma.complaint.update({ where: { id: c.id }, data: { status: status as never, finding: (o.finding ?? null) as never, triagedAt, closedAt } });
    made.push({
      employerId,
      agencyId: o.agencyId ?? null,
      citizenship: o.citizenship ?? null,
      category: o.category,
      severity: c.severity!,
      against: o.against,
      status,
      finding: o.finding ?? null,
      receivedAt,
      triageHours: o.triageHours ?? null,
      closureDays: o.closureDays ?? null,
    });
  }

  /** The expected figures of `ms`, computed here from what was made. */
  function expected(ms: Made[]) {
    const counts: Record<string, Record<string, number>> = {};
    for (const [b, { values, of }] of Object.entries(BREAKDOWNS)) counts[b] = Object.fromEntries(values.map((v) => [v, ms.filter((m) => of(m) === v).length]));
    const triage = ms.flatMap((m) => (m.triageHours === null ? [] : [m.triageHours]));
    const closure = ms.flatMap((m) => (m.closureDays === null ? [] : [m.closureDays]));
    return {
      total: ms.length,
      counts,
      triage,
      closure,
      medianTriageHours: round1(percentileCont(triage, 0.5)),
      medianClosureDays: round1(percentileCont(closure, 0.5)),
    };
  }
  const in2026 = () => made.filter((m) => m.receivedAt >= new Date('2025-12-31T18:00:00Z') && m.receivedAt < new Date('2026-12-31T18:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    employers.A = (await createEmployer(t, 'ООО Альфа-Строй')).id;
    employers.B = (await createEmployer(t, 'ООО Бета')).id;
    employers.C = (await createEmployer(t, 'АО Гамма')).id;
    agency = (await createAgency(t, 'Agency Samarkand')).id;
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2027-06-01T00:00:00Z'));

    // employer A: 5 about housing (a cell of 5 is shown)
    for (let i = 0; i < 5; i++) {
      const closedOnes = i < 3;
      await complaint({
        employer: 'A',
        citizenship: 'UZ',
        category: 'HOUSING',
        against: 'EMPLOYER',
        receivedAt: `2026-03-0${i + 1}T06:00:00Z`,
        status: closedOnes ? (i === 2 ? 'DISMISSED' : 'RESOLVED') : 'TRIAGED',
        finding: closedOnes && i < 2 ? 'SUBSTANTIATED' : undefined,
        triageHours: 10 + i * 6,
        closureDays: closedOnes ? 20 + i : undefined,
      });
    }
    // employer B: 3 unpaid wages, one confidential (a cell of 3 is `<5`)
    for (let i = 0; i < 3; i++) {
      await complaint({
        employer: 'B',
        citizenship: 'KG',
        category: 'UNPAID_WAGES',
        against: 'EMPLOYER',
        receivedAt: `2026-04-1${i}T06:00:00Z`,
        confidential: i === 0,
      });
    }
    // employer C: 6, of two categories, two also against the partner agency that recruited for it
    for (let i = 0; i < 6; i++) {
      await complaint({
        employer: 'C',
        agencyId: i < 2 ? agency : undefined,
        citizenship: 'KG',
        category: i < 4 ? 'WAGE_BELOW_AGREED' : 'UNSAFE_CONDITIONS',
        against: 'EMPLOYER',
        receivedAt: `2026-05-1${i}T06:00:00Z`,
        status: i < 5 ? 'INVESTIGATING' : 'RESOLVED',
        finding: i < 5 ? undefined : 'INCONCLUSIVE',
        triageHours: 48 + i,
        closureDays: i < 5 ? undefined : 40,
      });
    }
    // no employer: complaints about officials, two anonymous; one received at 01:00 on 1 January in Omsk (19:00 UTC the day before)
    await complaint({ category: 'OFFICIAL_MISCONDUCT', against: 'OFFICIAL', receivedAt: '2025-12-31T19:00:00Z', triageHours: 5 });
    await complaint({ category: 'OFFICIAL_MISCONDUCT', against: 'OFFICIAL', receivedAt: '2026-06-01T06:00:00Z' });
    await complaint({
      citizenship: 'TJ',
      category: 'VIOLENCE_OR_THREATS',
      against: 'OFFICIAL',
      receivedAt: '2026-07-01T06:00:00Z',
      status: 'DISMISSED',
      triageHours: 2,
      closureDays: 3,
    });
    await complaint({ citizenship: 'TJ', category: 'OTHER', against: 'OTHER', receivedAt: '2026-08-01T06:00:00Z' });
    // not of 2026: 23:00 on 31 December 2025 in Omsk; and one of 2027
    await complaint({ employer: 'A', citizenship: 'UZ', category: 'HOUSING', against: 'EMPLOYER', receivedAt: '2025-12-31T17:00:00Z' });
    await complaint({ employer: 'B', citizenship: 'KG', category: 'HOUSING', against: 'EMPLOYER', receivedAt: '2027-01-05T06:00:00Z' });
    jest.restoreAllMocks();
  }, 180_000);
  afterAll(() => t?.close());

  /** A published count against the true one: a number only when 0 or 5 and more, `<5` for 1 to 4, null (withheld) for 0 or 5 and more. */
  function expectShown(shown: Cell, actual: number) {
    if (typeof shown === 'number') {
      expect(shown).toBe(actual);
      expect(shown >= 1 && shown <= 4).toBe(false);
    } else if (shown === '<5') expect(actual >= 1 && actual <= 4).toBe(true);
    else expect(actual === 0 || actual >= 5).toBe(true);
  }

  /** Every figure of a row (or `overall`) against the complaints it counts, computed here. */
  function expectFigures(row: Row, ms: Made[]) {
    const e = expected(ms);
    expectShown(row.total, e.total);
    for (const b of Object.keys(BREAKDOWNS)) {
      expect(Object.keys(cells(row, b))).toEqual([...BREAKDOWNS[b].values]);
      for (const [k, shown] of Object.entries(cells(row, b))) expectShown(shown, e.counts[b][k]);
    }
    expect(row.medianTriageHours).toBe(e.triage.length >= 5 ? e.medianTriageHours : null);
    expect(row.medianClosureDays).toBe(e.closure.length >= 5 ? e.medianClosureDays : null);
  }

  /** No published sum has exactly one hidden member: within a row, and down each column to `overall`. */
  function expectNothingGivenBack(body: { overall: Row; rows: Row[] }) {
    const hidden = (xs: Cell[]) => xs.filter((x) => typeof x !== 'number').length;
    for (const row of [body.overall, ...body.rows]) {
      for (const b of Object.keys(BREAKDOWNS)) {
        const whole = b === 'byFinding' ? cells(row, 'byStatus').RESOLVED : row.total;
        expect(hidden([whole, ...Object.values(cells(row, b))])).not.toBe(1);
      }
    }
    if (!body.rows.length) return;
    for (const b of Object.keys(BREAKDOWNS)) {
      for (const v of BREAKDOWNS[b].values) expect(hidden([cells(body.overall, b)[v], ...body.rows.map((r) => cells(r, b)[v])])).not.toBe(1);
    }
    expect(hidden([body.overall.total, ...body.rows.map((r) => r.total)])).not.toBe(1);
  }

  it('counts every complaint of the year (confidential ones too) by category, severity, against-type, status and finding, with median times', async () => {
    const res = await get('year=2026').expect(200);
    expect(res.body).toMatchObject({ year: 2026, from: '2026-01-01', to: '2026-12-31', groupBy: null, rows: [] });
    expect(res.body.overall.total).toBe(18);
    expectFigures(res.body.overall, in2026());
    expect(cells(res.body.overall, 'byCategory').HOUSING).toBe(5); // a cell of 5 is its number
    expect(cells(res.body.overall, 'byCategory').UNPAID_WAGES).toBe('<5'); // a cell of 3 is not
    expect(res.body.overall.medianTriageHours).not.toBeNull();
    expectNothingGivenBack(res.body);
  });

  it('a period by from and to (days in the Centre’s time zone, inclusive)', async () => {
    const res = await get('from=2026-01-01&to=2026-04-10').expect(200);
    expect(res.body).toMatchObject({ year: null, from: '2026-01-01', to: '2026-04-10' });
    // to 2026-04-10 23:59 in Omsk = 2026-04-10T18:00Z
    expectFigures(
      res.body.overall,
      made.filter((m) => m.receivedAt >= new Date('2025-12-31T18:00:00Z') && m.receivedAt < new Date('2026-04-10T18:00:00Z')),
    );
    expect(res.body.overall.total).toBe(7);
    expectNothingGivenBack(res.body);
  });

  it('by employer: a cell of 1 to 4 is `<5`, a cell of 5 its number, and no published sum gives a hidden cell back', async () => {
    const res = await get('year=2026&groupBy=employer').expect(200);
    expect(res.body).toMatchObject({ groupBy: 'employer' });
    const rows: Row[] = res.body.rows;
    const ms = in2026();
    expect(rows.map((r) => r.groupKey).sort()).toEqual([employers.A, employers.B, employers.C, null].sort());
    const byKey = Object.fromEntries(rows.map((r) => [String(r.groupKey), r]));
    const A = byKey[employers.A];
    const B = byKey[employers.B];
    expect(A.groupLabel).toBe('ООО Альфа-Строй');
    expect(cells(A, 'byCategory').HOUSING).toBe(5);
    expect(A.total).toBe(5);
    expect(A.medianTriageHours).toBe(expected(ms.filter((m) => m.employerId === employers.A)).medianTriageHours);
    expect(B.total).toBe('<5');
    expect(cells(B, 'byCategory').UNPAID_WAGES).toBe('<5');
    expect(B.medianTriageHours).toBeNull();
    for (const row of rows)
      expectFigures(
        row,
        ms.filter((m) => m.employerId === row.groupKey),
      );
    expectFigures(res.body.overall, ms);
    expectNothingGivenBack(res.body);
    // the overall figures read the same whatever the grouping
    expect(res.body.overall).toEqual((await get('year=2026').expect(200)).body.overall);
  });

  it('by partner agency (the one complained about) and by intermediary', async () => {
    const res = await get('year=2026&groupBy=partnerAgency').expect(200);
    const row = (res.body.rows as Row[]).find((r) => r.groupKey === agency)!;
    expect(row).toMatchObject({ groupLabel: 'Agency Samarkand', total: '<5' });
    expect(cells(row, 'byCategory').WAGE_BELOW_AGREED).toBe('<5');
    for (const r of res.body.rows as Row[])
      expectFigures(
        r,
        in2026().filter((m) => m.agencyId === r.groupKey),
      );
    expectNothingGivenBack(res.body);
    const byIntermediary = await get('year=2026&groupBy=intermediary').expect(200);
    expect((byIntermediary.body.rows as Row[]).map((r) => r.groupKey)).toEqual([null]);
    expect(byIntermediary.body.rows[0].total).toBe(18);
  });

  it('by citizenship, anonymous complaints in the null group; small cells suppressed there too', async () => {
    const res = await get('year=2026&groupBy=citizenship').expect(200);
    const ms = in2026();
    for (const row of res.body.rows as Row[])
      expectFigures(
        row,
        ms.filter((m) => m.citizenship === row.groupKey),
      );
    const keys = (res.body.rows as Row[]).map((r) => r.groupKey);
    expect(keys).toEqual(expect.arrayContaining(['UZ', 'KG', 'TJ', null]));
    const kg = (res.body.rows as Row[]).find((r) => r.groupKey === 'KG')!;
    expect(kg.total).toBe(9);
    expect(cells(kg, 'byCategory').UNPAID_WAGES).toBe('<5');
    expectNothingGivenBack(res.body);
  });

  it.each([
    ['an unknown groupBy', 'year=2026&groupBy=occupation', 'groupBy'],
    ['a year before 2000', 'year=1999', 'year'],
    ['a year after 2100', 'year=2101', 'year'],
    ['a year that is no number', 'year=twenty', 'year'],
    ['no period', 'groupBy=employer', 'year'],
    ['from after to', 'from=2026-05-01&to=2026-04-01', 'from'],
    ['from without to', 'from=2026-05-01', 'to'],
    ['to without from', 'to=2026-05-01', 'from'],
    ['a date that does not exist', 'from=2026-02-30&to=2026-03-01', 'from'],
    ['a malformed date', 'from=2026-1-1&to=2026-03-01', 'from'],
    ['a year and a period', 'year=2026&from=2026-01-01&to=2026-03-01', 'from'],
  ])('%s is 400 naming the parameter', async (_, query, field) => {
    const res = await get(query).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    [Role.ADMIN, 200],
    [Role.STAFF, 200],
    [Role.LIAISON, 403],
    [Role.EMPLOYER, 403],
  ])('%s → %i', async (role, status) => {
    await get('year=2026&groupBy=employer', role).expect(status);
  });

  it('without a token → 401', async () => {
    await request(t.http).get('/api/v1/reports/complaint-summary?year=2026').expect(401);
  });
});
