import {
  QuotaAllocation,
  citizenshipQuotaProblem,
  limitChangeProblem,
  matchingAllocation,
  matchingAllocations,
  quotaKeyFor,
  quotaProblem,
  remaining,
} from './quota.rules';

const alloc = (id: string, occupationCode: string | null, citizenship: string | null, limit = 100, approved = 0, year = 2026): QuotaAllocation => ({
  id,
  year,
  occupationCode,
  citizenship,
  limit,
  approved,
});

const ALL = [
  alloc('overall', null, null),
  alloc('uz', null, 'UZ'),
  alloc('mason', '7112', null),
  alloc('mason-uz', '7112', 'UZ'),
  alloc('overall-2025', null, null, 100, 0, 2025),
  alloc('mason-uz-2025', '7112', 'UZ', 100, 0, 2025),
];

describe('matchingAllocation', () => {
  it.each([
    ['occupation and citizenship', ALL, 2026, '7112', 'UZ', 'mason-uz'],
    ['occupation only, other citizenship', ALL, 2026, '7112', 'TJ', 'mason'],
    ['occupation only, no citizenship', ALL, 2026, '7112', null, 'mason'],
    ['citizenship only, other occupation', ALL, 2026, '9313', 'UZ', 'uz'],
    ['overall', ALL, 2026, '9313', 'TJ', 'overall'],
    ['overall, nothing given', ALL, 2026, null, null, 'overall'],
    ['citizenship matched case-insensitively', ALL, 2026, '7112', ' uz ', 'mason-uz'],
    ['occupation trimmed', ALL, 2026, ' 7112 ', 'TJ', 'mason'],
    ['the year counts', ALL, 2025, '7112', 'UZ', 'mason-uz-2025'],
    ['the year counts, overall', ALL, 2025, '7112', 'TJ', 'overall-2025'],
    ['no allocation for the year', ALL, 2027, '7112', 'UZ', null],
    ['occupation beats citizenship', [alloc('uz', null, 'UZ'), alloc('mason', '7112', null)], 2026, '7112', 'UZ', 'mason'],
    ['no overall: an unmatched request has none', [alloc('mason', '7112', null)], 2026, '9313', 'UZ', null],
    ['empty table', [], 2026, '7112', 'UZ', null],
    ['a specific allocation for someone else never matches', [alloc('mason-tj', '7112', 'TJ')], 2026, '7112', 'UZ', null],
  ] as const)('%s', (_name, allocations, year, occupationCode, citizenship, expected) => {
    expect(matchingAllocation(allocations, { year, occupationCode, citizenship })?.id ?? null).toBe(expected);
  });

  it('of duplicates, takes the one with fewer places left', () => {
    const dupes = [alloc('roomy', '7112', null, 100, 10), alloc('tight', '7112', null, 100, 95), alloc('roomier', '7112', null, 100, 0)];
    expect(matchingAllocation(dupes, { year: 2026, occupationCode: '7112', citizenship: 'UZ' })?.id).toBe('tight');
  });
});

describe('matchingAllocations: every ceiling of a request', () => {
  it.each([
    ['occupation and citizenship: all four, most specific first', 2026, '7112', 'UZ', ['mason-uz', 'mason', 'uz', 'overall']],
    ['occupation, other citizenship', 2026, '7112', 'TJ', ['mason', 'overall']],
    ['occupation, no citizenship (several preferred)', 2026, '7112', null, ['mason', 'overall']],
    ['citizenship, other occupation', 2026, '9313', 'UZ', ['uz', 'overall']],
    ['neither: the overall one only', 2026, '9313', 'TJ', ['overall']],
    ['another year', 2025, '7112', 'UZ', ['mason-uz-2025', 'overall-2025']],
    ['a year without allocations', 2027, '7112', 'UZ', []],
  ] as const)('%s', (_name, year, occupationCode, citizenship, expected) => {
    expect(matchingAllocations(ALL, { year, occupationCode, citizenship }).map((a) => a.id)).toEqual(expected);
  });
});

describe('remaining', () => {
  it.each([
    [100, 0, 100],
    [100, 60, 40],
    [100, 100, 0],
    [50, 60, 0],
  ])('limit %i, approved %i: %i left', (limit, approved, left) => expect(remaining(alloc('a', null, null, limit, approved))).toBe(left));
});

describe('quotaProblem', () => {
  it.each([
    ['plenty of room', 100, 10, 5, null],
    ['exactly the last places', 100, 95, 5, null],
    ['one too many', 100, 96, 5, 4],
    ['full', 100, 100, 1, 0],
    ['over-full after a manual cut', 50, 60, 1, 0],
    ['a rejection needs no room', 100, 100, 0, null],
  ])('%s', (_name, limit, approved, count, left) => {
    const problem = quotaProblem([alloc('mason-uz', '7112', 'UZ', limit, approved)], count);
    if (left === null) expect(problem).toBeNull();
    else expect(problem).toEqual({ code: 'QUOTA_EXHAUSTED', allocationId: 'mason-uz', remaining: left, message: expect.any(String) });
  });

  it.each([
    ['room everywhere', [100, 100, 100], 10, null, null],
    ['the overall one is full although the specific one has room', [10, 100, 0], 1, 'overall', 0],
    ['the intermediate one is the tightest', [10, 3, 5], 4, 'mason', 3],
    ['the specific one is the tightest', [2, 3, 5], 4, 'mason-uz', 2],
    ['a tie: the most specific is named', [3, 3, 3], 4, 'mason-uz', 3],
    ['exactly what the tightest has left', [10, 3, 5], 3, null, null],
  ] as const)('several ceilings: %s', (_name, [specificLeft, occupationLeft, overallLeft], count, named, left) => {
    const ceilings = [
      alloc('mason-uz', '7112', 'UZ', 100, 100 - specificLeft),
      alloc('mason', '7112', null, 100, 100 - occupationLeft),
      alloc('overall', null, null, 100, 100 - overallLeft),
    ];
    const problem = quotaProblem(ceilings, count);
    if (named === null) expect(problem).toBeNull();
    else expect(problem).toEqual({ code: 'QUOTA_EXHAUSTED', allocationId: named, remaining: left, message: expect.any(String) });
  });

  it('describes the allocation', () => {
    expect(quotaProblem([alloc('mason-uz', '7112', 'UZ', 100, 96)], 5)?.message).toBe(
      'the 2026 quota for occupation 7112, citizenship UZ has 4 of 100 places left; 5 requested',
    );
    expect(quotaProblem([alloc('mason-uz', '7112', 'UZ', 100, 0), alloc('overall', null, null, 10, 10)], 1)?.message).toBe(
      'the 2026 quota has 0 of 10 places left; 1 requested',
    );
  });

  it('no allocation means no room, with a code of its own', () => {
    expect(quotaProblem([], 1)).toEqual({
      code: 'NO_QUOTA_ALLOCATION',
      allocationId: null,
      remaining: 0,
      message: expect.stringContaining('no quota allocation'),
    });
    expect(quotaProblem([], 0)).toBeNull();
  });

  it.each([-1, 1.5, NaN])('refuses a count of %s', (count) => {
    expect(() => quotaProblem([alloc('a', null, null)], count)).toThrow(RangeError);
  });
});

describe('limitChangeProblem', () => {
  it.each([
    ['raise', 100, 60, 150, false],
    ['cut to what is approved', 100, 60, 60, false],
    ['cut below what is approved', 100, 60, 59, true],
    ['cut to zero, nothing approved', 100, 0, 0, false],
    ['cut to zero with approvals', 100, 1, 0, true],
  ])('%s', (_name, limit, approved, newLimit, refused) => {
    const problem = limitChangeProblem(alloc('a', null, null, limit, approved), newLimit);
    if (!refused) expect(problem).toBeNull();
    else expect(problem).toEqual({ code: 'LIMIT_BELOW_APPROVED', field: 'limit', approved, message: expect.stringContaining(String(approved)) });
  });

  it.each([-1, 2.5, NaN])('refuses a new limit of %s', (newLimit) => {
    expect(() => limitChangeProblem(alloc('a', null, null), newLimit)).toThrow(RangeError);
  });
});

describe('quotaKeyFor', () => {
  it.each([
    [['UZ'], 'UZ'],
    [[' uz '], 'UZ'],
    [['UZ', 'uz'], 'UZ'],
    [['UZ', 'TJ'], null],
    [[], null],
  ])('citizenships %j count under %s', (preferredCitizenships, citizenship) => {
    expect(quotaKeyFor({ periodStart: '2026-12-31', occupationCode: '7112', preferredCitizenships })).toEqual({
      year: 2026,
      occupationCode: '7112',
      citizenship,
    });
  });

  it('takes the year of the first day', () => {
    expect(quotaKeyFor({ periodStart: '2027-01-01', occupationCode: '5120', preferredCitizenships: [] }).year).toBe(2027);
  });
});

describe('citizenshipQuotaProblem', () => {
  const TJ_ONLY = [alloc('overall', null, null), alloc('tj', null, 'TJ')];
  const request = (preferredCitizenships: string[], occupationCode = '7112', periodStart = '2026-04-01') => ({
    periodStart,
    occupationCode,
    preferredCitizenships,
  });

  it.each([
    ['one citizenship is counted under it', TJ_ONLY, ['TJ'], null],
    ['one other citizenship', TJ_ONLY, ['UZ'], null],
    ['the same one twice counts as one', TJ_ONLY, ['TJ', ' tj '], null],
    ['several, one with its own limit', TJ_ONLY, ['UZ', 'TJ'], ['TJ']],
    ['several, written loosely', TJ_ONLY, ['uz', ' tj'], ['TJ']],
    ['several, none with its own limit', TJ_ONLY, ['UZ', 'KG'], null],
    ['none named: any limited citizenship could come', TJ_ONLY, [], ['TJ']],
    ['none named, several limited: sorted', [alloc('uz', null, 'UZ'), alloc('tj', null, 'TJ'), alloc('overall', null, null)], [], ['TJ', 'UZ']],
    ['several, both limited: in the order named', [alloc('uz', null, 'UZ'), alloc('tj', null, 'TJ')], ['UZ', 'TJ'], ['UZ', 'TJ']],
    ['an occupation-and-citizenship limit of the same occupation', [alloc('mason-tj', '7112', 'TJ'), alloc('overall', null, null)], ['UZ', 'TJ'], ['TJ']],
    ['an occupation-and-citizenship limit of another occupation', [alloc('cook-tj', '5120', 'TJ'), alloc('overall', null, null)], ['UZ', 'TJ'], null],
    ['an occupation limit takes precedence over the citizenship one', [alloc('tj', null, 'TJ'), alloc('mason', '7112', null)], ['UZ', 'TJ'], null],
    ['none named, only an occupation limit', [alloc('mason', '7112', null), alloc('overall', null, null)], [], null],
    ['a citizenship limit of another year', [alloc('tj-2025', null, 'TJ', 100, 0, 2025), alloc('overall', null, null)], ['UZ', 'TJ'], null],
    ['no allocations at all', [], ['UZ', 'TJ'], null],
  ] as const)('%s', (_name, allocations, preferred, expected) => {
    const problem = citizenshipQuotaProblem(allocations, request([...preferred]));
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toEqual({ code: 'QUOTA_CITIZENSHIP_REQUIRED', field: 'preferredCitizenships', citizenships: expected, message: expect.any(String) });
  });

  it('names the citizenships and what to do', () => {
    expect(citizenshipQuotaProblem(TJ_ONLY, request(['UZ', 'TJ']))?.message).toBe(
      "this year's limits are set per citizenship for TJ: ask for one citizenship per request",
    );
  });
});
