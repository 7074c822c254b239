import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import { EmployersService } from '../../src/employers/employers.service';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { LabourRequestsService } from '../../src/labour-requests/labour-requests.service';
import { QuotaAllocationsService } from '../../src/labour-requests/quota-allocations.service';
import { ContractNotificationsService } from '../../src/placements/contract-notifications.service';
import { PlacementsService } from '../../src/placements/placements.service';
import { floorRub } from '../../src/reference/reference.rules';
import { ReferenceService } from '../../src/reference/reference.service';
import { EMPLOYER_DEADLINE_KINDS, gapPercent, onTimeRate, percentOf } from '../../src/reports/reports.rules';
import { percentileCont } from '../support/percentile';
import { createApprovedRequest, createDraftRequest, createSubmittedRequest, employerActor } from '../factories/labour-requests';
import { createAgency, createRoleUsers, systemActor, validInn } from '../factories/users';
import { readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const YEAR = 2026;

/** What the test made, from which it computes every expected figure itself. */
interface MadePlacement {
  id: string;
  status: 'ACTIVE' | 'ENDED';
  endedEarly: boolean;
  wage: number;
  citizenship: string;
  agencyId: string | null;
}
interface MadeRequest {
  employerId: string;
  sector: string;
  occupation: string;
  /** the only preferred citizenship, else null */
  citizenship: string | null;
  requested: number;
  held: number;
  placements: MadePlacement[];
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => Object.fromEntries(rows.map((r) => [String(r[key]), r]));

describe('reports', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const get = (path: string, role = Role.STAFF) => request(t.http).get(`/api/v1/reports/${path}`).set(as(role));

  const made: MadeRequest[] = [];
  const allocations: Record<string, { id: string; occupationCode: string | null; citizenship: string | null; limit: number }> = {};
  const employers: Record<string, { id: string; name: string; sector: string }> = {};
  let agency: { id: string; name: string };

  async function employer(name: string, sector: 'CONSTRUCTION' | 'AGRICULTURE') {
    const e = await t.app.get(EmployersService).create(systemActor(), { name, inn: validInn(), sector, okved: '41.20' });
    employers[name] = { id: e.id, name, sector };
    return employers[name];
  }

  async function allocation(name: string, occupationCode: string | null, citizenship: string | null, limit: number) {
    const a = await t.app.get(QuotaAllocationsService).create(systemActor(), { year: YEAR, occupationCode, citizenship, limit });
    allocations[name] = { id: a.id, occupationCode, citizenship, limit };
  }

  /** Places a worker (of `citizenship`, from `agencyId` if given) under the request, ending it on `endDate` if given. */
  async function place(
    r: { id: string; periodEnd: string },
    m: MadeRequest,
    o: { citizenship: string; wage: number; startDate: string; endDate?: string; agencyId?: string },
  ) {
    const patent = o.citizenship === 'KG' ? undefined : { issuedOn: '2026-01-10', expiresOn: '2026-12-31' };
    const w = await readyWorker(t, o.citizenship, patent);
    // the recruiting agency is the record's own field; the factories make walk-ins
    if (o.agencyId) await prisma.worker.update({ where: { id: w.id }, data: { partnerAgencyId: o.agencyId } });
    const p = await t.app
      .get(PlacementsService)
      .create(systemActor(), { labourRequestId: r.id, workerId: w.id, startDate: o.startDate, monthlyWageRub: o.wage });
    if (o.endDate) await t.app.get(PlacementsService).end(systemActor(), p.id, { endDate: o.endDate, reason: 'the contract ended' });
    m.placements.push({
      id: p.id,
      status: o.endDate ? 'ENDED' : 'ACTIVE',
      endedEarly: o.endDate !== undefined && o.endDate < r.periodEnd,
      wage: o.wage,
      citizenship: o.citizenship,
      agencyId: o.agencyId ?? null,
    });
    return p;
  }

  const track = (employerName: string, occupation: string, citizenship: string | null, requested: number, held: number): MadeRequest => {
    const e = employers[employerName];
    const m = { employerId: e.id, sector: e.sector, occupation, citizenship, requested, held, placements: [] };
    made.push(m);
    return m;
  };

  const placements: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    expect(await prisma.labourRequest.count()).toBe(0);
    agency = await createAgency(t, 'Агентство Самарканд');

    const builder = await employer('ООО Омскстрой', 'CONSTRUCTION');
    const farm = await employer('КФХ Иртыш', 'AGRICULTURE');
    await allocation('overall', null, null, 100);
    await allocation('mason', '7112', null, 30);
    await allocation('uz', null, 'UZ', 40);
    await allocation('mason-kg', '7112', 'KG', 10);

    // R1: masons from KG, 5 asked, 4 approved; three placed, one ended early at the floor wage
    const r1 = await createApprovedRequest(t, builder.id, { occupationCode: '7112', preferredCitizenships: ['KG'], workersRequested: 5, approvedCount: 4 });
    const m1 = track(builder.name, '7112', 'KG', 5, 4);
    placements.p1 = (await place(r1, m1, { citizenship: 'KG', wage: 60_000, startDate: '2026-05-04' })).id;
    const floor = floorRub(27_093, 1.15);
    placements.p2 = (await place(r1, m1, { citizenship: 'KG', wage: floor, startDate: '2026-05-04', endDate: '2026-08-31' })).id;
    placements.p3 = (await place(r1, m1, { citizenship: 'KG', wage: 70_000, startDate: '2026-06-01', agencyId: agency.id })).id;

    // R2: welders from UZ, all 3 approved; one placed, ended on the last day of the period (not early)
    const r2 = await createApprovedRequest(t, builder.id, { occupationCode: '7212', preferredCitizenships: ['UZ'], workersRequested: 3 });
    const m2 = track(builder.name, '7212', 'UZ', 3, 3);
    placements.p4 = (await place(r2, m2, { citizenship: 'UZ', wage: 65_000, startDate: '2026-05-04', endDate: '2026-11-30', agencyId: agency.id })).id;

    // R3: approved for 2, then withdrawn by the employer: its places go back
    const r3 = await createApprovedRequest(t, farm.id, { occupationCode: '7112', preferredCitizenships: ['UZ'], workersRequested: 6, approvedCount: 2 });
    await t.app.get(LabourRequestsService).withdraw(employerActor(farm.id), r3.id);
    track(farm.name, '7112', 'UZ', 6, 0);

    // R4: loaders of either of two citizenships (counted under any citizenship)
    const r4 = await createApprovedRequest(t, farm.id, { occupationCode: '9333', preferredCitizenships: ['TJ', 'KG'], workersRequested: 4 });
    const m4 = track(farm.name, '9333', null, 4, 4);
    placements.p5 = (await place(r4, m4, { citizenship: 'KG', wage: 45_000, startDate: '2026-07-01' })).id;

    // R5 submitted, not decided; a draft and a request of another year count nowhere in 2026
    await createSubmittedRequest(t, builder.id, { occupationCode: '7112', preferredCitizenships: ['UZ'], workersRequested: 2 });
    track(builder.name, '7112', 'UZ', 2, 0);
    await createDraftRequest(t, builder.id, { occupationCode: '7112', preferredCitizenships: ['UZ'], workersRequested: 7 });
    await createSubmittedRequest(t, farm.id, {
      occupationCode: '7112',
      preferredCitizenships: ['UZ'],
      workersRequested: 9,
      periodStart: '2025-04-01',
      periodEnd: '2025-10-31',
    });
  });
  afterAll(() => t?.close());

  /** The expected quota figures of the requests `rs`, computed from what was made. */
  const figures = (rs: MadeRequest[], limit: number | null) => {
    const started = rs.flatMap((r) => r.placements);
    const approved = sum(rs.map((r) => r.held));
    return {
      limit,
      requested: sum(rs.map((r) => r.requested)),
      approved,
      placed: started.length,
      endedEarly: started.filter((p) => p.endedEarly).length,
      remaining: limit === null ? null : Math.max(0, limit - approved),
      usePercent: percentOf(approved, limit),
    };
  };
  const covers = (a: { occupationCode: string | null; citizenship: string | null }) => (r: MadeRequest) =>
    (a.occupationCode === null || a.occupationCode === r.occupation) && (a.citizenship === null || a.citizenship === r.citizenship);
  const limitOf = (occupationCode: string | null, citizenship: string | null) =>
    Object.values(allocations).find((a) => a.occupationCode === occupationCode && a.citizenship === citizenship)?.limit ?? null;

  describe('GET /reports/quota-summary', () => {
    /** The year's overall allocation with every place held that year, whatever the grouping. */
    const expectedOverall = () => {
      const approvedAll = sum(made.map((r) => r.held));
      return { allocationId: allocations.overall.id, limit: 100, approved: approvedAll, remaining: 100 - approvedAll, usePercent: percentOf(approvedAll, 100) };
    };

    it('per allocation: each counts the requests it covers; overall counts every place of the year; totals sum the rows', async () => {
      const res = await get(`quota-summary?year=${YEAR}`).expect(200);
      const specific = Object.values(allocations).filter((a) => a.occupationCode !== null || a.citizenship !== null);
      const expected = specific.map((a) => ({
        allocationId: a.id,
        occupationCode: a.occupationCode,
        citizenship: a.citizenship,
        groupKey: null,
        groupLabel: null,
        ...figures(made.filter(covers(a)), a.limit),
      }));
      expect(res.body.rows).toHaveLength(expected.length);
      expect(res.body.rows).toEqual(expect.arrayContaining(expected));
      const approvedAll = sum(made.map((r) => r.held));
      expect(res.body.overall).toEqual({
        allocationId: allocations.overall.id,
        limit: 100,
        approved: approvedAll,
        remaining: 100 - approvedAll,
        usePercent: percentOf(approvedAll, 100),
      });
      const totalLimit = sum(specific.map((a) => a.limit));
      const totalApproved = sum(expected.map((r) => r.approved));
      expect(res.body).toMatchObject({ year: YEAR, groupBy: null });
      expect(res.body.totals).toEqual({
        limit: totalLimit,
        requested: sum(expected.map((r) => r.requested)),
        approved: totalApproved,
        placed: sum(expected.map((r) => r.placed)),
        endedEarly: sum(expected.map((r) => r.endedEarly)),
        remaining: Math.max(0, totalLimit - totalApproved),
        usePercent: percentOf(totalApproved, totalLimit),
      });
      // the figures are not trivially zero
      expect(res.body.totals.placed).toBeGreaterThan(0);
      expect(res.body.totals.endedEarly).toBeGreaterThan(0);
    });

    const groupings: [string, (r: MadeRequest) => string | null, (key: string | null) => number | null][] = [
      ['occupation', (r) => r.occupation, (k) => limitOf(k, null)],
      ['citizenship', (r) => r.citizenship, (k) => (k === null ? null : limitOf(null, k))],
      ['employer', (r) => r.employerId, () => null],
      ['sector', (r) => r.sector, () => null],
    ];

    it.each(groupings)('per %s: every group of requests with its figures', async (groupBy, keyOf, limitFor) => {
      const res = await get(`quota-summary?year=${YEAR}&groupBy=${groupBy}`).expect(200);
      const keys = [...new Set(made.map(keyOf))];
      expect(res.body.rows).toHaveLength(keys.length);
      const rows = byKey(res.body.rows, 'groupKey');
      for (const key of keys)
        expect(rows[String(key)]).toMatchObject({
          groupKey: key,
          allocationId: null,
          ...figures(
            made.filter((r) => keyOf(r) === key),
            limitFor(key),
          ),
        });
      expect(res.body.totals).toMatchObject({
        requested: sum(made.map((r) => r.requested)),
        approved: sum(made.map((r) => r.held)),
        placed: sum(made.map((r) => r.placements.length)),
      });
      if (groupBy === 'employer') expect(rows[employers['КФХ Иртыш'].id].groupLabel).toBe('КФХ Иртыш');
      if (groupBy === 'occupation') expect(rows['7112']).toMatchObject({ groupLabel: 'Каменщик', occupationCode: '7112' });
      expect(res.body.overall).toEqual(expectedOverall());
    });

    it('per partner agency: placements only, by the agency that recruited the worker', async () => {
      const res = await get(`quota-summary?year=${YEAR}&groupBy=partnerAgency`).expect(200);
      const all = made.flatMap((r) => r.placements);
      const keys = [...new Set(all.map((p) => p.agencyId))];
      expect(res.body.rows).toHaveLength(keys.length);
      const rows = byKey(res.body.rows, 'groupKey');
      for (const key of keys) {
        const of = all.filter((p) => p.agencyId === key);
        expect(rows[String(key)]).toMatchObject({
          limit: null,
          requested: null,
          approved: null,
          placed: of.length,
          endedEarly: of.filter((p) => p.endedEarly).length,
        });
      }
      expect(rows[agency.id].groupLabel).toBe('Агентство Самарканд');
      expect(res.body.overall).toEqual(expectedOverall());
    });

    it('a year with nothing: no rows, an overall of nothing', async () => {
      const res = await get('quota-summary?year=2040').expect(200);
      expect(res.body).toEqual({
        year: 2040,
        asOf: null,
        groupBy: null,
        rows: [],
        overall: { allocationId: null, limit: null, approved: 0, remaining: null, usePercent: null },
        totals: { limit: null, requested: null, approved: null, placed: 0, endedEarly: 0, remaining: null, usePercent: null },
      });
    });

    it.each(['occupation', 'employer', 'partnerAgency'])('a year with nothing per %s: no rows, an overall of nothing', async (groupBy) => {
      const res = await get(`quota-summary?year=2040&groupBy=${groupBy}`).expect(200);
      expect(res.body).toMatchObject({ groupBy, rows: [], overall: { allocationId: null, limit: null, approved: 0, remaining: null, usePercent: null } });
    });
  });

  describe('GET /reports/wage-summary', () => {
    const expectedRows = async (keyOf: (r: MadeRequest, p: MadePlacement) => string, withLocal: boolean) => {
      const floor = floorRub(27_093, 1.15);
      const local = Object.fromEntries((await t.app.get(ReferenceService).localWages({ year: YEAR })).map((w) => [w.occupationCode, w.amountRub]));
      const all = made.flatMap((r) => r.placements.map((p) => ({ key: keyOf(r, p), wage: p.wage, local: local[r.occupation] })));
      return [...new Set(all.map((x) => x.key))].sort().map((key) => {
        const of = all.filter((x) => x.key === key);
        const wages = of.map((x) => x.wage);
        const median = percentileCont(wages, 0.5)!;
        const gap = percentileCont(
          of.map((x) => ((x.wage - x.local) * 100) / x.local),
          0.5,
        )!;
        return {
          key,
          count: of.length,
          medianRub: median,
          p10Rub: Math.round(percentileCont(wages, 0.1)! * 100) / 100,
          p90Rub: Math.round(percentileCont(wages, 0.9)! * 100) / 100,
          floorGapPercent: gapPercent(median, floor),
          localWageRub: withLocal ? of[0].local : null,
          localGapPercent: Math.round(gap * 10) / 10,
          atFloor: wages.filter((w) => w <= floor).length,
          atFloorPercent: percentOf(wages.filter((w) => w <= floor).length, of.length),
        };
      });
    };

    it('per occupation (the default): percentiles, the gap to the floor and the local wage, the share at the floor', async () => {
      const res = await get(`wage-summary?year=${YEAR}`).expect(200);
      expect(res.body).toMatchObject({ year: YEAR, groupBy: 'occupation', floorRub: floorRub(27_093, 1.15) });
      expect(res.body.rows).toEqual((await expectedRows((r) => r.occupation, true)).map((r) => expect.objectContaining(r)));
      expect(res.body.rows.find((r: { key: string }) => r.key === '7112')).toMatchObject({ label: 'Каменщик', atFloor: 1 });
    });

    it('per citizenship of the worker', async () => {
      const res = await get(`wage-summary?year=${YEAR}&groupBy=citizenship`).expect(200);
      expect(res.body.rows).toEqual((await expectedRows((_r, p) => p.citizenship, false)).map((r) => expect.objectContaining(r)));
    });

    it('a year without a wage floor entered: floor figures null', async () => {
      const res = await get('wage-summary?year=2040').expect(200);
      expect(res.body).toEqual({ year: 2040, groupBy: 'occupation', floorRub: null, rows: [] });
    });
  });

  describe('GET /reports/deadline-compliance', () => {
    it('per kind and per employer: due, on time, late, missed, waived, open, as counted from the deadlines of the year', async () => {
      const notices = t.app.get(ContractNotificationsService);
      await notices.record(systemActor(), placements.p1, { kind: 'CONCLUSION', notifiedOn: '2026-05-05' });
      await notices.record(systemActor(), placements.p3, { kind: 'CONCLUSION', notifiedOn: '2026-07-15' });
      const ofP5 = await prisma.deadline.findFirstOrThrow({ where: { kind: 'CONTRACT_NOTIFICATION', sourceId: placements.p5 } });
      await t.app.get(DeadlinesService).patch(systemActor(), ofP5.id, { status: 'WAIVED', reason: 'notified by the previous owner' }, `"${ofP5.version}"`);

      const res = await get(`deadline-compliance?year=${YEAR}`).expect(200);
      const rows = await prisma.deadline.findMany({ where: { dueDate: { gte: new Date('2026-01-01'), lt: new Date('2027-01-01') } } });
      const count = (ds: typeof rows) => {
        const c = {
          due: ds.length,
          onTime: ds.filter((d) => d.status === 'DONE' && d.completedOn !== null && d.completedOn <= d.dueDate).length,
          late: ds.filter((d) => d.status === 'DONE' && (d.completedOn === null || d.completedOn > d.dueDate)).length,
          missed: ds.filter((d) => d.status === 'MISSED').length,
          waived: ds.filter((d) => d.status === 'WAIVED').length,
          open: ds.filter((d) => d.status === 'OPEN').length,
        };
        return { ...c, onTimeRate: onTimeRate(c) };
      };
      const kinds = [...new Set(rows.map((d) => d.kind))].sort();
      expect(res.body.byKind).toEqual(kinds.map((kind) => ({ kind, ...count(rows.filter((d) => d.kind === kind)) })));
      const employerRows = rows.filter((d) => d.employerId !== null && (EMPLOYER_DEADLINE_KINDS as readonly string[]).includes(d.kind));
      const ids = [...new Set(employerRows.map((d) => d.employerId!))];
      expect(res.body.byEmployer).toHaveLength(ids.length);
      const got = byKey(res.body.byEmployer, 'employerId');
      for (const id of ids)
        expect(got[id]).toEqual({
          employerId: id,
          employerName: (await prisma.employer.findUniqueOrThrow({ where: { id } })).name,
          ...count(employerRows.filter((d) => d.employerId === id)),
        });
      expect(res.body.totals).toEqual(count(rows));
      // each outcome is there at least once (notices of placements never notified are past due: MISSED)
      const builder = got[employers['ООО Омскстрой'].id];
      expect(builder).toMatchObject({ onTime: 1, late: 1 });
      expect(builder.missed).toBeGreaterThan(0);
      expect(got[employers['КФХ Иртыш'].id]).toMatchObject({ waived: 1 });
    });
  });

  describe('access and bad input', () => {
    const paths = [`quota-summary?year=${YEAR}`, `wage-summary?year=${YEAR}`, `deadline-compliance?year=${YEAR}`];

    it.each(paths)('%s: ADMIN and STAFF read, LIAISON and EMPLOYER get 403', async (path) => {
      for (const role of [Role.ADMIN, Role.STAFF]) await get(path, role).expect(200);
      for (const role of [Role.LIAISON, Role.EMPLOYER]) expect((await get(path, role).expect(403)).body.code).toBe('FORBIDDEN');
    });

    it.each([
      ['quota-summary?year=2026&groupBy=region', 'groupBy'],
      ['quota-summary?year=1999', 'year'],
      ['quota-summary?year=2101', 'year'],
      ['quota-summary?year=next', 'year'],
      ['quota-summary', 'year'],
      ['wage-summary?year=2026&groupBy=employer', 'groupBy'],
      ['wage-summary?year=1999&groupBy=occupation', 'year'],
      ['deadline-compliance?year=2101', 'year'],
      ['deadline-compliance?year=2026.5', 'year'],
    ])('%s → 400 naming %s', async (path, field) => {
      const res = await get(path).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    });
  });

  describe('the database as the summaries need it (bench/README.md)', () => {
    it("the app's sessions run without JIT compilation", async () => {
      expect(await prisma.$queryRaw`SELECT current_setting('jit') AS jit`).toEqual([{ jit: 'off' }]);
    });

    it('deadlines and placements, read index-only, are vacuumed after 2 % of them changed', async () => {
      const rows = await prisma.$queryRaw<{ relname: string; reloptions: string[] }[]>`
        SELECT relname::text, reloptions FROM pg_class WHERE relname IN ('deadlines', 'placements') AND relkind = 'r' ORDER BY relname`;
      const wanted = ['autovacuum_vacuum_scale_factor=0.02', 'autovacuum_vacuum_insert_scale_factor=0.02'];
      expect(rows.map((r) => r.relname)).toEqual(['deadlines', 'placements']);
      for (const r of rows) expect(r.reloptions).toEqual(expect.arrayContaining(wanted));
    });
  });
});
