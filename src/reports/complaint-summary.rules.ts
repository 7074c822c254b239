/**
 * The complaint summary (issue 19; issue 18, item 11): its groupings, the breakdowns it counts and
 * the relations between its figures that small-cell suppression must respect.
 */
import { AGAINST } from '../complaints/dto/complaint.dto';
import { CATEGORIES, FINDINGS, SEVERITIES, STATUSES } from '../complaints/complaint.rules';
import { type ShownCount, suppressSmallCells } from './small-cells.rules';

export const COMPLAINT_GROUPS = ['employer', 'intermediary', 'partnerAgency', 'citizenship'] as const;
export type ComplaintGroup = (typeof COMPLAINT_GROUPS)[number];

/** Groupings in which a small count could point at a worker: their cells of 1 to 4 are `<5`. */
export const IDENTIFYING_GROUPS: ReadonlySet<ComplaintGroup> = new Set(['employer', 'intermediary', 'partnerAgency']);

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
const OFFSETS = BREAKDOWN_NAMES.reduce<Record<string, number>>((acc, b, i, all) => ({ ...acc, [b]: i === 0 ? 0 : acc[all[i - 1]] + BREAKDOWNS[all[i - 1]].length }), {});
export const CELL_COUNT = BREAKDOWN_NAMES.reduce((n, b) => n + BREAKDOWNS[b].length, 0);

export interface GroupCounts {
  total: number;
  /** every breakdown's counts, in BREAKDOWNS order */
  cells: number[];
}

/** `cells` as `{byCategory: [{key, count}], …}`. */
export function breakdowns<T>(cells: readonly T[]): Record<Breakdown, { key: string; count: T }[]> {
  return Object.fromEntries(BREAKDOWN_NAMES.map((b) => [b, BREAKDOWNS[b].map((key, j) => ({ key, count: cells[OFFSETS[b] + j] }))])) as Record<Breakdown, { key: string; count: T }[]>;
}

/**
 * The groups' figures as they may be published when the grouping identifies: the overall figures
 * (not suppressed) and each group's total and cells through suppressSmallCells, with the relations
 * total = Σ each breakdown, RESOLVED = Σ findings (per group), and overall = Σ groups (per column).
 */
export function suppressGroups(overall: GroupCounts, groups: readonly GroupCounts[]): { total: ShownCount; cells: ShownCount[] }[] {
  const width = 1 + CELL_COUNT; // total, then cells
  const values = [overall.total, ...overall.cells, ...groups.flatMap((g) => [g.total, ...g.cells])];
  const fixed = new Set(Array.from({ length: width }, (_, i) => i));
  const at = (row: number, col: number) => row * width + col; // row 0: overall
  const resolved = 1 + OFFSETS.byStatus + STATUSES.indexOf('RESOLVED');
  const relations: number[][] = [];
  for (let row = 0; row <= groups.length; row++) {
    for (const b of BREAKDOWN_NAMES) {
      const parts = BREAKDOWNS[b].map((_, j) => at(row, 1 + OFFSETS[b] + j));
      relations.push([b === 'byFinding' ? at(row, resolved) : at(row, 0), ...parts]);
    }
  }
  for (let col = 0; col < width; col++) relations.push([at(0, col), ...groups.map((_, g) => at(g + 1, col))]);
  const shown = suppressSmallCells(values, relations, fixed);
  return groups.map((_, g) => ({ total: shown[at(g + 1, 0)], cells: shown.slice(at(g + 1, 1), at(g + 2, 0)) }));
}

/** A median over fewer than 5 complaints of an identifying group would tell one complaint's own times. */
export const MEDIAN_MIN_COUNT = 5;
