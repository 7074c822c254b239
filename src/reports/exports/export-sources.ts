import { Injectable } from '@nestjs/common';
import type { QuotaSummaryQueryDto, ReportYearQueryDto, WageSummaryQueryDto } from '../dto/report-query.dto';
import { ReportsService } from '../reports.service';
import { CommissionPosition, CommissionRow, ExportRowsRepository, PlacementExportRow, PlacementPosition } from './export-rows.repository';
import {
  citizenshipsText,
  Column,
  COMMISSION_COLUMNS,
  COMPLIANCE_COLUMNS,
  complianceRows,
  PLACEMENT_COLUMNS,
  PLACEMENT_STATUS_RU,
  QUOTA_COLUMNS,
  quotaRows,
  Row,
  wageColumns,
  wageRows,
} from './export-tables';
import type { ExportType } from './report-exports.rules';

/** What an export writes: a sheet name, its columns, how many rows to expect, and the rows a batch at a time. */
export interface ExportSource {
  title: string;
  columns: Column[];
  count(): Promise<number>;
  batches(batchRows: number): AsyncIterable<Row[]>;
}

/** A summary: its few rows computed once, by the same service that answers its GET endpoint. */
function summarySource(title: string, columns: Column[], load: () => Promise<Row[]>): ExportSource {
  let rows: Promise<Row[]> | undefined;
  const loaded = () => (rows ??= load());
  return {
    title,
    columns,
    count: async () => (await loaded()).length,
    async *batches() {
      yield await loaded();
    },
  };
}

/** Reads `fetch` a batch at a time, each batch starting after the last row of the previous one. */
async function* keyset<R, P>(
  fetch: (after: P | null, limit: number) => Promise<R[]>,
  positionOf: (r: R) => P,
  toRow: (r: R) => Row,
  limit: number,
): AsyncIterable<Row[]> {
  let after: P | null = null;
  for (;;) {
    const batch = await fetch(after, limit);
    if (batch.length > 0) yield batch.map(toRow);
    if (batch.length < limit) return;
    after = positionOf(batch[batch.length - 1]);
  }
}

/** The source of each export type, from its validated parameters. */
@Injectable()
export class ExportSources {
  constructor(
    private readonly reports: ReportsService,
    private readonly rows: ExportRowsRepository,
  ) {}

  of(type: ExportType, params: Record<string, unknown>): ExportSource {
    switch (type) {
      case 'quota-summary':
        return summarySource('Квоты', QUOTA_COLUMNS, async () => quotaRows(await this.reports.quotaSummary(params as unknown as QuotaSummaryQueryDto)));
      case 'wage-summary': {
        const query = params as unknown as WageSummaryQueryDto;
        return summarySource('Зарплаты', wageColumns(query.groupBy ?? 'occupation'), async () => wageRows(await this.reports.wageSummary(query)));
      }
      case 'deadline-compliance':
        return summarySource('Соблюдение сроков', COMPLIANCE_COLUMNS, async () =>
          complianceRows(await this.reports.deadlineCompliance(params as unknown as ReportYearQueryDto)),
        );
      case 'placements':
        return this.placements((params as unknown as ReportYearQueryDto).year);
      case 'commission-request-summary':
        return this.commission((params as unknown as ReportYearQueryDto).year);
    }
  }

  private placements(year: number): ExportSource {
    return {
      title: `Трудоустройства ${year}`,
      columns: PLACEMENT_COLUMNS,
      count: () => this.rows.countPlacements(year),
      batches: (limit) =>
        keyset<PlacementExportRow, PlacementPosition>(
          (after, n) => this.rows.placements(year, after, n),
          (p) => ({ startDate: p.startDate, id: p.id }),
          (p) => [
            p.caseNumber,
            p.lastName,
            p.firstName,
            p.patronymic,
            p.citizenship,
            p.employerName,
            p.inn,
            p.occupationCode,
            p.occupationTitle,
            p.startDate,
            p.endDate,
            PLACEMENT_STATUS_RU[p.status] ?? p.status,
            p.monthlyWageRub,
            p.hoursPerWeek,
            p.id,
          ],
          limit,
        ),
    };
  }

  private commission(year: number): ExportSource {
    return {
      title: `Заявки ${year}`,
      columns: COMMISSION_COLUMNS,
      count: () => this.rows.countCommissionRows(year),
      batches: (limit) =>
        keyset<CommissionRow, CommissionPosition>(
          (after, n) => this.rows.commission(year, after, n),
          (r) => ({ employerName: r.employerName, employerId: r.employerId, occupationCode: r.occupationCode }),
          (r) => [
            r.employerName,
            r.inn,
            r.okved,
            r.occupationCode,
            r.occupationTitle,
            r.requested,
            r.approved,
            citizenshipsText(r.citizenships, r.anyCitizenship),
            r.periodStart,
            r.periodEnd,
            r.requests,
          ],
          limit,
        ),
    };
  }
}
