import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CommonErrors } from '../common/errors/app-error';
import { localDay } from '../deadlines/reminders.rules';
import { Clock } from '../infra/clock/clock';
import { ReferenceService } from '../reference/reference.service';
import { ChartRenderer } from './charts/chart-renderer';
import { pipelineChartSpec, quotaChartSpec } from './charts/report-charts';
import type {
  ComplianceCountsDto,
  DeadlineComplianceDto,
  PipelineDto,
  PipelineFiguresDto,
  QuotaSummaryDto,
  QuotaSummaryRowDto,
  WageSummaryDto,
} from './dto/report.dto';
import type { PipelineQueryDto, QuotaSummaryQueryDto, ReportYearQueryDto, WageSummaryQueryDto } from './dto/report-query.dto';
import { ComplianceRow, Cutoff, OverallUse, PipelineRow, ReportsRepository } from './reports.repository';
import {
  asOfProblems,
  ComplianceCounts,
  complianceTotals,
  gapPercent,
  money,
  onTimeRate,
  percentOf,
  pipelineSteps,
  quotaFigures,
  quotaTotals,
  remainingOf,
  reportPeriod,
} from './reports.rules';

const withRate = (c: ComplianceCounts): ComplianceCountsDto => ({ ...c, onTimeRate: onTimeRate(c) });
const counts = ({ due, onTime, late, missed, waived, open }: ComplianceRow): ComplianceCounts => ({ due, onTime, late, missed, waived, open });
const pipelineFigures = (r: PipelineRow): PipelineFiguresDto => ({ workers: r.workers, unannounced: r.unannounced, steps: pipelineSteps(r) });

/** The management reports (issue 19): figures from one or a few SQL aggregations each. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly reference: ReferenceService,
    private readonly charts: ChartRenderer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The Centre's time zone (the one its days are counted in) and today there. */
  private get timeZone(): string {
    return this.config.deadlines.timeZone;
  }

  private today(): string {
    return localDay(this.clock.now(), this.timeZone);
  }

  /** The end of the `asOf` day (400 naming asOf when it is in the future); null: now. */
  private cutoff(asOf: string | undefined): Cutoff | null {
    const problems = asOfProblems(asOf, this.today());
    if (problems.length) throw CommonErrors.validation(problems);
    return asOf === undefined ? null : { day: asOf, timeZone: this.timeZone };
  }

  async quotaSummary(query: QuotaSummaryQueryDto): Promise<QuotaSummaryDto> {
    const { year } = query;
    const groupBy = query.groupBy ?? null;
    const cut = this.cutoff(query.asOf);
    let rows: QuotaSummaryRowDto[];
    let use: OverallUse;
    if (groupBy === null) {
      const allocations = await this.repo.allocationUse(year, cut);
      const overallRow = allocations.find((a) => a.occupationCode === null && a.citizenship === null);
      rows = allocations
        .filter((a) => a !== overallRow)
        .map(({ allocationId, occupationCode, citizenship, ...c }) => ({
          allocationId,
          occupationCode,
          citizenship,
          groupKey: null,
          groupLabel: null,
          ...quotaFigures(c),
        }));
      // without an overall allocation its `approved` is still every place of the year: the requests hold them
      use = overallRow
        ? { allocationId: overallRow.allocationId, limit: overallRow.limit, approved: overallRow.approved }
        : { allocationId: null, limit: null, approved: await this.repo.placesHeld(year, cut) };
    } else {
      const groups = await this.repo.groupUse(year, groupBy, cut);
      use = groups.overall;
      rows = groups.rows.map(({ key, label, ...c }) => ({
        allocationId: null,
        occupationCode: groupBy === 'occupation' ? key : null,
        citizenship: groupBy === 'citizenship' ? key : null,
        groupKey: key,
        groupLabel: label,
        ...quotaFigures(c),
      }));
    }
    const overall = {
      allocationId: use.allocationId,
      limit: use.limit,
      approved: use.approved,
      remaining: remainingOf(use.limit, use.approved),
      usePercent: percentOf(use.approved, use.limit),
    };
    return { year, asOf: query.asOf ?? null, groupBy, rows, overall, totals: quotaTotals(rows) };
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

  /**
   * The recruitment pipeline of the workers who entered in the period: per step the count, the share
   * that went on and the median days, per group and over all, from one aggregation.
   */
  async pipeline(query: PipelineQueryDto): Promise<PipelineDto> {
    const period = reportPeriod(query, this.today());
    if (Array.isArray(period)) throw CommonErrors.validation(period);
    const groupBy = query.groupBy ?? null;
    const cut = query.asOf === undefined ? null : { day: query.asOf, timeZone: this.timeZone };
    const found = await this.repo.pipeline(period, groupBy, this.timeZone, cut);
    const total = found.find((r) => r.total);
    const rows = groupBy ? found.filter((r) => !r.total).map((r) => ({ key: r.key, label: r.label, ...pipelineFigures(r) })) : [];
    const totals = total
      ? pipelineFigures(total)
      : pipelineFigures({ total: true, key: null, label: null, workers: 0, unannounced: 0, reached: [], continued: [], medianDays: [] });
    return { ...period, asOf: query.asOf ?? null, groupBy, rows, totals };
  }

  /** The quota summary as an SVG chart. */
  async quotaChart(query: QuotaSummaryQueryDto): Promise<string> {
    return this.charts.render(quotaChartSpec(await this.quotaSummary(query)));
  }

  /** The pipeline as an SVG funnel. */
  async pipelineChart(query: PipelineQueryDto): Promise<string> {
    return this.charts.render(pipelineChartSpec(await this.pipeline(query)));
  }
}
