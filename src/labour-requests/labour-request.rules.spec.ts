import {
  DecisionInput,
  LABOUR_REQUEST_STATUSES,
  LabourRequestStatus,
  allowedRequestTransitions,
  approvedCountOf,
  canTransitionRequest,
  decisionProblems,
  headcountReached,
  holdsApprovedPlaces,
  isLabourRequestStatus,
  openPlaces,
  periodEndedProblem,
  periodProblem,
  releasedQuota,
  requestTransitionProblem,
} from './labour-request.rules';

// The expected graph, written out independently of the implementation.
const COLUMNS: LabourRequestStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'FILLED', 'CLOSED', 'WITHDRAWN'];
// prettier-ignore
const EXPECTED: Record<LabourRequestStatus, (0 | 1)[]> = {
  //                   DRF SUB APR PAR REJ FIL CLO WDR
  DRAFT:              [ 0,  1,  0,  0,  0,  0,  0,  1 ],
  SUBMITTED:          [ 0,  0,  1,  1,  1,  0,  0,  1 ],
  APPROVED:           [ 0,  0,  0,  0,  0,  1,  1,  1 ],
  PARTIALLY_APPROVED: [ 0,  0,  0,  0,  0,  1,  1,  1 ],
  REJECTED:           [ 0,  0,  0,  0,  0,  0,  0,  0 ],
  FILLED:             [ 0,  0,  0,  0,  0,  0,  1,  0 ],
  CLOSED:             [ 0,  0,  0,  0,  0,  0,  0,  0 ],
  WITHDRAWN:          [ 0,  0,  0,  0,  0,  0,  0,  0 ],
};

const expectedTargets = (from: LabourRequestStatus) => COLUMNS.filter((_, i) => EXPECTED[from][i] === 1);
const PAIRS = COLUMNS.flatMap((from) => COLUMNS.map((to, i): [LabourRequestStatus, LabourRequestStatus, boolean] => [from, to, EXPECTED[from][i] === 1]));

describe('labour request lifecycle', () => {
  it('lists the eight statuses in order', () => {
    expect([...LABOUR_REQUEST_STATUSES]).toEqual(COLUMNS);
  });

  it.each(PAIRS)('%s → %s allowed: %s', (from, to, legal) => {
    expect(canTransitionRequest(from, to)).toBe(legal);
    expect(requestTransitionProblem(from, to)).toEqual(legal ? null : { code: 'ILLEGAL_TRANSITION', allowed: expectedTargets(from) });
  });

  it.each(COLUMNS)('allowed targets from %s', (from) => {
    expect(allowedRequestTransitions(from)).toEqual(expectedTargets(from));
  });

  it('hands out copies, not the table itself', () => {
    allowedRequestTransitions('DRAFT').push('CLOSED');
    expect(allowedRequestTransitions('DRAFT')).toEqual(['SUBMITTED', 'WITHDRAWN']);
  });

  it('an unknown status allows nothing', () => {
    const bogus = 'ARCHIVED' as LabourRequestStatus;
    expect(isLabourRequestStatus(bogus)).toBe(false);
    expect(requestTransitionProblem(bogus, 'CLOSED')).toEqual({ code: 'ILLEGAL_TRANSITION', allowed: [] });
  });

  it.each(COLUMNS.map((s): [LabourRequestStatus, boolean] => [s, s === 'APPROVED' || s === 'PARTIALLY_APPROVED']))(
    '%s holds approved places: %s',
    (status, holds) => expect(holdsApprovedPlaces(status)).toBe(holds),
  );
});

describe('decisionProblems', () => {
  const cases: [string, Omit<DecisionInput, 'requested'> & { requested?: number }, string[]][] = [
    ['APPROVED, count omitted', { decision: 'APPROVED' }, []],
    ['APPROVED, count null', { decision: 'APPROVED', approvedCount: null }, []],
    ['APPROVED, count = requested', { decision: 'APPROVED', approvedCount: 5 }, []],
    ['APPROVED with a reason is fine', { decision: 'APPROVED', reason: 'good employer' }, []],
    ['APPROVED, fewer than requested', { decision: 'APPROVED', approvedCount: 4 }, ['approvedCount']],
    ['APPROVED, more than requested', { decision: 'APPROVED', approvedCount: 6 }, ['approvedCount']],
    ['PARTIALLY_APPROVED, 1 of 5 with reason', { decision: 'PARTIALLY_APPROVED', approvedCount: 1, reason: 'quota' }, []],
    ['PARTIALLY_APPROVED, 4 of 5 with reason', { decision: 'PARTIALLY_APPROVED', approvedCount: 4, reason: 'quota' }, []],
    ['PARTIALLY_APPROVED, 5 of 5', { decision: 'PARTIALLY_APPROVED', approvedCount: 5, reason: 'quota' }, ['approvedCount']],
    ['PARTIALLY_APPROVED, 0', { decision: 'PARTIALLY_APPROVED', approvedCount: 0, reason: 'quota' }, ['approvedCount']],
    ['PARTIALLY_APPROVED, count omitted', { decision: 'PARTIALLY_APPROVED', reason: 'quota' }, ['approvedCount']],
    ['PARTIALLY_APPROVED, no reason', { decision: 'PARTIALLY_APPROVED', approvedCount: 3 }, ['reason']],
    ['PARTIALLY_APPROVED, blank reason', { decision: 'PARTIALLY_APPROVED', approvedCount: 3, reason: '   ' }, ['reason']],
    ['PARTIALLY_APPROVED, nothing right', { decision: 'PARTIALLY_APPROVED', approvedCount: 9 }, ['approvedCount', 'reason']],
    ['PARTIALLY_APPROVED of a single worker', { decision: 'PARTIALLY_APPROVED', requested: 1, approvedCount: 1, reason: 'x' }, ['decision']],
    ['REJECTED with reason', { decision: 'REJECTED', reason: 'wage below floor' }, []],
    ['REJECTED with reason and 0', { decision: 'REJECTED', approvedCount: 0, reason: 'banned sector' }, []],
    ['REJECTED without reason', { decision: 'REJECTED' }, ['reason']],
    ['REJECTED with a count', { decision: 'REJECTED', approvedCount: 2, reason: 'no' }, ['approvedCount']],
    ['negative count', { decision: 'APPROVED', approvedCount: -1 }, ['approvedCount']],
    ['fractional count', { decision: 'PARTIALLY_APPROVED', approvedCount: 2.5, reason: 'quota' }, ['approvedCount']],
    ['unknown decision', { decision: 'MAYBE', reason: 'x' }, ['decision']],
  ];

  it.each(cases)('%s', (_name, input, fields) => {
    const problems = decisionProblems({ requested: 5, ...input });
    expect(problems.map((p) => p.field)).toEqual(fields);
    problems.forEach((p) => expect(p.message).toEqual(expect.any(String)));
  });

  it('names the allowed range', () => {
    expect(decisionProblems({ decision: 'PARTIALLY_APPROVED', requested: 5, approvedCount: 5, reason: 'q' })[0].message).toContain('between 1 and 4');
  });

  it.each([0, -1, 1.5, NaN])('refuses a stored request of %s workers', (requested) => {
    expect(() => decisionProblems({ decision: 'APPROVED', requested })).toThrow(RangeError);
  });
});

describe('approvedCountOf', () => {
  it.each([
    ['APPROVED', undefined, 5],
    ['APPROVED', 5, 5],
    ['PARTIALLY_APPROVED', 3, 3],
    ['REJECTED', undefined, 0],
    ['REJECTED', 0, 0],
  ] as const)('%s (count %s) approves %i', (decision, approvedCount, expected) => {
    expect(approvedCountOf({ decision, requested: 5, approvedCount })).toBe(expected);
  });
});

describe('headcount', () => {
  it.each([
    [5, 0, 5, false],
    [5, 4, 1, false],
    [5, 5, 0, true],
    [5, 6, 0, true],
    [0, 0, 0, false],
  ])('approved %i, placed %i: %i open, filled %s', (approved, placed, open, filled) => {
    expect(openPlaces(approved, placed)).toBe(open);
    expect(headcountReached(approved, placed)).toBe(filled);
  });

  it('refuses nonsense counts', () => {
    expect(() => openPlaces(-1, 0)).toThrow(RangeError);
    expect(() => openPlaces(3, 1.5)).toThrow(RangeError);
  });
});

describe('releasedQuota', () => {
  it.each([
    ['APPROVED', 'WITHDRAWN', 5, 2, 3],
    ['PARTIALLY_APPROVED', 'WITHDRAWN', 3, 0, 3],
    ['APPROVED', 'CLOSED', 5, 4, 1],
    ['PARTIALLY_APPROVED', 'CLOSED', 3, 3, 0],
    ['APPROVED', 'FILLED', 5, 5, 0],
    ['FILLED', 'CLOSED', 5, 5, 0],
    ['SUBMITTED', 'WITHDRAWN', 0, 0, 0],
    ['DRAFT', 'WITHDRAWN', 0, 0, 0],
  ] as const)('%s → %s (approved %i, placed %i) releases %i', (from, to, approvedCount, placedCount, expected) => {
    expect(releasedQuota({ from, to, approvedCount, placedCount })).toBe(expected);
  });
});

describe('periodProblem', () => {
  it.each([
    ['2026-04-01', '2026-11-30', false],
    ['2026-04-01', '2026-04-01', false],
    ['2026-04-01', '2026-03-31', true],
    ['2026-12-31', '2027-01-01', false],
  ])('%s … %s refused: %s', (start, end, refused) => {
    expect(periodProblem(start, end) !== null).toBe(refused);
  });
});

describe('periodEndedProblem: submitted only while the period is not over', () => {
  it.each([
    ['ends in the future', '2026-11-30', '2026-06-01', false],
    ['ends today', '2026-06-01', '2026-06-01', false],
    ['ended yesterday', '2026-05-31', '2026-06-01', true],
    ['ended last year', '2025-12-31', '2026-01-01', true],
  ])('%s (%s, today %s) refused: %s', (_name, periodEnd, today, refused) => {
    const problem = periodEndedProblem(periodEnd, today);
    expect(problem !== null).toBe(refused);
    if (problem)
      expect(problem).toEqual({ code: 'PERIOD_ENDED', field: 'periodEnd', message: expect.stringContaining(`ended on ${periodEnd}, before today (${today})`) });
  });
});
