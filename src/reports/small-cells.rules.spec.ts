import { revealingRelations, SMALL_CELL, suppressSmallCells } from './small-cells.rules';

describe('suppressSmallCells', () => {
  it.each<[string, number[], number[][], number[], (number | string | null)[]]>([
    ['nothing small: everything shown', [10, 5, 5], [[0, 1, 2]], [], [10, 5, 5]],
    ['0 and 5 are shown, 1 to 4 are not', [0, 1, 4, 5], [], [], [0, SMALL_CELL, SMALL_CELL, 5]],
    ['one small part: the smallest part of 5 or more is withheld with it', [20, 3, 9, 8], [[0, 1, 2, 3]], [], [20, SMALL_CELL, 9, null]],
    ['two small parts protect each other', [10, 3, 2, 5], [[0, 1, 2, 3]], [], [10, SMALL_CELL, SMALL_CELL, 5]],
    ['a small total and its only part are both small', [3, 3, 0], [[0, 1, 2]], [], [SMALL_CELL, SMALL_CELL, 0]],
    ['a zero is withheld only when no part of 5 or more is left', [10, 3, 0, 7], [[0, 1, 2, 3]], [0, 3], [10, SMALL_CELL, null, 7]],
    ['fixed (overall) figures are never hidden, nor small', [4, 4, 0], [[0, 1, 2]], [0], [4, SMALL_CELL, null]],
    ['a relation with only fixed members left stays as it is', [4, 4], [[0, 1]], [0], [4, SMALL_CELL]],
  ])('%s', (_, values, relations, fixed, shown) => {
    expect(suppressSmallCells(values, relations, new Set(fixed))).toEqual(shown);
  });

  it('propagates through crossing relations until none gives a hidden cell back', () => {
    // two groups (rows) × two columns, with row totals and fixed column totals:
    //   a=3  b=7 | 10
    //   c=6  d=9 | 15
    //   9    16  | 25 (fixed)
    const [a, b, ra, c, d, rc, ca, cb, all] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const values = [3, 7, 10, 6, 9, 15, 9, 16, 25];
    const relations = [[ra, a, b], [rc, c, d], [ca, a, c], [cb, b, d], [all, ra, rc]];
    const shown = suppressSmallCells(values, relations, new Set([ca, cb, all]));
    expect(shown[a]).toBe(SMALL_CELL);
    expect(revealingRelations(shown, relations)).toEqual([]);
    expect(shown.filter((s) => s === null).length).toBeGreaterThanOrEqual(2);
  });
});
