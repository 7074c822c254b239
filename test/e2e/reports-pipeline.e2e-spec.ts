import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { EmployersService } from '../../src/employers/employers.service';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { LabourRequestsService } from '../../src/labour-requests/labour-requests.service';
import { QuotaAllocationsService } from '../../src/labour-requests/quota-allocations.service';
import { PlacementsService } from '../../src/placements/placements.service';
import { localDay } from '../../src/deadlines/reminders.rules';
import { percentOf, PIPELINE_STEPS } from '../../src/reports/reports.rules';
import { percentileCont } from '../support/percentile';
import { WorkersService } from '../../src/workers/workers.service';
import { createApprovedRequest, employerActor } from '../factories/labour-requests';
import { createAgency, createRoleUsers, systemActor, validInn } from '../factories/users';
import { createWorker, readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';
import { checkWellFormedXml } from '../support/xml';

/** Noon in Omsk (UTC+6) on `day`: far from either end of the Centre's day. */
const noon = (day: string) => new Date(`${day}T06:00:00Z`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A worker the test walks through the pipeline: the day each step was reached (null: never), and what groups them. */
interface Planned {
  name: string;
  agency: 'bukhara' | 'osh' | null;
  citizenship: 'UZ' | 'KZ' | 'KG';
  /** when the dossier was opened (an instant, for the time-zone edge cases) */
  createdAt: Date;
  /** the day of each step, PIPELINE_STEPS order */
  days: (string | null)[];
  unannounced?: boolean;
  id?: string;
}

/** A plan entering at `entry` (0 candidate, 3 arrived) on `created`, then reaching each next step after `gaps` days. */
function plan(
  name: string,
  agency: Planned['agency'],
  citizenship: Planned['citizenship'],
  created: string,
  entry: 0 | 3,
  gaps: number[],
  extra: Partial<Planned> = {},
): Planned {
  const days: (string | null)[] = PIPELINE_STEPS.map(() => null);
  let day = created;
  days[entry] = day;
  gaps.forEach((g, i) => {
    day = addDays(day, g);
    days[entry + i + 1] = day;
  });
  return { name, agency, citizenship, createdAt: noon(created), days, ...extra };
}

const PLANS: Planned[] = [
  plan('selected only', 'bukhara', 'UZ', '2026-02-01', 0, [5]),
  plan('arrived', 'bukhara', 'UZ', '2026-02-03', 0, [4, 10, 3]),
  plan('arrived unannounced', 'bukhara', 'UZ', '2026-02-05', 0, [6, 8, 2], { unannounced: true }),
  plan('ready from Kazakhstan', 'bukhara', 'KZ', '2026-02-10', 0, [3, 12, 4, 20]),
  plan('candidate only', 'osh', 'KG', '2026-03-01', 0, []),
  plan('placed', 'osh', 'KG', '2026-02-02', 0, [2, 9, 3, 15, 7]),
  plan('in transit', 'osh', 'KG', '2026-02-15', 0, [7, 1]),
  plan('walk-in, ready', null, 'KG', '2026-02-18', 3, [10]),
  // 01:30 on 1 January in Omsk, still 31 December in UTC: in 2026 for the Centre
  { ...plan('new year in Omsk', 'bukhara', 'UZ', '2026-01-01', 0, []), createdAt: new Date('2025-12-31T19:30:00Z') },
  // 23:00 on 31 December in Omsk: in 2025
  { ...plan('old year in Omsk', 'osh', 'KG', '2025-12-31', 0, [1]), createdAt: new Date('2025-12-31T17:00:00Z') },
];

/** The moves up to READY_TO_WORK with the step each belongs to (documents in progress lies between arrived and ready). */
const LIFECYCLE = [
  ['SELECTED', 1],
  ['IN_TRANSIT', 2],
  ['ARRIVED', 3],
  ['DOCUMENTS_IN_PROGRESS', 3.5],
  ['READY_TO_WORK', 4],
] as const;

describe('reports: the recruitment pipeline, as of a day, charts', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let today: string;
  const agencies: Record<string, { id: string; name: string }> = {};
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const get = (path: string, role = Role.STAFF) => request(t.http).get(`/api/v1/reports/${path}`).set(as(role));

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    today = localDay(new Date(), t.config.deadlines.timeZone);
    agencies.bukhara = await createAgency(t, 'Агентство Бухара', 'UZ');
    agencies.osh = await createAgency(t, 'Агентство Ош', 'KG');
    const employer = await t.app
      .get(EmployersService)
      .create(systemActor(), { name: 'ООО Иртышстрой', inn: validInn(), sector: 'CONSTRUCTION', okved: '41.20' });
    const request = await createApprovedRequest(t, employer.id, { occupationCode: '7112', preferredCitizenships: ['KG'], workersRequested: 2 });

    // each worker moved along the lifecycle by the services, then its history dated as planned
    for (const p of PLANS) {
      const agencyId = p.agency ? agencies[p.agency].id : undefined;
      const w = await createWorker(
        t,
        agencyId ? { citizenship: p.citizenship, recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: agencyId } : { citizenship: p.citizenship },
      );
      p.id = w.id;
      const last = p.days.reduce<number>((at, d, i) => (d ? i : at), 0);
      const entry = p.days.findIndex((d) => d !== null);
      for (const [to, index] of LIFECYCLE) {
        if (index > entry && index <= Math.min(last, 4)) await t.app.get(WorkersService).transition(systemActor(), w.id, { to, reason: 'the plan' });
      }
      if (last === 5) await t.app.get(PlacementsService).create(systemActor(), { labourRequestId: request.id, workerId: w.id, startDate: '2026-06-01' });
      if (p.unannounced) await prisma.worker.update({ where: { id: w.id }, data: { unannounced: true } });
      await prisma.$executeRaw`UPDATE workers SET created_at = ${p.createdAt} WHERE id = ${w.id}::uuid`;
      for (const [i, s] of PIPELINE_STEPS.entries()) {
        if (p.days[i])
          await prisma.$executeRaw`UPDATE worker_events SET occurred_at = ${i === entry ? p.createdAt : noon(p.days[i]!)}
                                   WHERE worker_id = ${w.id}::uuid AND to_status = ${s.status}::"WorkerStatus"`;
      }
      await prisma.$executeRaw`UPDATE worker_events SET occurred_at = ${noon(p.days[3] ?? p.days[0]!)}
                               WHERE worker_id = ${w.id}::uuid AND to_status = 'DOCUMENTS_IN_PROGRESS'`;
    }
    // what the plan says the history is, the database says too
    const placed = PLANS.find((p) => p.name === 'placed')!;
    expect((await prisma.worker.findUniqueOrThrow({ where: { id: placed.id } })).status).toBe('EMPLOYED');
    expect(await prisma.workerEvent.count({ where: { workerId: placed.id, toStatus: { not: null } } })).toBe(7);
  });
  afterAll(() => t?.close());

  /** The figures the pipeline should show for `plans`, computed from the plan (as of the end of `asOf` when given). */
  function expected(plans: Planned[], asOf?: string) {
    const known = (d: string | null) => d !== null && (asOf === undefined || d <= asOf);
    const cohort = plans.filter((p) => asOf === undefined || localDay(p.createdAt, 'Asia/Omsk') <= asOf);
    const steps = PIPELINE_STEPS.map(({ step }, i) => {
      const at = cohort.filter((p) => known(p.days[i]));
      if (i === PIPELINE_STEPS.length - 1) return { step, count: at.length, conversionPercent: null, medianDays: null };
      const on = at.filter((p) => known(p.days[i + 1]));
      const gaps = on.map((p) => (Date.parse(p.days[i + 1]!) - Date.parse(p.days[i]!)) / 86_400_000);
      return { step, count: at.length, conversionPercent: percentOf(on.length, at.length), medianDays: percentileCont(gaps, 0.5) };
    });
    return { workers: cohort.length, unannounced: cohort.filter((p) => p.unannounced && known(p.days[3])).length, steps };
  }
  const in2026 = () => PLANS.filter((p) => p.name !== 'old year in Omsk');

  describe('GET /reports/pipeline', () => {
    it('worker_pipeline (kept by triggers) says what the workers and their histories say, after every change the test made', async () => {
      const firstAt = (status: string) => `(SELECT min(e.occurred_at) FROM worker_events e WHERE e.worker_id = w.id AND e.to_status = '${status}')`;
      const columns = ['candidate_at', 'selected_at', 'in_transit_at', 'arrived_at', 'ready_at', 'placed_at'];
      const [{ workers, rows, differing }] = await prisma.$queryRawUnsafe<{ workers: number; rows: number; differing: number }[]>(`
        SELECT (SELECT count(*) FROM workers)::int AS workers, (SELECT count(*) FROM worker_pipeline)::int AS rows,
          (SELECT count(*) FROM workers w JOIN worker_pipeline p ON p.worker_id = w.id
            WHERE (p.entered_at, p.citizenship, p.partner_agency_id, p.unannounced)
                  IS DISTINCT FROM (w.created_at, w.citizenship, w.partner_agency_id, w.unannounced)
              OR ${PIPELINE_STEPS.map((s, i) => `p.${columns[i]} IS DISTINCT FROM ${firstAt(s.status)}`).join(' OR ')})::int AS differing`);
      expect(rows).toBe(workers);
      expect(differing).toBe(0);
    });

    it("totals of a year: each step counted, converted and timed as the workers' own histories say", async () => {
      const res = await get('pipeline?year=2026').expect(200);
      expect(res.body).toEqual({ from: '2026-01-01', to: '2026-12-31', asOf: null, groupBy: null, rows: [], totals: expected(in2026()) });
      // not trivially empty: every step has someone, the medians are real numbers
      expect(res.body.totals.steps.map((s: { count: number }) => s.count).every((c: number) => c > 0)).toBe(true);
      expect(res.body.totals.unannounced).toBe(1);
    });

    it('per partner agency: walk-ins under no agency', async () => {
      const res = await get('pipeline?year=2026&groupBy=partnerAgency').expect(200);
      const keys = [null, agencies.bukhara.id, agencies.osh.id];
      expect(res.body.rows).toHaveLength(keys.length);
      for (const key of keys) {
        const of = in2026().filter((p) => (p.agency ? agencies[p.agency].id : null) === key);
        const name = key === null ? null : Object.values(agencies).find((a) => a.id === key)!.name;
        expect(res.body.rows.find((r: { key: string | null }) => r.key === key)).toEqual({ key, label: name, ...expected(of) });
      }
      expect(res.body.totals).toEqual(expected(in2026()));
    });

    it("per citizenship, labelled with the country's Russian name", async () => {
      const res = await get('pipeline?year=2026&groupBy=citizenship').expect(200);
      const keys = [...new Set(in2026().map((p) => p.citizenship))];
      expect(res.body.rows).toHaveLength(keys.length);
      for (const key of keys) {
        const label = (await prisma.country.findUniqueOrThrow({ where: { code: key } })).nameRu;
        expect(res.body.rows.find((r: { key: string }) => r.key === key)).toEqual({ key, label, ...expected(in2026().filter((p) => p.citizenship === key)) });
      }
    });

    it("from–to: the workers who entered in those days (the Centre's), both ends included", async () => {
      const res = await get('pipeline?from=2026-02-02&to=2026-02-10').expect(200);
      const of = PLANS.filter((p) => p.days.find((d) => d) !== null && p.createdAt >= noon('2026-02-02') && p.createdAt <= noon('2026-02-10'));
      expect(of.length).toBe(4);
      expect(res.body).toMatchObject({ from: '2026-02-02', to: '2026-02-10', totals: expected(of) });
      const newYear = await get('pipeline?from=2026-01-01&to=2026-01-01').expect(200);
      expect(newYear.body.totals.workers).toBe(1);
      const oldYear = await get('pipeline?from=2025-12-31&to=2025-12-31').expect(200);
      expect(oldYear.body.totals.workers).toBe(1);
    });

    it('asOf: what the histories said at the end of that day; before anything, nothing', async () => {
      for (const asOf of ['2026-02-12', '2026-02-20', '2026-03-05']) {
        const res = await get(`pipeline?year=2026&asOf=${asOf}&groupBy=partnerAgency`).expect(200);
        expect(res.body.asOf).toBe(asOf);
        expect(res.body.totals).toEqual(expected(in2026(), asOf));
        const osh = in2026().filter((p) => p.agency === 'osh');
        expect(res.body.rows.find((r: { key: string }) => r.key === agencies.osh.id)).toMatchObject(expected(osh, asOf));
      }
      // before and after the placement's step
      const before = await get('pipeline?year=2026&asOf=2026-03-09').expect(200);
      const after = await get('pipeline?year=2026&asOf=2026-03-10').expect(200);
      expect(before.body.totals.steps[5].count).toBe(0);
      expect(after.body.totals.steps[5].count).toBe(1);
      const nothing = await get('pipeline?year=2026&asOf=2025-12-01').expect(200);
      expect(nothing.body.totals).toEqual(expected([]));
      expect(nothing.body.totals.steps.every((s: { count: number; conversionPercent: unknown }) => s.count === 0 && s.conversionPercent === null)).toBe(true);
    });

    it('a period with nobody: zero counts, no conversions', async () => {
      const res = await get('pipeline?year=2040&groupBy=citizenship').expect(200);
      expect(res.body).toEqual({ from: '2040-01-01', to: '2040-12-31', asOf: null, groupBy: 'citizenship', rows: [], totals: expected([]) });
    });
  });

  describe('asOf on quota-summary', () => {
    let r1: string;
    let r2: string;
    let allocation: { id: string; version: number };

    beforeAll(async () => {
      const quotas = t.app.get(QuotaAllocationsService);
      const created = await quotas.create(systemActor(), { year: 2026, occupationCode: '7212', citizenship: null, limit: 10 });
      await prisma.$executeRaw`UPDATE quota_allocations SET created_at = ${noon('2026-01-10')} WHERE id = ${created.id}::uuid`;
      const farm = await t.app.get(EmployersService).create(systemActor(), { name: 'КФХ Тара', inn: validInn(), sector: 'AGRICULTURE', okved: '41.20' });
      // R1: submitted on 1 April, 2 of 3 approved on 5 April, withdrawn today
      r1 = (await createApprovedRequest(t, farm.id, { occupationCode: '9333', preferredCitizenships: ['KG'], workersRequested: 3, approvedCount: 2 })).id;
      // R2: welders, all 3 approved on 5 April; one placed from 4 May (recorded 1 May), ended early today with 31 August
      r2 = (await createApprovedRequest(t, farm.id, { occupationCode: '7212', preferredCitizenships: ['UZ'], workersRequested: 3 })).id;
      await prisma.$executeRaw`UPDATE labour_requests SET decided_at = ${noon('2026-04-05')} WHERE id IN (${r1}::uuid, ${r2}::uuid)`;
      const w = await readyWorker(t, 'UZ', { issuedOn: '2026-01-10', expiresOn: '2026-12-31' });
      const p = await t.app
        .get(PlacementsService)
        .create(systemActor(), { labourRequestId: r2, workerId: w.id, startDate: '2026-05-04', monthlyWageRub: 65_000 });
      await prisma.$executeRaw`UPDATE placements SET created_at = ${noon('2026-05-01')} WHERE id = ${p.id}::uuid`;
      // the walk-in placed here is not one of the pipeline's plans
      await prisma.$executeRaw`UPDATE workers SET created_at = ${noon('2024-06-01')} WHERE id = ${w.id}::uuid`;
      await t.app.get(LabourRequestsService).withdraw(employerActor(farm.id), r1);
      await t.app.get(PlacementsService).end(systemActor(), p.id, { endDate: '2026-08-31', reason: 'left for home' });
      // the allocation's limit raised today from 10 to 12
      const current = await prisma.quotaAllocation.findUniqueOrThrow({ where: { id: created.id } });
      await quotas.update(systemActor(), created.id, { limit: 12 }, `"${current.version}"`);
      allocation = { id: created.id, version: current.version + 1 };
    });

    const occupationRows = async (asOf?: string) => {
      const res = await get(`quota-summary?year=2026&groupBy=occupation${asOf ? `&asOf=${asOf}` : ''}`).expect(200);
      expect(res.body.asOf).toBe(asOf ?? null);
      return Object.fromEntries(res.body.rows.map((r: { groupKey: string }) => [r.groupKey, r]));
    };

    it('before the submission nothing counts; submitted but undecided: requested, nothing approved', async () => {
      const march = await occupationRows('2026-03-31');
      expect(march['9333']).toBeUndefined();
      expect(march['7212']).toBeUndefined();
      const april = await occupationRows('2026-04-02');
      expect(april['9333']).toMatchObject({ requested: 3, approved: 0, placed: 0 });
      expect(april['7212']).toMatchObject({ requested: 3, approved: 0, placed: 0, limit: 10 });
    });

    it('a request approved then withdrawn: held before the withdrawal, released after it', async () => {
      const june = await occupationRows('2026-06-01');
      expect(june['9333']).toMatchObject({ requested: 3, approved: 2 });
      const now = await occupationRows(today);
      expect(now['9333']).toMatchObject({ requested: 3, approved: 0 });
      expect(await occupationRows()).toEqual(now);
    });

    it('a placement ended early: started from its start day, ended early only once the end was recorded', async () => {
      expect((await occupationRows('2026-05-03'))['7212']).toMatchObject({ approved: 3, placed: 0, endedEarly: 0 });
      expect((await occupationRows('2026-06-01'))['7212']).toMatchObject({ approved: 3, placed: 1, endedEarly: 0 });
      // on 15 September the end (dated 31 August) was not yet recorded: a report given then said so
      expect((await occupationRows('2026-09-15'))['7212']).toMatchObject({ placed: 1, endedEarly: 0 });
      expect((await occupationRows(today))['7212']).toMatchObject({ placed: 1, endedEarly: 1 });
    });

    it("per allocation: an allocation's limit as it then was; one created later is not there", async () => {
      const june = (await get('quota-summary?year=2026&asOf=2026-06-01').expect(200)).body;
      expect(june.rows.find((r: { allocationId: string }) => r.allocationId === allocation.id)).toMatchObject({ limit: 10, approved: 3, remaining: 7 });
      // the overall allocation was made (by the factory) today: in June there was none, yet every place held counts
      expect(june.overall).toMatchObject({ allocationId: null, limit: null });
      const now = (await get('quota-summary?year=2026').expect(200)).body;
      expect(now.rows.find((r: { allocationId: string }) => r.allocationId === allocation.id)).toMatchObject({ limit: 12, approved: 3, remaining: 9 });
      expect(now.overall.allocationId).not.toBeNull();
      // June: R1's 2 and R2's 3 (the pipeline's request was decided today); now: R1 released, the pipeline's 2 held
      expect(june.overall.approved).toBe(5);
      expect(now.overall.approved).toBe(0 + 3 + 2);
      expect((await get(`quota-summary?year=2026&asOf=${today}`).expect(200)).body.overall).toEqual(now.overall);
    });
  });

  describe('charts (Accept: image/svg+xml)', () => {
    const svg = async (path: string) => {
      const res = await get(path)
        .set('Accept', 'image/svg+xml')
        .buffer(true)
        .parse((r, done) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (body += c));
          r.on('end', () => done(null, body));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const doc = checkWellFormedXml(res.body as string);
      expect(doc.root).toBe('svg');
      expect(res.body).not.toMatch(/(?:href|src)\s*=\s*"(?!#)|url\((?!#)|@font-face|@import/i);
      return doc.text;
    };

    it('quota-summary: use per allocation as bars against the limit, in Russian', async () => {
      const text = await svg('quota-summary?year=2026');
      for (const word of ['Использование квоты 2026 года', 'Лимит', 'Одобрено', 'Трудоустроено', 'Работников', 'Общий лимит года', '7212'])
        expect(text).toContain(word);
      const grouped = await svg('quota-summary?year=2026&groupBy=employer&asOf=2026-06-01');
      for (const word of ['Работодатель', 'КФХ Тара', 'на конец 2026-06-01']) expect(grouped).toContain(word);
    });

    it('pipeline: a funnel naming every step', async () => {
      const text = await svg('pipeline?year=2026');
      for (const s of PIPELINE_STEPS) expect(text).toContain(s.labelRu);
      for (const word of ['Воронка набора', 'Этап', 'Работников']) expect(text).toContain(word);
    });

    it('bad input still answers a problem in JSON', async () => {
      const res = await get('pipeline?year=1999').set('Accept', 'image/svg+xml').expect(400);
      expect(res.headers['content-type']).toMatch(/json/);
    });
  });

  describe('access and bad input', () => {
    it.each(['pipeline?year=2026', 'pipeline?from=2026-01-01&to=2026-03-31&groupBy=citizenship', `quota-summary?year=2026&asOf=2026-06-01`])(
      '%s: ADMIN and STAFF read, LIAISON and EMPLOYER get 403',
      async (path) => {
        for (const role of [Role.ADMIN, Role.STAFF]) await get(path, role).expect(200);
        for (const role of [Role.LIAISON, Role.EMPLOYER]) expect((await get(path, role).expect(403)).body.code).toBe('FORBIDDEN');
      },
    );

    const tomorrow = () => addDays(today, 1);
    it.each([
      ['pipeline?year=2026&groupBy=employer', 'groupBy'],
      ['pipeline?year=1999', 'year'],
      ['pipeline?year=2101', 'year'],
      ['pipeline', 'year'],
      ['pipeline?from=2026-03-01&to=2026-02-01', 'from'],
      ['pipeline?from=2026-03-01', 'to'],
      ['pipeline?to=2026-03-01', 'from'],
      ['pipeline?year=2026&from=2026-03-01&to=2026-04-01', 'from'],
      ['pipeline?from=2026-02-30&to=2026-03-01', 'from'],
      ['pipeline?year=2026&asOf=next-week', 'asOf'],
      ['pipeline?year=2026&asOf=TOMORROW', 'asOf'],
      ['quota-summary?year=2026&asOf=TOMORROW', 'asOf'],
      ['quota-summary?year=2026&asOf=2026-13-01', 'asOf'],
    ])('%s → 400 naming %s', async (path, field) => {
      const res = await get(path.replace('TOMORROW', tomorrow())).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    });
  });
});
