import { Injectable } from '@nestjs/common';
import { ReferenceService } from '../reference/reference.service';
import type { ComplianceCountsDto, DeadlineComplianceDto, QuotaSummaryDto, QuotaSummaryRowDto, WageSummaryDto } from './dto/report.dto';
import type { QuotaSummaryQueryDto, ReportYearQueryDto, WageSummaryQueryDto } from './dto/report-query.dto';
import { ComplianceRow, ReportsRepository } from './reports.repository';
import { ComplianceCounts, complianceTotals, gapPercent, money, onTimeRate, percentOf, quotaFigures, quotaTotals, remainingOf } from './reports.rules';

const withRate = (c: ComplianceCounts): ComplianceCountsDto => ({ ...c, onTimeRate: onTimeRate(c) });
const counts = ({ due, onTime, late, missed, waived, open }: ComplianceRow): ComplianceCounts => ({ due, onTime, late, missed, waived, open });

/** The management reports (issue 19): figures from one or a few SQL aggregations each. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly reference: ReferenceService,
  ) {}

  async quotaSummary(query: QuotaSummaryQueryDto): Promise<QuotaSummaryDto> {
    const { year } = query;
    const groupBy = query.groupBy ?? null;
    const allocations = await this.repo.allocationUse(year);
    const overallRow = allocations.find((a) => a.occupationCode === null && a.citizenship === null);
    let rows: QuotaSummaryRowDto[];
    if (groupBy === null) {
      rows = allocations
        .filter((a) => a !== overallRow)
        .map(({ allocationId, occupationCode, citizenship, ...c }) => ({ allocationId, occupationCode, citizenship, groupKey: null, groupLabel: null, ...quotaFigures(c) }));
    } else {
      rows = (await this.repo.groupUse(year, groupBy)).map(({ key, label, ...c }) => ({
        allocationId: null,
        occupationCode: groupBy === 'occupation' ? key : null,
        citizenship: groupBy === 'citizenship' ? key : null,
        groupKey: key,
        groupLabel: label,
        ...quotaFigures(c),
      }));
    }
    // without an overall allocation its `approved` is still every place of the year: the requests hold them
    const approved = overallRow ? overallRow.approved : await this.repo.placesHeld(year);
    const limit = overallRow?.limit ?? null;
    const overall = { allocationId: overallRow?.allocationId ?? null, limit, approved, remaining: remainingOf(limit, approved), usePercent: percentOf(approved, limit) };
    return { year, groupBy, rows, overall, totals: quotaTotals(rows) };
  }

  async wageSummary(query: WageSummaryQueryDto): Promise<WageSummaryDto> {
    const { year } = query;
    const groupBy = query.groupBy ?? 'occupation';
    const floorRub = (await this.reference.wageFloors()).find((f) => f.year === year)?.floorRub ?? null;
    const rows = (await this.repo.wages(year, groupBy, floorRub)).map((r) => ({
      key: r.key,
      label: r.label,
      count: r.count,
      medianRub: money(r.median)!,
      p10Rub: money(r.p10)!,
      p90Rub: money(r.p90)!,
      floorGapPercent: gapPercent(r.median, floorRub),
      localWageRub: r.localWageRub,
      localGapPercent: r.localGapPercent === null ? null : Math.round(r.localGapPercent * 10) / 10,
      atFloor: floorRub === null ? 0 : r.atFloor,
      atFloorPercent: floorRub === null ? null : percentOf(r.atFloor, r.count),
    }));
    return { year, groupBy, floorRub, rows };
  }

  async deadlineCompliance(query: ReportYearQueryDto): Promise<DeadlineComplianceDto> {
    const { year } = query;
    const [kinds, employers] = await Promise.all([this.repo.compliance(year, 'kind'), this.repo.compliance(year, 'employer')]);
    return {
      year,
      byKind: kinds.map((r) => ({ kind: r.key, ...withRate(counts(r)) })),
      byEmployer: employers.map((r) => ({ employerId: r.key, employerName: r.label ?? '', ...withRate(counts(r)) })),
      totals: withRate(complianceTotals(kinds.map(counts))),
    };
  }
}
