/**
 * Small-cell suppression of the complaint summary (issue 19: "any cell counting 1 to 4 complaints
 * in a group that could identify a worker is shown as `<5`, never its number"), and the
 * complementary suppression that keeps the published sums from giving a hidden cell back.
 *
 * The report publishes linear relations: a group's total is the sum of each of its breakdowns,
 * its RESOLVED count the sum of its findings, an overall figure the sum of its column over every
 * group (the group of complaints with no employer included). A relation with exactly one hidden
 * member gives that member by subtraction, so another member of it is withheld too (`null`), until
 * every relation has none or at least two hidden members. The overall figures are never hidden:
 * they identify no one by themselves.
 */

export const SMALL_CELL = '<5' as const;
export type ShownCount = number | typeof SMALL_CELL | null;

/** A count that must never be published as a number: 1 to 4. */
export const isSmall = (n: number): boolean => n >= 1 && n <= 4;

/**
 * Which member of a relation to withhold next: the smallest count of 5 or more (it hides the small
 * one best, since a withheld count is known to be 0 or at least 5), else a zero.
 */
function preferred(values: readonly number[], a: number, b: number): number {
  const rank = (i: number) => (values[i] >= 5 ? values[i] : Number.MAX_SAFE_INTEGER);
  return rank(b) < rank(a) || (rank(b) === rank(a) && b < a) ? b : a;
}

/**
 * `values`: every count of the report; `relations`: lists of indices whose members sum up (the total
 * among them); `fixed`: indices published as they are (the overall figures). Returns what to
 * publish per index: the count, `<5` (1 to 4) or null (withheld to protect a small one). A relation
 * whose only other members are fixed cannot be protected: it is left as it is.
 */
export function suppressSmallCells(values: readonly number[], relations: readonly (readonly number[])[], fixed: ReadonlySet<number>): ShownCount[] {
  const state = values.map((v, i): 'shown' | 'small' | 'withheld' => (!fixed.has(i) && isSmall(v) ? 'small' : 'shown'));
  const hidden = (i: number) => state[i] !== 'shown';
  const relationsOf: number[][] = values.map(() => []);
  relations.forEach((r, k) => r.forEach((i) => relationsOf[i].push(k)));
  const work = relations.map((_, k) => k);
  while (work.length) {
    const members = relations[work.pop()!];
    if (members.filter(hidden).length !== 1) continue;
    const candidates = members.filter((i) => !hidden(i) && !fixed.has(i));
    if (!candidates.length) continue;
    const pick = candidates.reduce((a, b) => preferred(values, a, b));
    state[pick] = 'withheld';
    work.push(...relationsOf[pick]);
  }
  return values.map((v, i) => (state[i] === 'shown' ? v : state[i] === 'small' ? SMALL_CELL : null));
}

/** Whether some relation has exactly one hidden member (what suppressSmallCells prevents); for tests. */
export function revealingRelations(shown: readonly ShownCount[], relations: readonly (readonly number[])[]): number[][] {
  return relations.filter((r) => r.filter((i) => typeof shown[i] !== 'number').length === 1).map((r) => [...r]);
}
