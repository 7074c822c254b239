import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { createValidationPipe } from '../../common/http/validation';
import { decodeCursor, instantPosition, limitOf, Page, toPage } from '../../common/pagination/pagination';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import type { Prisma } from '../../generated/prisma/client';
import { Clock } from '../../infra/clock/clock';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { JobName } from '../../infra/queue/jobs';
import { OutboxService } from '../../infra/queue/outbox/outbox.service';
import { FileNotFoundError, FileStorage } from '../../infra/storage/file-storage';
import { QuotaSummaryQueryDto, ReportYearQueryDto, WageSummaryQueryDto } from '../dto/report-query.dto';
import type { CreateReportExportDto, ReportExportDto, ReportExportQueryDto } from './dto/report-export.dto';
import { ReportExportErrors } from './report-exports.errors';
import { ReportExportRecord, ReportExportsRepository } from './report-exports.repository';
import { CONTENT_TYPES, downloadState, expiryOf, exportFileName, ExportFormat, ExportStatus, ExportType } from './report-exports.rules';

/** The parameters each type takes: those of its GET endpoint (placements and the commission's table: a year). */
const PARAMS_OF: Record<ExportType, new () => object> = {
  'quota-summary': QuotaSummaryQueryDto,
  'wage-summary': WageSummaryQueryDto,
  'deadline-compliance': ReportYearQueryDto,
  placements: ReportYearQueryDto,
  'commission-request-summary': ReportYearQueryDto,
};

const paramsPipe = createValidationPipe();

/** The type's parameters checked as its endpoint checks them; a bad one is a 400 naming `params.<name>`. */
async function validParams(type: ExportType, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    const dto = (await paramsPipe.transform(params, { type: 'body', metatype: PARAMS_OF[type] })) as object;
    return { ...dto };
  } catch (e) {
    if (!(e instanceof AppError) || !e.extra.errors) throw e;
    throw new AppError(e.status, e.code, e.message, { ...e.extra, errors: e.extra.errors.map((f) => ({ ...f, field: `params.${f.field}` })) });
  }
}

const formatOf = (e: ReportExportRecord) => e.format.toLowerCase() as ExportFormat;
const fileNameOf = (e: ReportExportRecord) => exportFileName(e.type as ExportType, e.params as Record<string, unknown>, formatOf(e), e.id);

export function reportExportDto(e: ReportExportRecord): ReportExportDto {
  const done = e.status === 'DONE';
  return {
    id: e.id,
    type: e.type,
    format: formatOf(e),
    params: e.params as unknown as ReportExportDto['params'],
    status: e.status,
    progress: e.progress,
    rowCount: e.rowCount,
    fileSize: e.fileSize === null ? null : Number(e.fileSize),
    fileName: done ? fileNameOf(e) : null,
    downloadUrl: done ? `/api/v1/report-exports/${e.id}/file` : null,
    errorCode: e.errorCode,
    createdById: e.createdById,
    createdAt: e.createdAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    expiresAt: e.expiresAt.toISOString(),
  };
}

/**
 * Report exports as people ask for them (issue 19, item 4): the request is stored with its job in the
 * outbox in one transaction; the file is built by ReportExportBuilder; each user sees their own,
 * administrators all; every download is written to the access log.
 */
@Injectable()
export class ReportExportsService {
  constructor(
    private readonly repo: ReportExportsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateReportExportDto): Promise<ReportExportDto> {
    const params = await validParams(dto.type, dto.params);
    const now = this.clock.now();
    const created = await this.transactions.run(async (tx) => {
      const e = await this.repo.create(tx, {
        type: dto.type,
        format: dto.format === 'csv' ? 'CSV' : 'XLSX',
        params: params as Prisma.InputJsonValue,
        createdById: actor.id,
        createdAt: now,
        expiresAt: expiryOf(now, this.config.reportExports.ttlHours),
      });
      await this.outbox.enqueue(tx, JobName.BuildReportExport, { exportId: e.id });
      await this.audit.change(tx, actor, 'report-export.create', 'report-export', e.id, { type: dto.type, format: dto.format, params });
      return e;
    });
    return reportExportDto(created);
  }

  async get(actor: Actor, id: string): Promise<ReportExportDto> {
    return reportExportDto(await this.found(actor, id));
  }

  async list(actor: Actor, query: ReportExportQueryDto): Promise<Page<ReportExportDto>> {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.repo.list(actor, { status: query.status, before: cursor ? instantPosition(cursor) : undefined }, limit + 1);
    const page = toPage(rows, limit, (e) => ({ value: e.createdAt.toISOString(), id: e.id }));
    return { items: page.items.map(reportExportDto), nextCursor: page.nextCursor };
  }

  /** The file, once DONE and until it expires; the download is written to the access log. */
  async download(actor: Actor, id: string) {
    const e = await this.found(actor, id);
    const state = downloadState({ status: e.status as ExportStatus, expiresAt: e.expiresAt }, this.clock.now());
    if (state === 'expired') throw ReportExportErrors.expired();
    if (state === 'failed') throw ReportExportErrors.failed(e.errorCode);
    if (state === 'not-ready') throw ReportExportErrors.notReady(e.status);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.storage.get(e.fileKey!);
    } catch (err) {
      // deleted by the expiry job between the read of the row and this
      if (err instanceof FileNotFoundError) throw ReportExportErrors.expired();
      throw err;
    }
    await this.audit.access(actor, 'report-export.file.read', 'report-export', e.id);
    return { stream, contentType: CONTENT_TYPES[formatOf(e)], size: Number(e.fileSize), sha256: e.fileSha256!, filename: fileNameOf(e) };
  }

  private async found(actor: Actor, id: string): Promise<ReportExportRecord> {
    const e = await this.repo.findForActor(actor, id);
    if (!e) throw ReportExportErrors.notFound();
    return e;
  }
}
