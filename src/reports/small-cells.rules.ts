/**
 * Small-cell suppression of the complaint summary (issue 19: "any cell counting 1 to 4 complaints
 * in a group that could identify a worker is shown as `<5`, never its number"), and the
 * complementary suppression that keeps the published sums from giving a hidden cell back.
 *
 * The report publishes linear relations: a total is the sum of each of its breakdowns, a RESOLVED
 * count the sum of its findings, an overall figure the sum of its column over every group (the
 * group of complaints with no employer included). A relation with exactly one hidden member gives
 * that member by subtraction, so another member of it is withheld too (`null`), until every relation
 * has none or at least two hidden members. Only counts of 5 or more are withheld: a withheld count is
 * known to be 0 or at least 5 (1 to 4 would be `<5`), so withholding a zero would protect nothing.
 */

export const SMALL_CELL = '<5' as const;
export type ShownCount = number | typeof SMALL_CELL | null;

/** A count that must never be published as a number: 1 to 4. */
export const isSmall = (n: number): boolean => n >= 1 && n <= 4;

/**
 * `values`: every count of the answer; `relations`: lists of indices whose members sum up (the
 * total among them); `fixed`: indices already decided (how they are published; never changed).
 * Returns what to publish per index: the count, `<5` (1 to 4) or null (withheld). Of the members
 * that could be withheld, the one that ends up withholding fewest cells in all is taken (the few
 * cheapest by the relations they open, then by count, are played out).
 */
export function suppressSmallCells(
  values: readonly number[],
  relations: readonly (readonly number[])[],
  fixed: ReadonlyMap<number, ShownCount> = new Map(),
): ShownCount[] {
  const shown: ShownCount[] = values.map((v, i) => (fixed.has(i) ? fixed.get(i)! : isSmall(v) ? SMALL_CELL : v));
  // kept up to date: tables of thousands of groups
  const hiddenIn = new Int32Array(relations.length);
  relations.forEach((r, k) => {
    for (const i of r) if (typeof shown[i] !== 'number') hiddenIn[k]++;
  });
  const state: State = { shown, hiddenIn };
  protect(
    state,
    relations.map((_, k) => k),
    { values, relations, relationsOf: membership(values.length, relations), fixed },
    LOOKAHEAD,
  );
  return state.shown;
}

/**
 * The relations each index is a member of, in relation order, as one flat array sliced by offsets
 * (a list per index would be hundreds of thousands of small arrays for an answer of thousands of groups).
 */
function membership(n: number, relations: readonly (readonly number[])[]): (i: number) => Int32Array {
  const start = new Int32Array(n + 1);
  for (const r of relations) for (const i of r) start[i + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const of = new Int32Array(start[n]);
  const next = start.slice(0, n);
  relations.forEach((r, k) => {
    for (const i of r) of[next[i]++] = k;
  });
  return (i) => of.subarray(start[i], start[i + 1]);
}

interface State {
  shown: ShownCount[];
  hiddenIn: Int32Array;
}
interface Table {
  values: readonly number[];
  relations: readonly (readonly number[])[];
  relationsOf: (i: number) => Int32Array;
  fixed: ReadonlyMap<number, ShownCount>;
}

/** How many of the cheapest candidates are tried to the end before one is chosen. */
const LOOKAHEAD = 6;

/**
 * Withholds until no relation of `work` (and of what it touches) has a single hidden member.
 * Candidates are ranked by the relations they would open, then their count; with `lookahead`, the
 * first few are each played out to the end and the one withholding fewest cells in all is taken.
 */
function protect(state: State, work: number[], t: Table, lookahead: number, log?: number[]): number {
  let withheld = 0;
  const hidden = (i: number) => typeof state.shown[i] !== 'number';
  const cascade = (i: number) => t.relationsOf(i).reduce((n, k) => (state.hiddenIn[k] === 0 ? n + 1 : n), 0);
  while (work.length) {
    const k = work.pop()!;
    if (state.hiddenIn[k] !== 1) continue;
    const candidates = t.relations[k].filter((i) => !hidden(i) && !t.fixed.has(i) && t.values[i] >= 5);
    if (!candidates.length) continue; // cannot happen when the relations hold (see the spec); left as it is
    const cost = (i: number): [number, number, number] => [cascade(i), t.values[i], i];
    const ranked = candidates.map((i) => ({ i, c: cost(i) })).sort((a, b) => compare(a.c, b.c));
    let pick = ranked[0].i;
    if (lookahead > 0 && ranked.length > 1) {
      let best = Number.MAX_SAFE_INTEGER;
      for (const { i } of ranked.slice(0, lookahead)) {
        const trial: number[] = []; // played out on the state itself, then undone (tables of thousands of groups)
        const n = withhold(state, i, t, trial) + protect(state, Array.from(t.relationsOf(i)), t, 0, trial);
        for (const j of trial) unwithhold(state, j, t);
        if (n < best) [best, pick] = [n, i];
      }
    }
    withheld += withhold(state, pick, t, log);
    work.push(...t.relationsOf(pick));
  }
  return withheld;
}

function withhold(state: State, i: number, t: Table, log?: number[]): number {
  state.shown[i] = null;
  for (const k of t.relationsOf(i)) state.hiddenIn[k]++;
  log?.push(i);
  return 1;
}

function unwithhold(state: State, i: number, t: Table): void {
  state.shown[i] = t.values[i];
  for (const k of t.relationsOf(i)) state.hiddenIn[k]--;
}

const compare = (a: readonly number[], b: readonly number[]) => a.reduce((d, x, j) => d || x - b[j], 0);

/** Relations that have exactly one hidden member (what suppressSmallCells prevents); for tests. */
export function revealingRelations(shown: readonly ShownCount[], relations: readonly (readonly number[])[]): number[][] {
  return relations.filter((r) => r.filter((i) => typeof shown[i] !== 'number').length === 1).map((r) => [...r]);
}
