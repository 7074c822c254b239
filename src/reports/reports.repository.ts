import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import { EMPLOYER_DEADLINE_KINDS, PIPELINE_STEPS, PipelineGroup, PipelineStep, QuotaGroup, WageGroup } from './reports.rules';

export interface AllocationUseRow {
  allocationId: string;
  occupationCode: string | null;
  citizenship: string | null;
  limit: number;
  requested: number;
  approved: number;
  placed: number;
  endedEarly: number;
}

export interface GroupUseRow {
  key: string | null;
  label: string | null;
  limit: number | null;
  requested: number | null;
  approved: number | null;
  placed: number;
  endedEarly: number;
}

/** The allocation of the whole year (no occupation, no citizenship), if set, and every place held that year. */
export interface OverallUse {
  allocationId: string | null;
  limit: number | null;
  approved: number;
}

export interface WageRow {
  key: string;
  label: string | null;
  count: number;
  median: number;
  p10: number;
  p90: number;
  atFloor: number;
  localWageRub: number | null;
  localGapPercent: number | null;
}

export interface ComplianceRow {
  key: string;
  label: string | null;
  due: number;
  onTime: number;
  late: number;
  missed: number;
  waived: number;
  open: number;
}

export interface PipelineRow {
  /** the row of every worker (GROUPING SETS' empty set) */
  total: boolean;
  key: string | null;
  label: string | null;
  workers: number;
  unannounced: number;
  reached: number[];
  continued: number[];
  medianDays: (number | null)[];
}

/**
 * The end of a report day: `day` (ISO) in the Centre's time zone. A report as of that day sees
 * what was recorded before this instant and what the records date on or before the day.
 */
export interface Cutoff {
  day: string;
  timeZone: string;
}

/** worker_pipeline's column for each step (the first time the worker's status history shows its status). */
const STEP_COLUMNS: Record<PipelineStep, string> = {
  candidate: 'candidate_at',
  selected: 'selected_at',
  inTransit: 'in_transit_at',
  arrived: 'arrived_at',
  ready: 'ready_at',
  placed: 'placed_at',
};

/**
 * The instant the day after `cut.day` begins in the Centre's time zone. A scalar subquery: computed
 * once per statement (an InitPlan) even where the statement's plan is a generic one.
 */
const endOf = (cut: Cutoff) => Prisma.sql`(SELECT (${cut.day}::date + 1)::timestamp AT TIME ZONE ${cut.timeZone})`;
/** The instant `day` begins in the Centre's time zone (computed once, like endOf). */
const startOf = (day: string, timeZone: string) => Prisma.sql`(SELECT ${day}::date::timestamp AT TIME ZONE ${timeZone})`;

/** When the audit log first records `action` on the entity (null: before the log kept it). */
const auditedAt = (entityType: string, entityId: Prisma.Sql, actions: string[]) => Prisma.sql`
  (SELECT min(ae.occurred_at) FROM audit_events ae
    WHERE ae.entity_type = ${entityType} AND ae.entity_id = ${entityId}::text AND ae.action = ANY(${actions}::text[]))`;

/**
 * A placement counted as started: ACTIVE or ENDED; as of a day, also recorded before its end and
 * starting on or before it.
 */
const started = (cut: Cutoff | null) =>
  Prisma.sql`p.status IN ('ACTIVE', 'ENDED')${cut ? Prisma.sql` AND p.created_at < ${endOf(cut)} AND p.start_date <= ${cut.day}::date` : Prisma.empty}`;

/**
 * A placement ended before the end of the request's period; as of a day, also ended on or before
 * it and recorded as ended before its end (the audit log's placement.end, else the row's last change).
 */
const endedEarly = (cut: Cutoff | null) =>
  Prisma.sql`p.status = 'ENDED' AND p.end_date < r.period_end${
    cut
      ? Prisma.sql` AND p.end_date <= ${cut.day}::date
          AND COALESCE(${auditedAt('placement', Prisma.sql`p.id`, ['placement.end'])}, p.updated_at) < ${endOf(cut)}`
      : Prisma.empty
  }`;

/**
 * An allocation's limit; as of a day, the value its first later change (audited quota_allocation.update) replaced.
 */
const limitOf = (cut: Cutoff | null) =>
  cut
    ? Prisma.sql`COALESCE((SELECT (ae.changes -> 'limit' ->> 'from')::int FROM audit_events ae
        WHERE ae.entity_type = 'quota_allocation' AND ae.entity_id = a.id::text AND ae.action = 'quota_allocation.update'
          AND ae.changes ? 'limit' AND ae.occurred_at >= ${endOf(cut)}
        ORDER BY ae.occurred_at LIMIT 1), a."limit")`
    : Prisma.sql`a."limit"`;

/** Allocations that exist (as of a day: created before its end). */
const allocationExists = (cut: Cutoff | null) => (cut ? Prisma.sql`a.created_at < ${endOf(cut)}` : Prisma.sql`TRUE`);

const yearRange = (column: Prisma.Sql, year: number) =>
  Prisma.sql`${column} >= make_date(${year}::int, 1, 1) AND ${column} < make_date(${year}::int + 1, 1, 1)`;

/**
 * The submitted (or later) labour requests of the year (by the first day of their period), each with
 * the places it holds (labour-request.rules releasedQuota: a withdrawn or closed request keeps only
 * those its placements used), the citizenship it is counted under (its only preferred one, else
 * null: quota.rules quotaKeyFor) and its placements started (ACTIVE or ENDED) and ended before the
 * request's period end (from placements' index on (labour_request_id, status, end_date), one probe a
 * request; MATERIALIZED so that the year's requests are found first, by period_start, and the
 * groups joined to them, not the other way round: the planner otherwise probes every employer's
 * requests). As of a day (`cut`): submitted before its end, approved if decided before
 * it, released if withdrawn or closed before it (the audit log's withdraw or close, else the row's
 * last change); placements never lower placed_count and none follow a withdrawal, so a released
 * request still holds LEAST(approved, placed_count). Without `withPlacements`, only what places
 * are held (no placement read).
 */
const requestsOfYear = (year: number, cut: Cutoff | null, withPlacements = true) => {
  const approved = cut ? Prisma.sql`CASE WHEN r.decided_at < ${endOf(cut)} THEN r.approved_count ELSE 0 END` : Prisma.sql`r.approved_count`;
  const released = cut
    ? Prisma.sql`r.status IN ('WITHDRAWN', 'CLOSED')
        AND COALESCE(${auditedAt('labour_request', Prisma.sql`r.id`, ['labour_request.withdraw', 'labour_request.close'])}, r.updated_at) < ${endOf(cut)}`
    : Prisma.sql`r.status IN ('WITHDRAWN', 'CLOSED')`;
  const held = Prisma.sql`CASE WHEN ${released} THEN LEAST(${approved}, r.placed_count) ELSE ${approved} END AS held`;
  const where = Prisma.sql`r.submitted_at IS NOT NULL AND ${yearRange(Prisma.sql`r.period_start`, year)}
      ${cut ? Prisma.sql`AND r.submitted_at < ${endOf(cut)}` : Prisma.empty}`;
  if (!withPlacements) return Prisma.sql`req AS (SELECT ${held} FROM labour_requests r WHERE ${where})`;
  return Prisma.sql`
  req AS MATERIALIZED (
    SELECT r.id, r.employer_id, r.occupation_code, r.workers_requested, ${held},
      (SELECT CASE WHEN count(DISTINCT upper(btrim(c))) = 1 THEN max(upper(btrim(c))) END FROM unnest(r.preferred_citizenships) AS c) AS citizenship,
      pc.placed, pc.ended_early
    FROM labour_requests r
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE ${started(cut)}) AS placed, count(*) FILTER (WHERE ${endedEarly(cut)}) AS ended_early
      FROM placements p WHERE p.labour_request_id = r.id) pc
    WHERE ${where}
  )`;
};

/** The year's overall allocation (none or one: quota_allocations_scope_key), as `ov`. */
const overallAllocation = (year: number, cut: Cutoff | null) => Prisma.sql`
  ov AS (SELECT a.id, ${limitOf(cut)} AS "limit" FROM quota_allocations a
    WHERE a.year = ${year}::int AND a.occupation_code IS NULL AND a.citizenship IS NULL AND ${allocationExists(cut)})`;
interface OverallColumns {
  total: boolean;
  overallAllocationId: string | null;
  overallLimit: number | null;
}
const overallColumns = Prisma.sql`(SELECT ov.id FROM ov) AS "overallAllocationId", (SELECT ov."limit" FROM ov) AS "overallLimit"`;

const requestCounts = Prisma.sql`
  COALESCE(sum(q.workers_requested), 0)::int AS requested, COALESCE(sum(q.held), 0)::int AS approved,
  COALESCE(sum(q.placed), 0)::int AS placed, COALESCE(sum(q.ended_early), 0)::int AS "endedEarly"`;

/** Request-level groupings: the key, its label, and the allocation whose limit applies to the group (if any). */
const requestGroups = (
  year: number,
  cut: Cutoff | null,
): Record<Exclude<QuotaGroup, 'partnerAgency'>, { key: Prisma.Sql; label: Prisma.Sql; join: Prisma.Sql; limit: Prisma.Sql }> => ({
  occupation: {
    key: Prisma.sql`q.occupation_code`,
    label: Prisma.sql`o.title_ru`,
    join: Prisma.sql`LEFT JOIN occupations o ON o.code = q.occupation_code`,
    limit: Prisma.sql`(SELECT ${limitOf(cut)} FROM quota_allocations a
                       WHERE a.year = ${year}::int AND a.occupation_code = q.occupation_code AND a.citizenship IS NULL AND ${allocationExists(cut)})`,
  },
  citizenship: {
    key: Prisma.sql`q.citizenship`,
    label: Prisma.sql`q.citizenship`,
    join: Prisma.empty,
    limit: Prisma.sql`(SELECT ${limitOf(cut)} FROM quota_allocations a
                       WHERE a.year = ${year}::int AND a.occupation_code IS NULL AND upper(a.citizenship) = q.citizenship AND ${allocationExists(cut)})`,
  },
  employer: {
    key: Prisma.sql`e.id::text`,
    label: Prisma.sql`e.name`,
    join: Prisma.sql`JOIN employers e ON e.id = q.employer_id`,
    limit: Prisma.sql`NULL::int`,
  },
  sector: {
    key: Prisma.sql`e.sector::text`,
    label: Prisma.sql`e.sector::text`,
    join: Prisma.sql`JOIN employers e ON e.id = q.employer_id`,
    limit: Prisma.sql`NULL::int`,
  },
});

/** The aggregations of the management reports; each summary is one statement, nothing is counted in the process. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every allocation of the year with the requests it covers (each is a ceiling of all it matches: quota.rules matchingAllocations). */
  allocationUse(year: number, cut: Cutoff | null = null): Promise<AllocationUseRow[]> {
    return this.prisma.$queryRaw<AllocationUseRow[]>`
      WITH ${requestsOfYear(year, cut)}
      SELECT a.id AS "allocationId", a.occupation_code AS "occupationCode", upper(a.citizenship) AS citizenship, ${limitOf(cut)} AS "limit", ${requestCounts}
      FROM quota_allocations a
      LEFT JOIN req q ON (a.occupation_code IS NULL OR q.occupation_code = a.occupation_code)
        AND (a.citizenship IS NULL OR q.citizenship = upper(a.citizenship))
      WHERE a.year = ${year}::int AND ${allocationExists(cut)}
      GROUP BY a.id
      ORDER BY a.occupation_code NULLS FIRST, a.citizenship NULLS FIRST`;
  }

  /** Every place approved and held in the year (what an overall allocation of the year counts). */
  async placesHeld(year: number, cut: Cutoff | null = null): Promise<number> {
    const [{ held }] = await this.prisma.$queryRaw<
      { held: number }[]
    >`WITH ${requestsOfYear(year, cut, false)} SELECT COALESCE(sum(q.held), 0)::int AS held FROM req q`;
    return held;
  }

  /**
   * The year's requests by group (the limit is the allocation set for exactly that occupation or
   * citizenship) and, from the same statement, the year's overall figures: the requests are read
   * once, the grand total (GROUPING SETS' empty set) giving every place held.
   */
  async groupUse(year: number, groupBy: QuotaGroup, cut: Cutoff | null = null): Promise<{ rows: GroupUseRow[]; overall: OverallUse }> {
    const found =
      groupBy === 'partnerAgency'
        ? await this.agencyUse(year, cut)
        : await (() => {
            const g = requestGroups(year, cut)[groupBy];
            return this.prisma.$queryRaw<(GroupUseRow & OverallColumns)[]>(Prisma.sql`
              WITH ${requestsOfYear(year, cut)}, ${overallAllocation(year, cut)}
              SELECT GROUPING(${g.key}, ${g.label}) <> 0 AS total, ${g.key} AS key, ${g.label} AS label, ${g.limit} AS "limit",
                     ${requestCounts}, ${overallColumns}
              FROM req q ${g.join}
              GROUP BY GROUPING SETS ((${g.key}, ${g.label}), ())
              ORDER BY 1, 2 NULLS LAST`);
          })();
    const total = found.find((r) => r.total);
    const rows = found
      .filter((r) => !r.total)
      .map(({ key, label, limit, requested, approved, placed, endedEarly }) => ({ key, label, limit, requested, approved, placed, endedEarly }));
    // the empty grouping set yields its row even over no request; the agency grouping adds its own
    return { rows, overall: { allocationId: total?.overallAllocationId ?? null, limit: total?.overallLimit ?? null, approved: total?.approved ?? 0 } };
  }

  /**
   * Placements of the year's requests by the partner agency that recruited the worker (null: none,
   * a walk-in): requests and approvals are the employer's and have no agency, so only placements
   * count. The total row carries the places the year's requests hold (their approvals, no placement
   * read for it).
   */
  private agencyUse(year: number, cut: Cutoff | null): Promise<(GroupUseRow & OverallColumns)[]> {
    return this.prisma.$queryRaw<(GroupUseRow & OverallColumns)[]>`
      WITH ${requestsOfYear(year, cut, false)}, ${overallAllocation(year, cut)}
      SELECT FALSE AS total, w.partner_agency_id::text AS key, pa.name AS label, NULL::int AS "limit", NULL::int AS requested, NULL::int AS approved,
        count(*) FILTER (WHERE ${started(cut)})::int AS placed,
        count(*) FILTER (WHERE ${endedEarly(cut)})::int AS "endedEarly", NULL::uuid AS "overallAllocationId", NULL::int AS "overallLimit"
      FROM placements p
      JOIN labour_requests r ON r.id = p.labour_request_id
      JOIN workers w ON w.id = p.worker_id
      LEFT JOIN partner_agencies pa ON pa.id = w.partner_agency_id
      WHERE r.submitted_at IS NOT NULL AND ${yearRange(Prisma.sql`r.period_start`, year)} AND ${started(cut)}
        ${cut ? Prisma.sql`AND r.submitted_at < ${endOf(cut)}` : Prisma.empty}
      GROUP BY 2, 3
      UNION ALL
      SELECT TRUE, NULL, NULL, NULL, NULL, COALESCE(sum(q.held), 0)::int, 0, 0, ${overallColumns} FROM req q
      ORDER BY 1, 3 NULLS LAST, 2`;
  }

  /**
   * Agreed wages of the placements that started in the year (any but CANCELLED, by start date), by
   * the request's occupation or the worker's citizenship: percentiles, those at or below `floorRub`,
   * and the median gap of each wage to the local reference wage of its occupation that year.
   */
  wages(year: number, groupBy: WageGroup, floorRub: number | null): Promise<WageRow[]> {
    const key = groupBy === 'occupation' ? Prisma.sql`r.occupation_code` : Prisma.sql`w.citizenship::text`;
    const label = groupBy === 'occupation' ? Prisma.sql`max(o.title_ru)` : Prisma.sql`NULL::text`;
    const localWage = groupBy === 'occupation' ? Prisma.sql`max(lw.amount_rub)` : Prisma.sql`NULL::int`;
    return this.prisma.$queryRaw<WageRow[]>`
      SELECT ${key} AS key, ${label} AS label, count(*)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY p.monthly_wage_rub) AS median,
        percentile_cont(0.1) WITHIN GROUP (ORDER BY p.monthly_wage_rub) AS p10,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY p.monthly_wage_rub) AS p90,
        count(*) FILTER (WHERE p.monthly_wage_rub <= ${floorRub}::int)::int AS "atFloor",
        ${localWage} AS "localWageRub",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.monthly_wage_rub - lw.amount_rub) * 100.0 / lw.amount_rub) AS "localGapPercent"
      FROM placements p
      JOIN labour_requests r ON r.id = p.labour_request_id
      JOIN workers w ON w.id = p.worker_id
      LEFT JOIN occupations o ON o.code = r.occupation_code
      LEFT JOIN local_wages lw ON lw.year = ${year}::int AND lw.occupation_code = r.occupation_code
      WHERE p.status <> 'CANCELLED' AND ${yearRange(Prisma.sql`p.start_date`, year)}
      GROUP BY 1
      ORDER BY 1`;
  }

  /**
   * Deadlines due in the year by kind, or (employer obligations only) by employer. Both read only
   * the index on (kind, due_date, status, completed_on, employer_id): by kind, one range of it per
   * kind (no skip scan in PostgreSQL, so the kinds are listed); by employer, the ranges of the
   * employer's kinds, grouped before the employers are joined.
   */
  compliance(year: number, by: 'kind' | 'employer'): Promise<ComplianceRow[]> {
    const counts = Prisma.sql`
        count(*)::int AS due,
        count(*) FILTER (WHERE d.status = 'DONE' AND d.completed_on <= d.due_date)::int AS "onTime",
        count(*) FILTER (WHERE d.status = 'DONE' AND (d.completed_on IS NULL OR d.completed_on > d.due_date))::int AS late,
        count(*) FILTER (WHERE d.status = 'MISSED')::int AS missed,
        count(*) FILTER (WHERE d.status = 'WAIVED')::int AS waived,
        count(*) FILTER (WHERE d.status = 'OPEN')::int AS open`;
    if (by === 'kind') {
      return this.prisma.$queryRaw<ComplianceRow[]>`
        SELECT k.kind::text AS key, NULL::text AS label, c.*
        FROM unnest(enum_range(NULL::"DeadlineKind")) AS k(kind)
        CROSS JOIN LATERAL (SELECT ${counts} FROM deadlines d WHERE d.kind = k.kind AND ${yearRange(Prisma.sql`d.due_date`, year)}) c
        WHERE c.due > 0
        ORDER BY 1`;
    }
    return this.prisma.$queryRaw<ComplianceRow[]>`
      SELECT e.id::text AS key, e.name AS label, c.due, c."onTime", c.late, c.missed, c.waived, c.open
      FROM (
        SELECT d.employer_id, ${counts}
        FROM deadlines d
        WHERE d.kind = ANY(${[...EMPLOYER_DEADLINE_KINDS]}::"DeadlineKind"[]) AND ${yearRange(Prisma.sql`d.due_date`, year)}
        GROUP BY 1) c
      JOIN employers e ON e.id = c.employer_id
      ORDER BY 2 NULLS LAST, 1`;
  }

  /**
   * The recruitment pipeline of the workers who entered in [from, to] (days in the Centre's time
   * zone, by the dossier's creation): per group and over all (GROUPING SETS), how many reached each
   * step, how many of those went on to the next step, and the median days it took. It reads
   * worker_pipeline, one row per worker with the first time its status history shows each step (kept
   * by triggers on workers and worker_events), by its index on entered_at. As of a day: the workers
   * and the steps recorded before its end (a step's first time is before it iff some event is).
   */
  pipeline(period: { from: string; to: string }, groupBy: PipelineGroup | null, timeZone: string, cut: Cutoff | null): Promise<PipelineRow[]> {
    const at = PIPELINE_STEPS.map(({ step }) =>
      cut ? Prisma.sql`CASE WHEN ${Prisma.raw(STEP_COLUMNS[step])} < ${endOf(cut)} THEN ${Prisma.raw(STEP_COLUMNS[step])} END` : Prisma.raw(STEP_COLUMNS[step]),
    );
    const s = PIPELINE_STEPS.map((_, i) => Prisma.raw(`s${i}`));
    const next = s.slice(0, -1).map((x, i) => [x, s[i + 1]] as const);
    const group =
      groupBy === 'partnerAgency'
        ? { key: Prisma.sql`p.partner_agency_id::text`, label: Prisma.sql`(SELECT pa.name FROM partner_agencies pa WHERE pa.id::text = agg.key)` }
        : groupBy === 'citizenship'
          ? { key: Prisma.sql`p.citizenship::text`, label: Prisma.sql`(SELECT co.name_ru FROM countries co WHERE co.code::text = agg.key)` }
          : { key: Prisma.sql`NULL::text`, label: Prisma.sql`NULL::text` };
    return this.prisma.$queryRaw<PipelineRow[]>`
      WITH cohort AS (
        SELECT ${group.key} AS key, p.unannounced, ${Prisma.join(at.map((x, i) => Prisma.sql`${x} AS ${s[i]}`))}
        FROM worker_pipeline p
        WHERE p.entered_at >= ${startOf(period.from, timeZone)} AND p.entered_at < ${startOf(period.to, timeZone)} + interval '1 day'
          ${cut ? Prisma.sql`AND p.entered_at < ${endOf(cut)}` : Prisma.empty}
      ),
      agg AS (
        SELECT ${groupBy ? Prisma.sql`GROUPING(key) = 1 AS total, key` : Prisma.sql`TRUE AS total, NULL::text AS key`},
          count(*)::int AS workers,
          count(*) FILTER (WHERE unannounced AND ${s[3]} IS NOT NULL)::int AS unannounced,
          ARRAY[${Prisma.join(s.map((x) => Prisma.sql`count(${x})::int`))}] AS reached,
          ARRAY[${Prisma.join(next.map(([x, y]) => Prisma.sql`count(*) FILTER (WHERE ${x} IS NOT NULL AND ${y} IS NOT NULL)::int`))}] AS continued,
          ARRAY[${Prisma.join(
            next.map(([x, y]) => Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${y} - ${x}) / 86400)`),
          )}]::float8[] AS "medianDays"
        FROM cohort
        GROUP BY ${groupBy ? Prisma.sql`GROUPING SETS ((key), ())` : Prisma.sql`()`}
      )
      SELECT agg.*, ${group.label} AS label FROM agg
      ORDER BY total, label NULLS LAST, key NULLS LAST`;
  }
}
