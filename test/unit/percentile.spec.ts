import { percentileCont } from '../support/percentile';

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
