import {
  asOfProblems,
  complianceTotals,
  gapPercent,
  money,
  onTimeRate,
  percentOf,
  pipelineSteps,
  quotaFigures,
  quotaTotals,
  remainingOf,
  reportPeriod,
} from './reports.rules';

describe('percentOf', () => {
  it.each([
    [5, 10, 50],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [0, 10, 0],
    [12, 10, 120],
    [3, 0, null],
    [3, null, null],
  ])('%p of %p → %p', (part, whole, expected) => expect(percentOf(part, whole)).toBe(expected));
});

describe('remainingOf', () => {
  it.each([
    [10, 4, 6],
    [10, 10, 0],
    [5, 8, 0],
    [10, null, 10],
    [null, 3, null],
  ])('limit %p approved %p → %p', (limit, approved, expected) => expect(remainingOf(limit, approved)).toBe(expected));
});

describe('gapPercent', () => {
  it.each([
    [60_000, 78_000, -23.1],
    [78_000, 78_000, 0],
    [31_157, 31_157, 0],
    [40_000, 32_000, 25],
    [null, 10, null],
    [10, null, null],
    [10, 0, null],
  ])('%p against %p → %p', (value, reference, expected) => expect(gapPercent(value, reference)).toBe(expected));
});

describe('onTimeRate', () => {
  it.each([
    [{ onTime: 3, late: 1, missed: 0 }, 75],
    [{ onTime: 0, late: 0, missed: 2 }, 0],
    [{ onTime: 1, late: 1, missed: 1 }, 33.3],
    [{ onTime: 0, late: 0, missed: 0 }, null],
  ])('%p → %p', (c, expected) => expect(onTimeRate(c)).toBe(expected));
});

describe('money', () => {
  it.each([
    [60_500, 60_500],
    [1234.5678, 1234.57],
    [null, null],
  ])('%p → %p', (x, expected) => expect(money(x)).toBe(expected));
});

describe('quotaFigures and quotaTotals', () => {
  it('derives remaining and use from the counts', () => {
    expect(quotaFigures({ limit: 20, requested: 12, approved: 8, placed: 5, endedEarly: 1 })).toEqual({
      limit: 20,
      requested: 12,
      approved: 8,
      placed: 5,
      endedEarly: 1,
      remaining: 12,
      usePercent: 40,
    });
    expect(quotaFigures({ limit: null, requested: 3, approved: 2, placed: 1, endedEarly: 0 })).toMatchObject({ remaining: null, usePercent: null });
  });

  it.each([
    ['no rows', [], { limit: null, requested: null, approved: null, placed: 0, endedEarly: 0, remaining: null, usePercent: null }],
    [
      'limits in some rows only',
      [
        { limit: 10, requested: 6, approved: 5, placed: 2, endedEarly: 1 },
        { limit: null, requested: 4, approved: 3, placed: 3, endedEarly: 0 },
      ],
      { limit: 10, requested: 10, approved: 8, placed: 5, endedEarly: 1, remaining: 2, usePercent: 80 },
    ],
    [
      'partner agencies: placements only',
      [
        { limit: null, requested: null, approved: null, placed: 2, endedEarly: 1 },
        { limit: null, requested: null, approved: null, placed: 1, endedEarly: 0 },
      ],
      { limit: null, requested: null, approved: null, placed: 3, endedEarly: 1, remaining: null, usePercent: null },
    ],
  ])('%s', (_name, rows, expected) => expect(quotaTotals(rows)).toEqual(expected));
});

describe('complianceTotals', () => {
  it('sums every count', () => {
    const a = { due: 5, onTime: 2, late: 1, missed: 1, waived: 1, open: 0 };
    const b = { due: 3, onTime: 0, late: 0, missed: 0, waived: 0, open: 3 };
    expect(complianceTotals([a, b])).toEqual({ due: 8, onTime: 2, late: 1, missed: 1, waived: 1, open: 3 });
    expect(complianceTotals([])).toEqual({ due: 0, onTime: 0, late: 0, missed: 0, waived: 0, open: 0 });
  });
});

describe('reportPeriod', () => {
  const today = '2026-12-07';
  it.each([
    ['a year', { year: 2026 }, { from: '2026-01-01', to: '2026-12-31' }],
    ['from and to', { from: '2026-02-01', to: '2026-03-31' }, { from: '2026-02-01', to: '2026-03-31' }],
    ['one day', { from: '2026-02-01', to: '2026-02-01' }, { from: '2026-02-01', to: '2026-02-01' }],
    ['a year as of today', { year: 2026, asOf: today }, { from: '2026-01-01', to: '2026-12-31' }],
    ['a later year as of a past day (nothing yet)', { year: 2027, asOf: '2026-01-01' }, { from: '2027-01-01', to: '2027-12-31' }],
    ['nothing', {}, [{ field: 'year', message: 'year (or from and to) is required' }]],
    ['year and from', { year: 2026, from: '2026-01-01', to: '2026-02-01' }, [{ field: 'from', message: 'give either year or from and to, not both' }]],
    ['year and to', { year: 2026, to: '2026-02-01' }, [{ field: 'to', message: 'give either year or from and to, not both' }]],
    ['from alone', { from: '2026-01-01' }, [{ field: 'to', message: 'is required with from' }]],
    ['to alone', { to: '2026-01-01' }, [{ field: 'from', message: 'is required with to' }]],
    ['from after to', { from: '2026-03-02', to: '2026-03-01' }, [{ field: 'from', message: 'must not be after to (2026-03-01)' }]],
    ['asOf tomorrow', { year: 2026, asOf: '2026-12-08' }, [{ field: 'asOf', message: 'must not be in the future (today is 2026-12-07)' }]],
    [
      'every fault at once',
      { from: '2026-03-02', to: '2026-03-01', asOf: '2027-01-01' },
      [
        { field: 'from', message: 'must not be after to (2026-03-01)' },
        { field: 'asOf', message: 'must not be in the future (today is 2026-12-07)' },
      ],
    ],
  ])('%s', (_name, query, expected) => expect(reportPeriod(query, today)).toEqual(expected));

  it('asOfProblems: none without asOf', () => expect(asOfProblems(undefined, today)).toEqual([]));
});

describe('pipelineSteps', () => {
  it.each([
    [
      'counts, conversions to the next step, medians rounded; the last step has neither',
      { reached: [10, 8, 6, 6, 3, 1], continued: [8, 6, 6, 3, 1], medianDays: [4.04, 9.96, 2.5, null, 7] },
      [
        { step: 'candidate', count: 10, conversionPercent: 80, medianDays: 4 },
        { step: 'selected', count: 8, conversionPercent: 75, medianDays: 10 },
        { step: 'inTransit', count: 6, conversionPercent: 100, medianDays: 2.5 },
        { step: 'arrived', count: 6, conversionPercent: 50, medianDays: null },
        { step: 'ready', count: 3, conversionPercent: 33.3, medianDays: 7 },
        { step: 'placed', count: 1, conversionPercent: null, medianDays: null },
      ],
    ],
    [
      'nobody: zero counts, no conversion',
      { reached: [], continued: [], medianDays: [] },
      ['candidate', 'selected', 'inTransit', 'arrived', 'ready', 'placed'].map((step) => ({ step, count: 0, conversionPercent: null, medianDays: null })),
    ],
  ])('%s', (_name, counts, expected) => expect(pipelineSteps(counts)).toEqual(expected));
});
