/**
 * Pure parts of the management reports (issue 19): the groupings each summary accepts, and the
 * figures derived from the counts the repository's aggregations return (use, rates, gaps, totals).
 */

export const QUOTA_GROUPS = ['occupation', 'citizenship', 'employer', 'sector', 'partnerAgency'] as const;
export type QuotaGroup = (typeof QUOTA_GROUPS)[number];

export const WAGE_GROUPS = ['occupation', 'citizenship'] as const;
export type WageGroup = (typeof WAGE_GROUPS)[number];

/** Deadline kinds that are the employer's obligation (the MVD notices), reported per employer too. */
export const EMPLOYER_DEADLINE_KINDS = ['CONTRACT_NOTIFICATION', 'CONTRACT_TERMINATION_NOTIFICATION'] as const;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** `part` of `whole` in percent, one decimal; null when there is no whole to measure against. */
export function percentOf(part: number, whole: number | null): number | null {
  if (whole === null || whole <= 0) return null;
  return round1((part / whole) * 100);
}

/** Places left under a limit (never negative); null without a limit. */
export function remainingOf(limit: number | null, approved: number | null): number | null {
  if (limit === null) return null;
  return Math.max(0, limit - (approved ?? 0));
}

/** How far `value` sits from `reference`, in percent of the reference (negative: below); null without one. */
export function gapPercent(value: number | null, reference: number | null): number | null {
  if (value === null || reference === null || reference <= 0) return null;
  return round1(((value - reference) / reference) * 100);
}

/**
 * Deadlines met on time among those decided (on time, late or missed), in percent; waived and
 * still open ones are left out, since nobody was due to act on them (yet).
 */
export function onTimeRate(c: { onTime: number; late: number; missed: number }): number | null {
  return percentOf(c.onTime, c.onTime + c.late + c.missed);
}

/** Wages are shown in roubles with kopecks at most. */
export const money = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

export interface QuotaCounts {
  limit: number | null;
  requested: number | null;
  approved: number | null;
  placed: number;
  endedEarly: number;
}

export interface QuotaFigures extends QuotaCounts {
  remaining: number | null;
  usePercent: number | null;
}

/** The counts with what follows from them: places left and the share of the limit used. */
export function quotaFigures(c: QuotaCounts): QuotaFigures {
  return { ...c, remaining: remainingOf(c.limit, c.approved), usePercent: percentOf(c.approved ?? 0, c.limit) };
}

const sumOrNull = (xs: (number | null)[]): number | null => (xs.every((x) => x === null) ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0));

/** The sums of the rows (a column with no figure in any row stays null), and the use of the summed limit. */
export function quotaTotals(rows: readonly QuotaCounts[]): QuotaFigures {
  return quotaFigures({
    limit: sumOrNull(rows.map((r) => r.limit)),
    requested: sumOrNull(rows.map((r) => r.requested)),
    approved: sumOrNull(rows.map((r) => r.approved)),
    placed: rows.reduce((s, r) => s + r.placed, 0),
    endedEarly: rows.reduce((s, r) => s + r.endedEarly, 0),
  });
}

export interface ComplianceCounts {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  waived: number;
  open: number;
}

/** Sums of compliance counts. */
export function complianceTotals(rows: readonly ComplianceCounts[]): ComplianceCounts {
  const zero: ComplianceCounts = { due: 0, onTime: 0, late: 0, missed: 0, waived: 0, open: 0 };
  return rows.reduce(
    (s, r) => ({
      due: s.due + r.due,
      onTime: s.onTime + r.onTime,
      late: s.late + r.late,
      missed: s.missed + r.missed,
      waived: s.waived + r.waived,
      open: s.open + r.open,
    }),
    zero,
  );
}

// ── The recruitment pipeline and reports as of a day ─────────────────────────────────────────

export const PIPELINE_GROUPS = ['partnerAgency', 'citizenship'] as const;
export type PipelineGroup = (typeof PIPELINE_GROUPS)[number];

/**
 * The steps of the pipeline, in order, each reached when the worker's status history first shows
 * its lifecycle status (worker-lifecycle.rules: DOCUMENTS_IN_PROGRESS lies inside "arrived").
 */
export const PIPELINE_STEPS = [
  { step: 'candidate', status: 'CANDIDATE', labelRu: 'Кандидаты' },
  { step: 'selected', status: 'SELECTED', labelRu: 'Отобраны' },
  { step: 'inTransit', status: 'IN_TRANSIT', labelRu: 'В пути' },
  { step: 'arrived', status: 'ARRIVED', labelRu: 'Прибыли' },
  { step: 'ready', status: 'READY_TO_WORK', labelRu: 'Готовы к работе' },
  { step: 'placed', status: 'EMPLOYED', labelRu: 'Трудоустроены' },
] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number]['step'];
export const PIPELINE_STEP_NAMES = PIPELINE_STEPS.map((s) => s.step);

export interface PipelineCounts {
  /** workers of the group who reached each step */
  reached: readonly number[];
  /** of those, who went on to the next step (the last entry is unused) */
  continued: readonly number[];
  /** median days from each step to the next (null: nobody went on) */
  medianDays: readonly (number | null)[];
}

export interface PipelineStepFigures {
  step: PipelineStep;
  count: number;
  /** continued / count in percent; null on the last step or with nobody at the step */
  conversionPercent: number | null;
  medianDays: number | null;
}

/** Each step with its count, the share that went on to the next step, and the median days it took. */
export function pipelineSteps(c: PipelineCounts): PipelineStepFigures[] {
  return PIPELINE_STEPS.map(({ step }, i) => {
    const last = i === PIPELINE_STEPS.length - 1;
    const days = last ? null : (c.medianDays[i] ?? null);
    return {
      step,
      count: c.reached[i] ?? 0,
      conversionPercent: last ? null : percentOf(c.continued[i] ?? 0, c.reached[i] ?? 0),
      medianDays: days === null ? null : round1(days),
    };
  });
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The period of a report: a calendar `year`, or `from` and `to` (ISO days, both included), never
 * both; `asOf` (the day whose end the report is taken at) must not be after `today` (the Centre's
 * day). Answers the period or every problem, each naming its parameter.
 */
export function reportPeriod(q: { year?: number; from?: string; to?: string; asOf?: string }, today: string): { from: string; to: string } | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ranged = q.from !== undefined || q.to !== undefined;
  if (q.year !== undefined && ranged) problems.push({ field: q.from !== undefined ? 'from' : 'to', message: 'give either year or from and to, not both' });
  else if (q.year === undefined && !ranged) problems.push({ field: 'year', message: 'year (or from and to) is required' });
  else if (q.year === undefined) {
    if (q.from === undefined) problems.push({ field: 'from', message: 'is required with to' });
    if (q.to === undefined) problems.push({ field: 'to', message: 'is required with from' });
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) problems.push({ field: 'from', message: `must not be after to (${q.to})` });
  }
  problems.push(...asOfProblems(q.asOf, today));
  if (problems.length) return problems;
  return q.year !== undefined ? { from: `${q.year}-01-01`, to: `${q.year}-12-31` } : { from: q.from!, to: q.to! };
}

/** `asOf` names a day that has begun: today (the Centre's day) or before. */
export function asOfProblems(asOf: string | undefined, today: string): FieldProblem[] {
  return asOf !== undefined && asOf > today ? [{ field: 'asOf', message: `must not be in the future (today is ${today})` }] : [];
}
