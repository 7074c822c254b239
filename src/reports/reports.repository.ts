import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import { EMPLOYER_DEADLINE_KINDS, QuotaGroup, WageGroup } from './reports.rules';

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

const yearRange = (column: Prisma.Sql, year: number) => Prisma.sql`${column} >= make_date(${year}::int, 1, 1) AND ${column} < make_date(${year}::int + 1, 1, 1)`;

/**
 * The submitted (or later) labour requests of the year (by the first day of their period), each with
 * the places it holds (labour-request.rules releasedQuota: a withdrawn or closed request keeps only
 * those its placements used), the citizenship it is counted under (its only preferred one, else
 * null: quota.rules quotaKeyFor) and its placements started (ACTIVE or ENDED) and ended before the
 * request's period end.
 */
const requestsOfYear = (year: number) => Prisma.sql`
  req AS (
    SELECT r.id, r.employer_id, r.occupation_code, r.workers_requested,
      CASE WHEN r.status IN ('WITHDRAWN', 'CLOSED') THEN LEAST(r.approved_count, r.placed_count) ELSE r.approved_count END AS held,
      (SELECT CASE WHEN count(DISTINCT upper(btrim(c))) = 1 THEN max(upper(btrim(c))) END FROM unnest(r.preferred_citizenships) AS c) AS citizenship,
      (SELECT count(*) FROM placements p WHERE p.labour_request_id = r.id AND p.status IN ('ACTIVE', 'ENDED')) AS placed,
      (SELECT count(*) FROM placements p WHERE p.labour_request_id = r.id AND p.status = 'ENDED' AND p.end_date < r.period_end) AS ended_early
    FROM labour_requests r
    WHERE r.submitted_at IS NOT NULL AND ${yearRange(Prisma.sql`r.period_start`, year)}
  )`;

const requestCounts = Prisma.sql`
  COALESCE(sum(q.workers_requested), 0)::int AS requested, COALESCE(sum(q.held), 0)::int AS approved,
  COALESCE(sum(q.placed), 0)::int AS placed, COALESCE(sum(q.ended_early), 0)::int AS "endedEarly"`;

/** Request-level groupings: the key, its label, and the allocation whose limit applies to the group (if any). */
const requestGroups = (year: number): Record<Exclude<QuotaGroup, 'partnerAgency'>, { key: Prisma.Sql; label: Prisma.Sql; join: Prisma.Sql; limit: Prisma.Sql }> => ({
  occupation: {
    key: Prisma.sql`q.occupation_code`,
    label: Prisma.sql`o.title_ru`,
    join: Prisma.sql`LEFT JOIN occupations o ON o.code = q.occupation_code`,
    limit: Prisma.sql`(SELECT a."limit" FROM quota_allocations a WHERE a.year = ${year}::int AND a.occupation_code = q.occupation_code AND a.citizenship IS NULL)`,
  },
  citizenship: {
    key: Prisma.sql`q.citizenship`,
    label: Prisma.sql`q.citizenship`,
    join: Prisma.empty,
    limit: Prisma.sql`(SELECT a."limit" FROM quota_allocations a WHERE a.year = ${year}::int AND a.occupation_code IS NULL AND upper(a.citizenship) = q.citizenship)`,
  },
  employer: { key: Prisma.sql`e.id::text`, label: Prisma.sql`e.name`, join: Prisma.sql`JOIN employers e ON e.id = q.employer_id`, limit: Prisma.sql`NULL::int` },
  sector: { key: Prisma.sql`e.sector::text`, label: Prisma.sql`e.sector::text`, join: Prisma.sql`JOIN employers e ON e.id = q.employer_id`, limit: Prisma.sql`NULL::int` },
});

/** The aggregations of the management reports; each summary is one statement, nothing is counted in the process. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every allocation of the year with the requests it covers (each is a ceiling of all it matches: quota.rules matchingAllocations). */
  allocationUse(year: number): Promise<AllocationUseRow[]> {
    return this.prisma.$queryRaw<AllocationUseRow[]>`
      WITH ${requestsOfYear(year)}
      SELECT a.id AS "allocationId", a.occupation_code AS "occupationCode", upper(a.citizenship) AS citizenship, a."limit", ${requestCounts}
      FROM quota_allocations a
      LEFT JOIN req q ON (a.occupation_code IS NULL OR q.occupation_code = a.occupation_code)
        AND (a.citizenship IS NULL OR q.citizenship = upper(a.citizenship))
      WHERE a.year = ${year}::int
      GROUP BY a.id
      ORDER BY a.occupation_code NULLS FIRST, a.citizenship NULLS FIRST`;
  }

  /** Every place approved and held in the year (what an overall allocation of the year counts). */
  async placesHeld(year: number): Promise<number> {
    const [{ held }] = await this.prisma.$queryRaw<{ held: number }[]>`WITH ${requestsOfYear(year)} SELECT COALESCE(sum(q.held), 0)::int AS held FROM req q`;
    return held;
  }

  /** The year's requests by group; the limit is the allocation set for exactly that occupation or citizenship. */
  groupUse(year: number, groupBy: QuotaGroup): Promise<GroupUseRow[]> {
    if (groupBy === 'partnerAgency') return this.agencyUse(year);
    const g = requestGroups(year)[groupBy];
    return this.prisma.$queryRaw<GroupUseRow[]>(Prisma.sql`
      WITH ${requestsOfYear(year)}
      SELECT ${g.key} AS key, ${g.label} AS label, ${g.limit} AS "limit", ${requestCounts}
      FROM req q ${g.join}
      GROUP BY 1, 2
      ORDER BY 1 NULLS LAST`);
  }

  /**
   * Placements of the year's requests by the partner agency that recruited the worker (null: none,
   * a walk-in): requests and approvals are the employer's and have no agency, so only placements count.
   */
  private agencyUse(year: number): Promise<GroupUseRow[]> {
    return this.prisma.$queryRaw<GroupUseRow[]>`
      SELECT w.partner_agency_id::text AS key, pa.name AS label, NULL::int AS "limit", NULL::int AS requested, NULL::int AS approved,
        count(*) FILTER (WHERE p.status IN ('ACTIVE', 'ENDED'))::int AS placed,
        count(*) FILTER (WHERE p.status = 'ENDED' AND p.end_date < r.period_end)::int AS "endedEarly"
      FROM placements p
      JOIN labour_requests r ON r.id = p.labour_request_id
      JOIN workers w ON w.id = p.worker_id
      LEFT JOIN partner_agencies pa ON pa.id = w.partner_agency_id
      WHERE r.submitted_at IS NOT NULL AND ${yearRange(Prisma.sql`r.period_start`, year)} AND p.status IN ('ACTIVE', 'ENDED')
      GROUP BY 1, 2
      ORDER BY 2 NULLS LAST, 1`;
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

  /** Deadlines due in the year by kind, or (employer obligations only) by employer. */
  compliance(year: number, by: 'kind' | 'employer'): Promise<ComplianceRow[]> {
    const byEmployer = by === 'employer';
    return this.prisma.$queryRaw<ComplianceRow[]>`
      SELECT ${byEmployer ? Prisma.sql`e.id::text` : Prisma.sql`d.kind::text`} AS key, ${byEmployer ? Prisma.sql`e.name` : Prisma.sql`NULL::text`} AS label,
        count(*)::int AS due,
        count(*) FILTER (WHERE d.status = 'DONE' AND d.completed_on <= d.due_date)::int AS "onTime",
        count(*) FILTER (WHERE d.status = 'DONE' AND (d.completed_on IS NULL OR d.completed_on > d.due_date))::int AS late,
        count(*) FILTER (WHERE d.status = 'MISSED')::int AS missed,
        count(*) FILTER (WHERE d.status = 'WAIVED')::int AS waived,
        count(*) FILTER (WHERE d.status = 'OPEN')::int AS open
      FROM deadlines d
      ${byEmployer ? Prisma.sql`JOIN employers e ON e.id = d.employer_id` : Prisma.empty}
      WHERE ${yearRange(Prisma.sql`d.due_date`, year)}
        ${byEmployer ? Prisma.sql`AND d.kind::text = ANY(${[...EMPLOYER_DEADLINE_KINDS]}::text[])` : Prisma.empty}
      GROUP BY 1, 2
      ORDER BY 2 NULLS LAST, 1`;
  }
}
