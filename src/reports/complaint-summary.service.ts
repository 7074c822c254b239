import { Inject, Injectable } from '@nestjs/common';
import { CommonErrors } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isIsoDate } from '../workers/document.rules';
import { breakdowns, CELL_COUNT, MEDIAN_MIN_COUNT, suppressFigures } from './complaint-summary.rules';
import { ComplaintCountsRow, ComplaintSummaryRepository } from './complaint-summary.repository';
import type { ComplaintReportRowDto, ComplaintReportDto, ComplaintReportQueryDto } from './dto/complaint-summary.dto';

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The complaint summary (issue 19; issue 18, item 11): counts and medians, no count of 1 to 4 ever published. */
@Injectable()
export class ComplaintSummaryService {
  constructor(
    private readonly repo: ComplaintSummaryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(query: ComplaintReportQueryDto): Promise<ComplaintReportDto> {
    const { from, to } = period(query);
    const groupBy = query.groupBy ?? null;
    const rows = await this.repo.counts(from, to, this.config.deadlines.timeZone, groupBy);
    const overallRow = rows.find((r) => r.overall) ?? emptyRow();
    const groups = groupBy === null ? [] : rows.filter((r) => !r.overall);
    const shown = suppressFigures(overallRow, groups);
    // a median over fewer than 5 complaints would tell their own times
    const medians = (r: ComplaintCountsRow) => ({
      medianTriageHours: r.triaged < MEDIAN_MIN_COUNT ? null : round1(r.medianTriageHours),
      medianClosureDays: r.closed < MEDIAN_MIN_COUNT ? null : round1(r.medianClosureDays),
    });
    return {
      year: query.year ?? null,
      from,
      to,
      groupBy,
      overall: { total: shown.overall.total, ...breakdowns(shown.overall.cells), ...medians(overallRow) },
      rows: groups.map((g, i): ComplaintReportRowDto => ({
        groupKey: g.key,
        groupLabel: g.label,
        total: shown.groups[i].total,
        ...breakdowns(shown.groups[i].cells),
        ...medians(g),
      })),
    };
  }
}

/** The days asked for: a year, or `from` and `to` (both, in order); 400 naming the parameter otherwise. */
function period(q: ComplaintReportQueryDto): { from: string; to: string } {
  const bad = (field: string, message: string) => CommonErrors.validation([{ field, message }]);
  if (q.year !== undefined) {
    if (q.from !== undefined || q.to !== undefined) throw bad(q.from !== undefined ? 'from' : 'to', 'give either year or from and to, not both');
    return { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
  }
  if (q.from === undefined && q.to === undefined) throw bad('year', 'is required (or from and to)');
  if (q.from === undefined) throw bad('from', 'is required with to');
  if (q.to === undefined) throw bad('to', 'is required with from');
  if (!isIsoDate(q.from) || q.from < '2000-01-01' || q.from > '2100-12-31') throw bad('from', 'must be a date between 2000-01-01 and 2100-12-31');
  if (!isIsoDate(q.to) || q.to < '2000-01-01' || q.to > '2100-12-31') throw bad('to', 'must be a date between 2000-01-01 and 2100-12-31');
  if (q.from > q.to) throw bad('from', 'must not be after to');
  return { from: q.from, to: q.to };
}

function emptyRow(): ComplaintCountsRow {
  return {
    overall: true,
    key: null,
    label: null,
    total: 0,
    cells: new Array<number>(CELL_COUNT).fill(0),
    medianTriageHours: null,
    triaged: 0,
    medianClosureDays: null,
    closed: 0,
  };
}
