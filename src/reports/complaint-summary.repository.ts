import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import { BREAKDOWNS, type Breakdown, type ComplaintGroup } from './complaint-summary.rules';

export interface ComplaintCountsRow {
  /** the row of every complaint of the period (GROUPING SETS' empty set) */
  overall: boolean;
  key: string | null;
  label: string | null;
  total: number;
  /** every breakdown's counts, in BREAKDOWNS order */
  cells: number[];
  medianTriageHours: number | null;
  triaged: number;
  medianClosureDays: number | null;
  closed: number;
}

/** The group's key and label, and what to join for them. */
const GROUPS: Record<ComplaintGroup | 'none', { key: Prisma.Sql; label: Prisma.Sql; join: Prisma.Sql }> = {
  none: { key: Prisma.sql`NULL::text`, label: Prisma.sql`NULL::text`, join: Prisma.empty },
  employer: { key: Prisma.sql`c.employer_id::text`, label: Prisma.sql`e.name`, join: Prisma.sql`LEFT JOIN employers e ON e.id = c.employer_id` },
  intermediary: {
    key: Prisma.sql`c.intermediary_id::text`,
    label: Prisma.sql`i.name`,
    join: Prisma.sql`LEFT JOIN intermediaries i ON i.id = c.intermediary_id`,
  },
  partnerAgency: {
    key: Prisma.sql`c.partner_agency_id::text`,
    label: Prisma.sql`pa.name`,
    join: Prisma.sql`LEFT JOIN partner_agencies pa ON pa.id = c.partner_agency_id`,
  },
  // the worker's, or what retention kept of it when it unlinked the worker; anonymous complaints: null
  citizenship: {
    key: Prisma.sql`COALESCE(c.worker_citizenship, w.citizenship::text)`,
    label: Prisma.sql`COALESCE(c.worker_citizenship, w.citizenship::text)`,
    join: Prisma.sql`LEFT JOIN workers w ON w.id = c.worker_id`,
  },
};

/** The column of the grouped rows (g) each breakdown counts; byFinding has its own condition. */
const COLUMN_OF: Record<Exclude<Breakdown, 'byFinding'>, string> = { byCategory: 'category', bySeverity: 'severity', byAgainst: 'against', byStatus: 'status' };

/** count(*) FILTER per value of every breakdown, as one int[] (the values are the code's own enums). */
const CELLS = Prisma.join(
  Object.entries(BREAKDOWNS).flatMap(([b, values]) =>
    (values as readonly string[]).map((v) =>
      b === 'byFinding'
        ? Prisma.sql`count(*) FILTER (WHERE g.status = 'RESOLVED' AND g.finding::text = ${v})`
        : Prisma.sql`count(*) FILTER (WHERE g.${Prisma.raw(COLUMN_OF[b as keyof typeof COLUMN_OF])}::text = ${v})`,
    ),
  ),
);

/** The complaint summary's aggregation: one statement over the complaints received in the period (index on received_at). */
@Injectable()
export class ComplaintSummaryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Complaints received from `from` to `to` (days, inclusive, in `timeZone`), confidential and
   * destroyed ones included (numbers only): the overall row and, with a grouping, one row per group.
   */
  counts(from: string, to: string, timeZone: string, groupBy: ComplaintGroup | null): Promise<ComplaintCountsRow[]> {
    const g = GROUPS[groupBy ?? 'none'];
    return this.prisma.$queryRaw<ComplaintCountsRow[]>`
      SELECT GROUPING(g.key, g.label) <> 0 AS overall, g.key, g.label, count(*)::int AS total,
        ARRAY[${CELLS}]::int[] AS cells,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (EXTRACT(EPOCH FROM g.triaged_at - g.received_at) / 3600.0)::float8) AS "medianTriageHours",
        count(g.triaged_at)::int AS triaged,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (EXTRACT(EPOCH FROM g.closed_at - g.received_at) / 86400.0)::float8)
          FILTER (WHERE g.status IN ('RESOLVED', 'DISMISSED')) AS "medianClosureDays",
        count(g.closed_at) FILTER (WHERE g.status IN ('RESOLVED', 'DISMISSED'))::int AS closed
      FROM (
        SELECT ${g.key} AS key, ${g.label} AS label, c.category, c.severity, c.against, c.status, c.finding, c.received_at, c.triaged_at, c.closed_at
        FROM complaints c ${g.join}
        WHERE c.received_at >= (${from}::date)::timestamp AT TIME ZONE ${timeZone}
          AND c.received_at < (${to}::date + 1)::timestamp AT TIME ZONE ${timeZone}
      ) g
      GROUP BY GROUPING SETS ((g.key, g.label), ())
      ORDER BY 1 DESC, g.label NULLS LAST, g.key NULLS LAST`;
  }
}
