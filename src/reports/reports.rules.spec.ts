import { complianceTotals, gapPercent, money, onTimeRate, percentileCont, percentOf, quotaFigures, quotaTotals, remainingOf } from './reports.rules';

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

describe('percentileCont (as PostgreSQL percentile_cont)', () => {
  it.each([
    [[40_000], 0.1, 40_000],
    [[1, 2, 3], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[10, 20, 30, 40, 50], 0.1, 14],
    [[10, 20, 30, 40, 50], 0.9, 46],
    [[10, 20], 0, 10],
    [[10, 20], 1, 20],
  ])('%p at %p → %p', (values: number[], fraction: number, expected: number) => expect(percentileCont(values, fraction)).toBeCloseTo(expected, 9));

  it('returns null for no values and refuses a fraction outside 0..1', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
    expect(() => percentileCont([1], -0.1)).toThrow(RangeError);
  });
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
