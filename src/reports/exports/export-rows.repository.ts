import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../infra/database/prisma.service';

export interface PlacementExportRow {
  id: string;
  caseNumber: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  citizenship: string;
  employerName: string;
  inn: string;
  occupationCode: string;
  occupationTitle: string;
  startDate: string;
  endDate: string | null;
  status: string;
  monthlyWageRub: number;
  hoursPerWeek: number;
}

export interface CommissionRow {
  employerId: string;
  employerName: string;
  inn: string;
  okved: string | null;
  occupationCode: string;
  occupationTitle: string;
  requested: number;
  approved: number;
  citizenships: string[];
  anyCitizenship: boolean;
  periodStart: string;
  periodEnd: string;
  requests: number;
}

/** Where the last batch ended: the next one starts after it (keyset, so every batch is one index range). */
export interface PlacementPosition {
  startDate: string;
  id: string;
}
export interface CommissionPosition {
  employerName: string;
  employerId: string;
  occupationCode: string;
}

const inYear = (column: Prisma.Sql, year: number) => Prisma.sql`${column} >= make_date(${year}::int, 1, 1) AND ${column} < make_date(${year}::int + 1, 1, 1)`;

/** The year's placements: those starting in it, any status but CANCELLED (as the wage summary counts them). */
const placementsOfYear = (year: number) => Prisma.sql`p.status <> 'CANCELLED' AND ${inYear(Prisma.sql`p.start_date`, year)}`;

/** The year's labour requests as the quota summary counts them: submitted (or later), by the first day of their period. */
const requestsOfYear = (year: number) => Prisma.sql`r.submitted_at IS NOT NULL AND ${inYear(Prisma.sql`r.period_start`, year)}`;

/**
 * The rows of the exports that list records rather than a summary, read a batch at a time in a
 * stable order from where the previous batch ended: an export of a million rows holds one batch.
 */
@Injectable()
export class ExportRowsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async countPlacements(year: number): Promise<number> {
    const [{ n }] = await this.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM placements p WHERE ${placementsOfYear(year)}`;
    return n;
  }

  placements(year: number, after: PlacementPosition | null, limit: number): Promise<PlacementExportRow[]> {
    const keyset = after ? Prisma.sql`AND (p.start_date, p.id) > (${after.startDate}::date, ${after.id}::uuid)` : Prisma.empty;
    return this.prisma.$queryRaw<PlacementExportRow[]>`
      SELECT p.id::text AS id, w.case_number AS "caseNumber", w.last_name_cyr AS "lastName", w.first_name_cyr AS "firstName",
        w.patronymic_cyr AS patronymic, w.citizenship::text AS citizenship, e.name AS "employerName", e.inn,
        r.occupation_code AS "occupationCode", o.title_ru AS "occupationTitle",
        to_char(p.start_date, 'YYYY-MM-DD') AS "startDate", to_char(p.end_date, 'YYYY-MM-DD') AS "endDate",
        p.status::text AS status, p.monthly_wage_rub AS "monthlyWageRub", p.hours_per_week AS "hoursPerWeek"
      FROM placements p
      JOIN workers w ON w.id = p.worker_id
      JOIN employers e ON e.id = p.employer_id
      JOIN labour_requests r ON r.id = p.labour_request_id
      JOIN occupations o ON o.code = r.occupation_code
      WHERE ${placementsOfYear(year)} ${keyset}
      ORDER BY p.start_date, p.id
      LIMIT ${limit}`;
  }

  async countCommissionRows(year: number): Promise<number> {
    const [{ n }] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT (r.employer_id, r.occupation_code))::int AS n FROM labour_requests r WHERE ${requestsOfYear(year)}`;
    return n;
  }

  /**
   * One row per employer and occupation: workers requested, places approved and held (a withdrawn or
   * closed request keeps only those its placements used, as in the quota summary), the citizenships
   * asked for, the span of the periods. Ordered by employer name; the keyset applies before grouping.
   */
  commission(year: number, after: CommissionPosition | null, limit: number): Promise<CommissionRow[]> {
    const keyset = after
      ? Prisma.sql`AND (e.name, e.id, r.occupation_code) > (${after.employerName}, ${after.employerId}::uuid, ${after.occupationCode})`
      : Prisma.empty;
    return this.prisma.$queryRaw<CommissionRow[]>`
      SELECT e.id::text AS "employerId", e.name AS "employerName", e.inn, e.okved, r.occupation_code AS "occupationCode", max(o.title_ru) AS "occupationTitle",
        sum(r.workers_requested)::int AS requested,
        sum(CASE WHEN r.status IN ('WITHDRAWN', 'CLOSED') THEN LEAST(r.approved_count, r.placed_count) ELSE r.approved_count END)::int AS approved,
        ARRAY(SELECT DISTINCT upper(btrim(c)) FROM unnest(string_to_array(string_agg(array_to_string(r.preferred_citizenships, ','), ','), ',')) AS c
              WHERE btrim(c) <> '' ORDER BY 1) AS citizenships,
        bool_or(cardinality(r.preferred_citizenships) = 0) AS "anyCitizenship",
        to_char(min(r.period_start), 'YYYY-MM-DD') AS "periodStart", to_char(max(r.period_end), 'YYYY-MM-DD') AS "periodEnd",
        count(*)::int AS requests
      FROM labour_requests r
      JOIN employers e ON e.id = r.employer_id
      JOIN occupations o ON o.code = r.occupation_code
      WHERE ${requestsOfYear(year)} ${keyset}
      GROUP BY e.id, r.occupation_code
      ORDER BY e.name, e.id, r.occupation_code
      LIMIT ${limit}`;
  }
}
