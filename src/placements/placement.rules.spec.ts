import type { RegionalBan } from '../labour-requests/regional-ban.rules';
import {
  checkPlacement,
  endProblems,
  initialPlacementStatus,
  PlacementCheckInput,
  PlacementNegotiation,
  placementTerms,
  RequestFacts,
  termsBelowAgreed,
} from './placement.rules';

const request: RequestFacts = {
  status: 'APPROVED',
  approvedCount: 5,
  placedCount: 2,
  periodStart: '2026-04-01',
  periodEnd: '2026-11-30',
  preferredCitizenships: [],
  monthlyWageRub: 60_000,
  hoursPerWeek: 40,
  housingProvided: true,
  mealsProvided: false,
};

const ban: RegionalBan = { id: 'b1', title: 'Omsk ban', activityCodes: ['47.11'], effectiveFrom: '2026-03-01', effectiveTo: null };
const agreed = {
  status: 'AGREED',
  terms: {
    offerId: 'o1',
    monthlyWageRub: 70_000,
    hoursPerWeek: 36,
    includesOvertime: false,
    housingProvided: false,
    mealsProvided: true,
    deductionsRub: 3_000,
  },
} satisfies PlacementNegotiation;
/** An agreement of 48 hours a week including overtime, with housing. */
const overtime: PlacementNegotiation = {
  status: 'AGREED',
  terms: { ...agreed.terms, offerId: 'o2', hoursPerWeek: 48, includesOvertime: true, housingProvided: true },
};
const patent = (expiresOn: string, paidUntil: string | null = null) => ({ type: 'PATENT', status: 'VALID', issuedOn: '2026-01-10', expiresOn, paidUntil });

const base: PlacementCheckInput = {
  startDate: '2026-05-04',
  request,
  worker: { status: 'READY_TO_WORK', citizenship: 'KG', documents: [], hasCurrentPlacement: false },
  activityCode: '41.20',
  bans: [ban],
  negotiation: { status: 'NONE' },
  given: {},
  reference: { year: 2026, mrotRub: 27_093, regionalCoefficient: 1.15, fullTimeHours: 40, maxDeductionShare: 0.2 },
};

type Change = { [K in keyof PlacementCheckInput]?: Partial<PlacementCheckInput[K]> };
const input = (c: Change): PlacementCheckInput => ({
  ...base,
  ...c,
  request: { ...base.request, ...c.request },
  worker: { ...base.worker, ...c.worker },
  given: { ...base.given, ...c.given },
  reference: c.reference && 'missing' in c.reference ? (c.reference as { missing: string }) : { ...base.reference, ...c.reference },
  negotiation: (c.negotiation as PlacementNegotiation) ?? base.negotiation,
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
    [
      'an employed worker with an active placement',
      { worker: { status: 'EMPLOYED', hasCurrentPlacement: true } },
      ['WORKER_NOT_READY', 'WORKER_ALREADY_PLACED'],
    ],
    ['a patent worker without a patent', { worker: { citizenship: 'UZ' } }, ['WORK_NOT_AUTHORIZED']],
    ['a patent valid on the start date', { worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    ['a patent expiring soon after the start date', { worker: { citizenship: 'UZ', documents: [patent('2026-05-10')] } }, []],
    [
      'a patent lapsing the day before the start date',
      { worker: { citizenship: 'UZ', documents: [patent('2026-12-31', '2026-05-03')] } },
      ['WORK_NOT_AUTHORIZED'],
    ],
    [
      'a patent issued after the start date',
      { worker: { citizenship: 'UZ', documents: [{ ...patent('2026-12-31'), issuedOn: '2026-05-05' }] } },
      ['WORK_NOT_AUTHORIZED'],
    ],
    [
      'a superseded patent does not count',
      { worker: { citizenship: 'UZ', documents: [{ ...patent('2026-12-31'), status: 'SUPERSEDED' }] } },
      ['WORK_NOT_AUTHORIZED'],
    ],
    ['a patent holder in a banned activity', { activityCode: '47.11', worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, ['REGIONAL_BAN']],
    [
      'the day before the ban',
      {
        activityCode: '47.11',
        startDate: '2026-02-28',
        request: { periodStart: '2026-01-01' },
        worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] },
      },
      [],
    ],
    ['an EAEU worker in a banned activity', { activityCode: '47.11' }, []],
    ['an employer without an activity code', { activityCode: null, worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    ['a malformed activity code matches no ban', { activityCode: '47.1.1', worker: { citizenship: 'UZ', documents: [patent('2026-12-31')] } }, []],
    // citizenship: the request was approved (and counted against a quota) for its preferred citizenships
    ['a requested citizenship', { request: { preferredCitizenships: ['UZ', 'KG'] } }, []],
    [
      'a citizenship the request did not ask for',
      { request: { preferredCitizenships: ['KG'] }, worker: { citizenship: 'TJ', documents: [patent('2026-12-31')] } },
      ['CITIZENSHIP_NOT_REQUESTED'],
    ],
    ['no preference: any citizenship', { request: { preferredCitizenships: [] }, worker: { citizenship: 'TJ', documents: [patent('2026-12-31')] } }, []],
    // the negotiation: only an agreement gives terms to place on
    ['an open negotiation', { negotiation: { status: 'OPEN' } }, ['NEGOTIATION_OPEN']],
    ['a broken-off negotiation blocks: no fallback to the refused request wage', { negotiation: { status: 'BROKEN_OFF' } }, ['NEGOTIATION_NOT_AGREED']],
    [
      'a broken-off negotiation blocks explicit terms too',
      { negotiation: { status: 'BROKEN_OFF' }, given: { monthlyWageRub: 90_000 } },
      ['NEGOTIATION_NOT_AGREED'],
    ],
    ['an agreement', { negotiation: agreed }, []],
    ['a wage above the agreed one', { negotiation: agreed, given: { monthlyWageRub: 75_000 } }, []],
    ['a wage below the agreed one', { negotiation: agreed, given: { monthlyWageRub: 65_000 } }, ['TERMS_BELOW_AGREED']],
    ['more hours than agreed', { negotiation: agreed, given: { hoursPerWeek: 38 } }, ['TERMS_BELOW_AGREED']],
    ['fewer hours than agreed', { negotiation: agreed, given: { hoursPerWeek: 30 } }, []],
    ['more deductions than agreed', { negotiation: agreed, given: { deductionsRub: 3_001 } }, ['TERMS_BELOW_AGREED']],
    ['fewer deductions than agreed', { negotiation: agreed, given: { deductionsRub: 0 } }, []],
    [
      'agreed meals withdrawn: the deductions lose their benefit too',
      { negotiation: agreed, given: { mealsProvided: false } },
      ['TERMS_BELOW_AGREED', 'DEDUCTIONS_WITHOUT_BENEFIT'],
    ],
    ['agreed meals withdrawn without deductions', { negotiation: agreed, given: { mealsProvided: false, deductionsRub: 0 } }, ['TERMS_BELOW_AGREED']],
    ['agreed housing withdrawn', { negotiation: overtime, given: { housingProvided: false } }, ['TERMS_BELOW_AGREED']],
    ['housing added to the agreement', { negotiation: agreed, given: { housingProvided: true } }, []],
    [
      'every term worse than agreed',
      { negotiation: agreed, given: { monthlyWageRub: 60_000, hoursPerWeek: 40, deductionsRub: 5_000, mealsProvided: false, housingProvided: true } },
      ['TERMS_BELOW_AGREED', 'TERMS_BELOW_AGREED', 'TERMS_BELOW_AGREED', 'TERMS_BELOW_AGREED'],
    ],
    // the offer rules of the negotiations on the final terms
    ['a wage below the floor', { given: { monthlyWageRub: 30_000 } }, ['WAGE_BELOW_FLOOR']],
    ['part time prorates the floor', { given: { monthlyWageRub: 20_000, hoursPerWeek: 20 } }, []],
    ['the request offers less than the floor', { request: { monthlyWageRub: 25_000 } }, ['WAGE_BELOW_FLOOR']],
    ['the normal 40-hour week', { given: { hoursPerWeek: 40 } }, []],
    ['41 hours without an agreement', { given: { hoursPerWeek: 41 } }, ['HOURS_OVER_LIMIT']],
    ['a request of 48 hours without an agreement', { request: { hoursPerWeek: 48 } }, ['HOURS_OVER_LIMIT']],
    ['48 hours agreed as including overtime', { negotiation: overtime }, []],
    ['fewer hours than the agreed overtime week', { negotiation: overtime, given: { hoursPerWeek: 44 } }, []],
    [
      'more than 40 hours on an agreement without overtime',
      { negotiation: { status: 'AGREED', terms: { ...agreed.terms, hoursPerWeek: 40 } }, given: { hoursPerWeek: 42 } },
      ['TERMS_BELOW_AGREED', 'HOURS_OVER_LIMIT'],
    ],
    ['deductions of exactly 20 % of gross', { given: { deductionsRub: 12_000 } }, []],
    ['deductions over 20 % of gross', { given: { deductionsRub: 12_001 } }, ['DEDUCTIONS_OVER_SHARE']],
    ['deductions without housing or meals', { request: { housingProvided: false }, given: { deductionsRub: 1_000 } }, ['DEDUCTIONS_WITHOUT_BENEFIT']],
    ['deductions for meals only', { request: { housingProvided: false }, given: { mealsProvided: true, deductionsRub: 1_000 } }, []],
    ['a share lowered in the reference data', { given: { deductionsRub: 6_001 }, reference: { maxDeductionShare: 0.1 } }, ['DEDUCTIONS_OVER_SHARE']],
    ['no МРОТ entered for the year', { reference: { missing: 'the minimum wage (МРОТ) for 2031' } }, ['REFERENCE_MISSING']],
    [
      'everything at once',
      {
        startDate: '2026-12-05',
        activityCode: '47.11',
        request: { status: 'SUBMITTED', preferredCitizenships: ['KG'] },
        worker: { status: 'ARRIVED', citizenship: 'UZ', hasCurrentPlacement: true },
        negotiation: { status: 'OPEN' },
        given: { monthlyWageRub: 10_000, hoursPerWeek: 50, deductionsRub: 5_000 },
      },
      [
        'REQUEST_NOT_APPROVED',
        'START_OUTSIDE_PERIOD',
        'WORKER_NOT_READY',
        'WORKER_ALREADY_PLACED',
        'CITIZENSHIP_NOT_REQUESTED',
        'WORK_NOT_AUTHORIZED',
        'REGIONAL_BAN',
        'NEGOTIATION_OPEN',
        'WAGE_BELOW_FLOOR',
        'HOURS_OVER_LIMIT',
        'DEDUCTIONS_OVER_SHARE',
      ],
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

  it('names every term worse than the agreed one with the agreed value, and the limits of the offer rules', () => {
    const worse = checkPlacement(
      input({ negotiation: agreed, given: { monthlyWageRub: 60_000, hoursPerWeek: 40, deductionsRub: 5_000, mealsProvided: false } }),
    ).problems;
    expect(worse.filter((p) => p.code === 'TERMS_BELOW_AGREED')).toEqual([
      expect.objectContaining({ field: 'monthlyWageRub', agreed: 70_000, message: expect.stringContaining('70000') }),
      expect.objectContaining({ field: 'hoursPerWeek', agreed: 36 }),
      expect.objectContaining({ field: 'deductionsRub', agreed: 3_000 }),
      expect.objectContaining({ field: 'mealsProvided', agreed: true }),
    ]);
    const limits = checkPlacement(input({ given: { hoursPerWeek: 45, deductionsRub: 20_000 } })).problems;
    expect(limits).toEqual([
      expect.objectContaining({
        field: 'hoursPerWeek',
        code: 'HOURS_OVER_LIMIT',
        maxHours: 40,
        message: expect.stringContaining('agreed offer includes overtime'),
      }),
      expect.objectContaining({ field: 'deductionsRub', code: 'DEDUCTIONS_OVER_SHARE', maxDeductionRub: 12_000 }),
    ]);
    const citizenship = checkPlacement(input({ request: { preferredCitizenships: ['KG', 'KZ'] }, worker: { citizenship: 'AM' } })).problems;
    expect(citizenship).toEqual([expect.objectContaining({ field: 'workerId', requested: ['KG', 'KZ'], message: expect.stringContaining('AM') })]);
  });
});

describe('termsBelowAgreed', () => {
  const placed = placementTerms({}, request, agreed);
  it.each<[string, Partial<typeof placed>, string[]]>([
    ['the agreed terms themselves', {}, []],
    ['everything better', { monthlyWageRub: 80_000, hoursPerWeek: 30, deductionsRub: 0, housingProvided: true }, []],
    ['one rouble less', { monthlyWageRub: 69_999 }, ['monthlyWageRub']],
    ['one hour more', { hoursPerWeek: 37 }, ['hoursPerWeek']],
    ['one rouble more deducted', { deductionsRub: 3_001 }, ['deductionsRub']],
    ['meals withdrawn', { mealsProvided: false }, ['mealsProvided']],
  ])('%s', (_name, change, fields) => {
    expect(termsBelowAgreed({ ...placed, ...change }, agreed.terms).map((p) => p.field)).toEqual(fields);
  });
});

describe('placementTerms', () => {
  it.each<[string, Parameters<typeof placementTerms>[0], PlacementNegotiation, object]>([
    [
      'the request offer without negotiation',
      {},
      { status: 'NONE' },
      { monthlyWageRub: 60_000, hoursPerWeek: 40, includesOvertime: false, housingProvided: true, mealsProvided: false, deductionsRub: 0, agreedOfferId: null },
    ],
    [
      'given hours without an agreement never include overtime',
      { hoursPerWeek: 48 },
      { status: 'NONE' },
      { hoursPerWeek: 48, includesOvertime: false, agreedOfferId: null },
    ],
    [
      'the agreed terms',
      {},
      agreed,
      {
        monthlyWageRub: 70_000,
        hoursPerWeek: 36,
        includesOvertime: false,
        housingProvided: false,
        mealsProvided: true,
        deductionsRub: 3_000,
        agreedOfferId: 'o1',
      },
    ],
    ['an agreement including overtime', { hoursPerWeek: 44 }, overtime, { hoursPerWeek: 44, includesOvertime: true, agreedOfferId: 'o2' }],
    [
      'given terms win over the agreed ones',
      { monthlyWageRub: 72_000, housingProvided: true, deductionsRub: 0 },
      agreed,
      { monthlyWageRub: 72_000, housingProvided: true, deductionsRub: 0, agreedOfferId: 'o1' },
    ],
  ])('%s', (_name, given, negotiation, expected) => {
    expect(placementTerms(given, request, negotiation)).toMatchObject(expected);
  });
});

describe('endProblems', () => {
  it.each<['ACTIVE' | 'PLANNED', string, string | undefined, string, string[]]>([
    ['ACTIVE', '2026-05-04', '2026-05-04', '2026-06-01', []],
    ['ACTIVE', '2026-05-04', '2026-06-01', '2026-06-01', []],
    ['ACTIVE', '2026-05-04', '2026-05-03', '2026-06-01', ['END_BEFORE_START']],
    ['ACTIVE', '2026-05-04', '2026-06-02', '2026-06-01', ['END_IN_FUTURE']],
    ['ACTIVE', '2026-07-01', '2026-06-20', '2026-06-10', ['END_BEFORE_START', 'END_IN_FUTURE']],
    ['ACTIVE', '2026-05-04', undefined, '2026-06-01', ['END_DATE_REQUIRED']],
    // a planned placement is cancelled: no end date needed, one given is the day of the cancellation
    ['PLANNED', '2026-07-01', undefined, '2026-06-10', []],
    ['PLANNED', '2026-07-01', '2026-06-10', '2026-06-10', []],
    ['PLANNED', '2026-07-01', '2026-06-11', '2026-06-10', ['END_IN_FUTURE']],
  ])('%s from %s, end %s, today %s → %j', (status, startDate, endDate, today, codes) =>
    expect(endProblems({ status, startDate, endDate, today }).map((p) => p.code)).toEqual(codes),
  );
});

describe('initialPlacementStatus', () => {
  it.each([
    ['2026-05-04', '2026-05-03', 'PLANNED'],
    ['2026-05-04', '2026-05-04', 'ACTIVE'],
    ['2026-05-04', '2026-06-01', 'ACTIVE'],
    ['2027-01-01', '2026-12-31', 'PLANNED'],
  ])('start %s, today %s → %s', (startDate, today, status) => expect(initialPlacementStatus(startDate, today)).toBe(status));
});
