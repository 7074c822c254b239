import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { runSeeds } from '../../src/seed/seed';
import { Clock } from '../../src/infra/clock/clock';
import { DeadlinesRepository } from '../../src/deadlines/deadlines.repository';
import { CalendarService } from '../../src/reference/calendar.service';
import { obligationsOf } from '../../src/deadlines/obligations.rules';
import { coverDates, workAuthorization } from '../../src/workers/work-authorization.rules';
import { AUTHORISED_TO_WORK } from '../../src/workers/worker-lifecycle.rules';
import { createTestApp, TestApp } from '../support/app';

const TODAY = '2026-12-02';
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
/** A demo dossier that is wrong on purpose says so on its timeline with these words. */
const CASE_TO_FIX = 'case to fix';
const IN_RUSSIA = ['ARRIVED', 'DOCUMENTS_IN_PROGRESS', 'READY_TO_WORK', 'EMPLOYED', 'BETWEEN_JOBS'];
const ABROAD = ['CANDIDATE', 'SELECTED', 'IN_TRANSIT'];
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, fifty: 50, 'fifty-five': 55 };

/** The demo set must obey the rules it demonstrates (issue 16, item 16). Each check lists the offending case numbers. */
describe('demo data invariants', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let workers: Awaited<ReturnType<typeof load>>;
  const load = () =>
    prisma.worker.findMany({
      include: { placements: true, documents: true, events: true, partnerAgency: true },
      orderBy: { caseNumber: 'asc' },
    });
  const onPurpose = (w: (typeof workers)[number]) => w.events.some((e) => e.text?.includes(CASE_TO_FIX));
  const papers = (w: (typeof workers)[number]) =>
    w.documents.map((d) => ({ type: d.type, status: d.status, issuedOn: day(d.issuedOn), expiresOn: day(d.expiresOn), paidUntil: day(d.paidUntil) }));
  const authorisation = (w: (typeof workers)[number]) => workAuthorization({ citizenship: w.citizenship, today: TODAY, documents: papers(w) });
  const running = (p: { status: string; startDate: Date; endDate: Date | null }) =>
    p.status === 'ACTIVE' && day(p.startDate)! <= TODAY && (p.endDate === null || day(p.endDate)! >= TODAY);

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${TODAY}T09:00:00Z`));
    const seeded = await runSeeds(t.app, t.config);
    expect(seeded.warnings).toEqual([]);
    prisma = t.app.get(PrismaService);
    workers = await load();
  }, 180_000);
  afterAll(() => t?.close());

  it('every EMPLOYED worker has a running placement and papers that let them work (or is a case to fix, named so)', () => {
    const employed = workers.filter((w) => w.status === 'EMPLOYED');
    expect(employed.length).toBeGreaterThan(0);
    const wrong = employed.filter((w) => !onPurpose(w) && (!w.placements.some(running) || !AUTHORISED_TO_WORK.includes(authorisation(w))));
    expect(wrong.map((w) => `${w.caseNumber} ${authorisation(w)} placements=${w.placements.map((p) => p.status).join(',')}`)).toEqual([]);
  });

  it('a READY_TO_WORK worker may work today; a worker in Russia has an arrival date, one still abroad has none', () => {
    expect(workers.filter((w) => w.status === 'READY_TO_WORK' && !AUTHORISED_TO_WORK.includes(authorisation(w))).map((w) => w.caseNumber)).toEqual([]);
    const arrived = workers.filter((w) => w.status === 'ARRIVED');
    expect(arrived.length).toBeGreaterThan(0);
    expect(
      workers.filter((w) => IN_RUSSIA.includes(w.status) && (w.arrivalDate === null || day(w.arrivalDate)! > TODAY)).map((w) => `${w.caseNumber} ${w.status}`),
    ).toEqual([]);
    expect(workers.filter((w) => ABROAD.includes(w.status) && w.arrivalDate !== null).map((w) => `${w.caseNumber} ${w.status}`)).toEqual([]);
  });

  it('every dossier keeps the cover dates its papers give (the list filter reads them)', async () => {
    const rows = await prisma.$queryRaw<{ id: string; patent: string | null; permit: string | null }[]>`
      SELECT id, patent_valid_until::text AS patent, work_permit_valid_until::text AS permit FROM workers`;
    const stored = new Map(rows.map((r) => [r.id, { PATENT: r.patent, WORK_PERMIT: r.permit }]));
    const wrong = workers.filter((w) => JSON.stringify(stored.get(w.id)) !== JSON.stringify(coverDates(papers(w))));
    expect(wrong.map((w) => `${w.caseNumber} ${JSON.stringify(stored.get(w.id))} ≠ ${JSON.stringify(coverDates(papers(w)))}`)).toEqual([]);
    expect(rows.filter((r) => r.patent !== null).length).toBeGreaterThan(5);
  });

  it('no demo dossier was created despite suspected duplicates, nor with force at all', async () => {
    expect(await prisma.workerEvent.count({ where: { text: { contains: 'despite suspected duplicates' } } })).toBe(0);
    // the seed passes no force: a name clash in the demo set fails the seed instead of hiding behind it
    const creations = await prisma.auditEvent.findMany({ where: { action: 'worker.create' }, select: { entityId: true, changes: true } });
    expect(creations).toHaveLength(workers.length);
    expect(creations.filter((a) => (a.changes as { force?: boolean }).force !== false).map((a) => a.entityId)).toEqual([]);
  });

  it('partner agencies recruit in their own country', () => {
    const viaAgency = workers.filter((w) => w.partnerAgency);
    expect(viaAgency.length).toBeGreaterThan(0);
    expect(
      viaAgency.filter((w) => w.citizenship !== w.partnerAgency!.country).map((w) => `${w.caseNumber} ${w.citizenship} via ${w.partnerAgency!.country}`),
    ).toEqual([]);
    expect(workers.filter((w) => (w.recruitmentChannel === 'PARTNER_AGENCY') !== (w.partnerAgencyId !== null)).map((w) => w.caseNumber)).toEqual([]);
  });

  it(
    'no impossible placement: one current placement at most, a running one only for ' +
      'an EMPLOYED worker, PLANNED only in the future, BETWEEN_JOBS after an ended one',
    () => {
      const impossible = workers.flatMap((w) => {
        const out: string[] = [];
        const current = w.placements.filter((p) => p.status === 'ACTIVE' || p.status === 'PLANNED');
        if (current.length > 1) out.push(`${w.caseNumber}: ${current.length} current placements`);
        for (const p of w.placements) {
          if (p.status === 'ACTIVE' && day(p.startDate)! > TODAY) out.push(`${w.caseNumber}: ACTIVE placement starting ${day(p.startDate)}`);
          if (p.status === 'PLANNED' && day(p.startDate)! <= TODAY) out.push(`${w.caseNumber}: PLANNED placement that has started`);
          if (p.status === 'ACTIVE' && w.status !== 'EMPLOYED') out.push(`${w.caseNumber}: ACTIVE placement of a ${w.status} worker`);
          if ((p.status === 'ENDED' || p.status === 'CANCELLED') && w.status === 'EMPLOYED' && !w.placements.some(running))
            out.push(`${w.caseNumber}: EMPLOYED on a ${p.status} placement`);
        }
        // between jobs means a job ended: an ENDED placement and none running
        if (w.status === 'BETWEEN_JOBS' && (!w.placements.some((p) => p.status === 'ENDED') || w.placements.some(running)))
          out.push(`${w.caseNumber}: BETWEEN_JOBS without an ended placement`);
        return out;
      });
      expect(workers.some((w) => w.status === 'BETWEEN_JOBS')).toBe(true);
      expect(impossible).toEqual([]);
    },
  );

  it('every seeded worker has the deadlines their records give (the seed backfills them)', async () => {
    const repo = t.app.get(DeadlinesRepository, { strict: false });
    const rules = await repo.rules();
    const calendar = await t.app.get(CalendarService, { strict: false }).calendar();
    const missing: string[] = [];
    let expected = 0;
    for (const w of workers) {
      const desired = obligationsOf((await repo.facts(prisma, [w.id])).workers[0].facts, rules, calendar);
      const stored = new Set((await prisma.deadline.findMany({ where: { workerId: w.id }, select: { key: true } })).map((d) => d.key));
      expected += desired.length;
      for (const o of desired) if (!stored.has(o.key)) missing.push(`${w.caseNumber} ${o.key}`);
    }
    expect(expected).toBeGreaterThan(workers.length);
    expect(missing).toEqual([]);
  });

  it('the README tells the counts that are seeded', async () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('## Demo logins')).split('\n\n')[1].replace(/\s+/g, ' ');
    const told = (re: RegExp) => {
      const m = re.exec(paragraph);
      if (!m) throw new Error(`the README's demo paragraph does not say ${re}: ${paragraph}`);
      return NUMBERS[m[1].toLowerCase()];
    };
    expect(told(/([\w-]+) employers/)).toBe(await prisma.employer.count());
    expect(told(/([\w-]+) partner agencies/)).toBe(await prisma.partnerAgency.count());
    expect(told(/([\w-]+) workers/)).toBe(workers.length);
    expect(told(/([\w-]+) citizenships/)).toBe(new Set(workers.map((w) => w.citizenship)).size);
    expect(told(/([\w-]+) candidates on a train/)).toBe(await prisma.arrivalWorker.count());
    expect(told(/its ([\w-]+) placed workers/)).toBe(
      new Set((await prisma.placement.findMany({ where: { employer: { inn: '5501000018' } } })).map((p) => p.workerId)).size,
    );
  });
});
