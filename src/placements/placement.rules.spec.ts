import type { RegionalBan } from '../labour-requests/regional-ban.rules';
import type { NegotiationState } from '../negotiations/negotiation-terms.repository';
import { checkPlacement, endProblems, PlacementCheckInput, placementTerms, RequestFacts } from './placement.rules';

const request: RequestFacts = {
  status: 'APPROVED',
  approvedCount: 5,
  placedCount: 2,
  periodStart: '2026-04-01',
  periodEnd: '2026-11-30',
  monthlyWageRub: 60_000,
  hoursPerWeek: 40,
  housingProvided: true,
  mealsProvided: false,
};

const ban: RegionalBan = { id: 'b1', title: 'Omsk ban', activityCodes: ['47.11'], effectiveFrom: '2026-03-01', effectiveTo: null };
const agreed: NegotiationState = {
  status: 'AGREED',
  terms: { offerId: 'o1', monthlyWageRub: 70_000, hoursPerWeek: 36, housingProvided: false, mealsProvided: true, deductionsRub: 3_000 },
};
const patent = (expiresOn: string, paidUntil: string | null = null) => ({ type: 'PATENT', status: 'VALID', issuedOn: '2026-01-10', expiresOn, paidUntil });

const base: PlacementCheckInput = {
  startDate: '2026-05-04',
  request,
  worker: { status: 'READY_TO_WORK', citizenship: 'KG', documents: [], hasActivePlacement: false },
  activityCode: '41.20',
  bans: [ban],
  negotiation: { status: 'NONE' },
  given: {},
  wageFloor: { year: 2026, mrotRub: 27_093, regionalCoefficient: 1.15, fullTimeHours: 40 },
};

type Change = { [K in keyof PlacementCheckInput]?: Partial<PlacementCheckInput[K]> };
const input = (c: Change): PlacementCheckInput => ({
  ...base,
  ...c,
  request: { ...base.request, ...c.request },
  worker: { ...base.worker, ...c.worker },
  given: { ...base.given, ...c.given },
  wageFloor: c.wageFloor && 'missing' in c.wageFloor ? (c.wageFloor as { missing: string }) : { ...base.wageFloor, ...c.wageFloor },
  negotiation: (c.negotiation as NegotiationState) ?? base.negotiation,
  bans: (c.bans as RegionalBan[]) ?? base.bans,
});

describe('checkPlacement', () => {
  it.each<[string, Change, string[]]>([
    ['an eligible EAEU worker needs no papers', {}, []],
    ['BETWEEN_JOBS may start again', { worker: { status: 'BETWEEN_JOBS' } }, []],
    ['PARTIALLY_APPROVED holds places', { request: { status: 'PARTIALLY_APPROVED' } }, []],
    ['the last open place', { request: { placedCount: 4 } }, []],
    ['a SUBMITTED request', { request: { status: 'SUBMITTED' } }, ['REQUEST_NOT_APPROVED']],
    ['a FILLED request', { request: { status: 'FILLED', placedCount: 5 } }, ['REQUEST_NOT_APPROVED']],
    ['headcount reached', { request: { placedCount: 5 } }, ['HEADCOUNT_REACHED']],
    ['start on the first day of the period', { startDate: '2026-04-01' }, []],
    ['start on the last day of the period', { startDate: '2026-11-30' }, []],
    ['start before the period', { startDate: '2026-03-31' }, ['START_OUTSIDE_PERIOD']],
    ['start after the period', { startDate: '2026-12-01' }, ['START_OUTSIDE_PERIOD']],
    ['a worker still doing papers', { worker: { status: 'DOCUMENTS_IN_PROGRESS' } }, ['WORKER_NOT_READY']],
    ['an employed worker with an active placement', { worker: { status: 'EMPLOYED', hasActivePlacement: true } }, ['WORKER_NOT_READY', 'WORKER_ALREADY_PLACED']],
    ['a patent worker without a patent', { worker: { citizenship: 'UZ' } }, ['WORK_NOT_AUTHORIZED']],
    ['a patent valid on the start date', { worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    ['a patent expiring soon after the start date', { worker: { citizenship: 'UZ', documents: [patent('2026-05-10')] } }, []],
    ['a patent lapsing the day before the start date', { worker: { citizenship: 'UZ', documents: [patent('2026-12-31', '2026-05-03')] } }, ['WORK_NOT_AUTHORIZED']],
    ['a patent issued after the start date', { worker: { citizenship: 'UZ', documents: [{ ...patent('2026-12-31'), issuedOn: '2026-05-05' }] } }, ['WORK_NOT_AUTHORIZED']],
    ['a superseded patent does not count', { worker: { citizenship: 'UZ', documents: [{ ...patent('2026-12-31'), status: 'SUPERSEDED' }] } }, ['WORK_NOT_AUTHORIZED']],
    ['a patent holder in a banned activity', { activityCode: '47.11', worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, ['REGIONAL_BAN']],
    ['the day before the ban', { activityCode: '47.11', startDate: '2026-02-28', request: { periodStart: '2026-01-01' }, worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    ['an EAEU worker in a banned activity', { activityCode: '47.11' }, []],
    ['an employer without an activity code', { activityCode: null, worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    ['a malformed activity code matches no ban', { activityCode: '47.1.1', worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    ['an open negotiation', { negotiation: { status: 'OPEN' } }, ['NEGOTIATION_OPEN']],
    ['a broken-off negotiation falls back to the request', { negotiation: { status: 'BROKEN_OFF' } }, []],
    ['an agreement', { negotiation: agreed }, []],
    ['a wage above the agreed one', { negotiation: agreed, given: { monthlyWageRub: 75_000 } }, []],
    ['a wage below the agreed one', { negotiation: agreed, given: { monthlyWageRub: 65_000 } }, ['WAGE_BELOW_AGREED']],
    ['a wage below the floor', { given: { monthlyWageRub: 30_000 } }, ['WAGE_BELOW_FLOOR']],
    ['part time prorates the floor', { given: { monthlyWageRub: 20_000, hoursPerWeek: 20 } }, []],
    ['the request offers less than the floor', { request: { monthlyWageRub: 25_000 } }, ['WAGE_BELOW_FLOOR']],
    ['no МРОТ entered for the year', { wageFloor: { missing: 'the minimum wage (МРОТ) for 2031' } }, ['REFERENCE_MISSING']],
    [
      'everything at once',
      {
        startDate: '2026-12-05',
        activityCode: '47.11',
        request: { status: 'SUBMITTED' },
        worker: { status: 'ARRIVED', citizenship: 'UZ', hasActivePlacement: true },
        negotiation: { status: 'OPEN' },
        given: { monthlyWageRub: 10_000 },
      },
      ['REQUEST_NOT_APPROVED', 'START_OUTSIDE_PERIOD', 'WORKER_NOT_READY', 'WORKER_ALREADY_PLACED', 'WORK_NOT_AUTHORIZED', 'REGIONAL_BAN', 'NEGOTIATION_OPEN', 'WAGE_BELOW_FLOOR'],
    ],
  ])('%s', (_name, change, codes) => {
    expect(checkPlacement(input(change)).problems.map((p) => p.code)).toEqual(codes);
  });

  it('every problem names its field and says why', () => {
    const { problems } = checkPlacement(input({ request: { status: 'REJECTED' }, given: { monthlyWageRub: 1 } }));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'labourRequestId', message: expect.stringContaining('REJECTED') }),
      expect.objectContaining({ field: 'monthlyWageRub', floorRub: expect.any(Number) }),
    ]);
  });
});

describe('placementTerms', () => {
  it.each<[string, Parameters<typeof placementTerms>[0], NegotiationState, object]>([
    ['the request offer without negotiation', {}, { status: 'NONE' }, { monthlyWageRub: 60_000, hoursPerWeek: 40, housingProvided: true, mealsProvided: false, deductionsRub: 0, agreedOfferId: null }],
    ['after a break-off', { hoursPerWeek: 30 }, { status: 'BROKEN_OFF' }, { monthlyWageRub: 60_000, hoursPerWeek: 30, agreedOfferId: null }],
    ['the agreed terms', {}, agreed, { monthlyWageRub: 70_000, hoursPerWeek: 36, housingProvided: false, mealsProvided: true, deductionsRub: 3_000, agreedOfferId: 'o1' }],
    ['given terms win over the agreed ones', { monthlyWageRub: 72_000, housingProvided: true, deductionsRub: 0 }, agreed, { monthlyWageRub: 72_000, housingProvided: true, deductionsRub: 0, agreedOfferId: 'o1' }],
  ])('%s', (_name, given, negotiation, expected) => {
    expect(placementTerms(given, request, negotiation)).toMatchObject(expected);
  });
});

describe('endProblems', () => {
  it.each([
    ['2026-05-04', '2026-05-04', '2026-06-01', []],
    ['2026-05-04', '2026-06-01', '2026-06-01', []],
    ['2026-05-04', '2026-05-03', '2026-06-01', ['END_BEFORE_START']],
    ['2026-05-04', '2026-06-02', '2026-06-01', ['END_IN_FUTURE']],
    ['2026-07-01', '2026-06-20', '2026-06-10', ['END_BEFORE_START', 'END_IN_FUTURE']],
  ])('start %s, end %s, today %s → %j', (startDate, endDate, today, codes) =>
    expect(endProblems({ startDate, endDate, today }).map((p) => p.code)).toEqual(codes));
});
