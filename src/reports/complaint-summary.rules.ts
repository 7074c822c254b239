/**
 * The complaint summary (issue 19; issue 18, item 11): its groupings, the breakdowns it counts and
 * the relations between its figures that small-cell suppression must respect.
 */
import { AGAINST } from '../complaints/dto/complaint.dto';
import { CATEGORIES, FINDINGS, SEVERITIES, STATUSES } from '../complaints/complaint.rules';
import { type ShownCount, suppressSmallCells } from './small-cells.rules';

export const COMPLAINT_GROUPS = ['employer', 'intermediary', 'partnerAgency', 'citizenship'] as const;
export type ComplaintGroup = (typeof COMPLAINT_GROUPS)[number];

/** The breakdowns, in the order of the repository's `cells` array; findings count RESOLVED complaints only. */
export const BREAKDOWNS = {
  byCategory: CATEGORIES,
  bySeverity: SEVERITIES,
  byAgainst: AGAINST,
  byStatus: STATUSES,
  byFinding: FINDINGS,
} as const;
export type Breakdown = keyof typeof BREAKDOWNS;
export const BREAKDOWN_NAMES = Object.keys(BREAKDOWNS) as Breakdown[];

/** Position of each breakdown's first value in `cells`. */
const OFFSETS = BREAKDOWN_NAMES.reduce<Record<string, number>>(
  (acc, b, i, all) => ({ ...acc, [b]: i === 0 ? 0 : acc[all[i - 1]] + BREAKDOWNS[all[i - 1]].length }),
  {},
);
export const CELL_COUNT = BREAKDOWN_NAMES.reduce((n, b) => n + BREAKDOWNS[b].length, 0);

export interface GroupCounts {
  total: number;
  /** every breakdown's counts, in BREAKDOWNS order */
  cells: number[];
}

/** `cells` as `{byCategory: [{key, count}], …}`. */
export function breakdowns<T>(cells: readonly T[]): Record<Breakdown, { key: string; count: T }[]> {
  return Object.fromEntries(BREAKDOWN_NAMES.map((b) => [b, BREAKDOWNS[b].map((key, j) => ({ key, count: cells[OFFSETS[b] + j] }))])) as Record<
    Breakdown,
    { key: string; count: T }[]
  >;
}

/** The relations inside one row of `1 + CELL_COUNT` figures starting at `base`: total = Σ each breakdown, RESOLVED = Σ findings. */
function rowRelations(base: number): number[][] {
  const resolved = base + 1 + OFFSETS.byStatus + STATUSES.indexOf('RESOLVED');
  return BREAKDOWN_NAMES.map((b) => [b === 'byFinding' ? resolved : base, ...BREAKDOWNS[b].map((_, j) => base + 1 + OFFSETS[b] + j)]);
}

export interface ShownFigures {
  total: ShownCount;
  cells: ShownCount[];
}

/**
 * The figures as they may be published: no count of 1 to 4 anywhere (`<5`), and withheld (null)
 * whatever a published sum would give back. The overall row is decided on its own first, so that it
 * reads the same in every answer whatever the grouping; then the groups, with the overall figures
 * fixed and the columns (overall = Σ groups) as relations too.
 */
export function suppressFigures(overall: GroupCounts, groups: readonly GroupCounts[]): { overall: ShownFigures; groups: ShownFigures[] } {
  const width = 1 + CELL_COUNT; // total, then cells
  const overallValues = [overall.total, ...overall.cells];
  const overallShown = suppressSmallCells(overallValues, rowRelations(0));
  // built by plain loops: an answer per employer has thousands of groups
  const values: number[] = overallValues.slice();
  for (const g of groups) {
    values.push(g.total);
    for (const c of g.cells) values.push(c);
  }
  const relations: number[][] = [];
  for (let row = 1; row <= groups.length; row++) for (const r of rowRelations(row * width)) relations.push(r);
  for (let col = 0; col < width; col++) {
    const column = new Array<number>(groups.length + 1);
    column[0] = col;
    for (let g = 1; g <= groups.length; g++) column[g] = g * width + col;
    relations.push(column);
  }
  const shown = suppressSmallCells(values, relations, new Map(overallShown.map((v, i) => [i, v])));
  const figures = (row: number): ShownFigures => ({ total: shown[row * width], cells: shown.slice(row * width + 1, (row + 1) * width) });
  return { overall: figures(0), groups: groups.map((_, g) => figures(g + 1)) };
}

/** A median over fewer than 5 complaints would tell a few complaints' own times. */
export const MEDIAN_MIN_COUNT = 5;
