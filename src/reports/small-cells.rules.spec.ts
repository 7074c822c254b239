import { revealingRelations, type ShownCount, SMALL_CELL, suppressSmallCells } from './small-cells.rules';

describe('suppressSmallCells', () => {
  it.each<[string, number[], number[][], [number, ShownCount][], ShownCount[]]>([
    ['nothing small: everything shown', [10, 5, 5], [[0, 1, 2]], [], [10, 5, 5]],
    ['0 and 5 are shown, 1 to 4 are not', [0, 1, 4, 5], [], [], [0, SMALL_CELL, SMALL_CELL, 5]],
    ['one small part: the smallest other count of 5 or more is withheld with it', [20, 3, 9, 8], [[0, 1, 2, 3]], [], [20, SMALL_CELL, 9, null]],
    ['two small parts protect each other', [10, 3, 2, 5], [[0, 1, 2, 3]], [], [10, SMALL_CELL, SMALL_CELL, 5]],
    ['a small total and its only part are both small', [3, 3, 0], [[0, 1, 2]], [], [SMALL_CELL, SMALL_CELL, 0]],
    ['a zero is never withheld: the total goes instead', [8, 3, 0, 5], [[0, 1, 2, 3]], [[3, 5]], [null, SMALL_CELL, 0, 5]],
    [
      'a fixed figure keeps what it was decided to be',
      [9, 4, 5],
      [[0, 1, 2]],
      [
        [0, 9],
        [1, 4],
      ],
      [9, 4, 5],
    ],
    ['a fixed hidden figure counts as hidden', [9, 4, 5], [[0, 1, 2]], [[0, null]], [null, SMALL_CELL, 5]],
  ])('%s', (_, values, relations, fixed, shown) => {
    expect(suppressSmallCells(values, relations, new Map(fixed))).toEqual(shown);
  });

  it('prefers the member whose withholding opens no other relation', () => {
    // row 1: t1 = a + b; row 2: t2 = c + d; columns: a + c = A, b + d = B. a is small.
    //   a=3 b=7 | t1=10     withholding b would open column B (b, d) and row... d=9 would follow
    //   c=6 d=9 | t2=15
    const [a, b, t1, c, d, t2, A, B] = [0, 1, 2, 3, 4, 5, 6, 7];
    const values = [3, 7, 10, 6, 9, 15, 9, 16];
    const relations = [
      [t1, a, b],
      [t2, c, d],
      [A, a, c],
      [B, b, d],
    ];
    const shown = suppressSmallCells(values, relations);
    expect(shown[a]).toBe(SMALL_CELL);
    expect(revealingRelations(shown, relations)).toEqual([]);
  });

  it.each([
    [1, 6, 5],
    [2, 6, 5],
    [3, 6, 5],
    [4, 6, 5],
    [5, 6, 5],
    [6, 800, 12],
  ])('random tables (seed %i, %i × %i): every count 1–4 hidden, no relation with a single hidden member', (seed, rows, cols) => {
    let s = seed;
    const rnd = (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
    const cell = Array.from({ length: rows }, () => Array.from({ length: cols }, () => [0, 0, 1, 2, 3, 4, 5, 6, 9, 12][rnd(10)]));
    // layout: row r: cols cells then its total; then the column totals, then the grand total
    const values: number[] = [];
    const relations: number[][] = [];
    const idx = (r: number, c: number) => r * (cols + 1) + c;
    for (let r = 0; r < rows; r++) {
      values.push(
        ...cell[r],
        cell[r].reduce((x, y) => x + y, 0),
      );
      relations.push([idx(r, cols), ...Array.from({ length: cols }, (_, c) => idx(r, c))]);
    }
    for (let c = 0; c <= cols; c++) {
      values.push(Array.from({ length: rows }, (_, r) => values[idx(r, c)]).reduce((x, y) => x + y, 0));
      relations.push([rows * (cols + 1) + c, ...Array.from({ length: rows }, (_, r) => idx(r, c))]);
    }
    const shown = suppressSmallCells(values, relations);
    values.forEach((v, i) => {
      if (v >= 1 && v <= 4) expect(shown[i]).toBe(SMALL_CELL);
      else expect(shown[i] === v || shown[i] === null).toBe(true);
    });
    expect(revealingRelations(shown, relations)).toEqual([]);
  });
});
