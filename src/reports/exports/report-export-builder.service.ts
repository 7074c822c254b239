import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Clock } from '../../infra/clock/clock';
import { FileStorage } from '../../infra/storage/file-storage';
import { ExportSources } from './export-sources';
import { csvWriter, xlsxWriter } from './export-writers';
import { BUILD_FAILED, tooLargeForXlsx } from './report-exports.errors';
import { ReportExportRecord, ReportExportsRepository } from './report-exports.repository';
import { expiryOf, ExportType, progressDue, progressOf } from './report-exports.rules';

const EXPIRE_BATCH = 500;

/**
 * Builds an export's file (the job of JobName.BuildReportExport) and deletes expired ones. Rows come
 * from the source a batch at a time (REPORT_EXPORT_BATCH_ROWS) and are streamed through the writer
 * into storage, so memory holds one batch whatever the report's size; progress is written in steps
 * (report-exports.rules progressDue), never per row.
 */
@Injectable()
export class ReportExportBuilder {
  private readonly logger = new Logger(ReportExportBuilder.name);

  constructor(
    private readonly repo: ReportExportsRepository,
    private readonly sources: ExportSources,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Idempotent: an export already DONE, FAILED or EXPIRED is left alone; one left RUNNING by a crash
   * is built again from the start. On an error the export goes back to QUEUED for the job's next
   * attempt, or is FAILED on the last one (or at once for an AppError: the same input fails again).
   */
  async build(exportId: string, lastAttempt: boolean): Promise<{ rows: number } | { skipped: true }> {
    const e = await this.repo.start(exportId, this.clock.now());
    if (!e) return { skipped: true };
    try {
      return { rows: await this.write(e) };
    } catch (err) {
      if (err instanceof AppError || lastAttempt) {
        await this.repo.fail(e.id, err instanceof AppError ? err.code : BUILD_FAILED, this.clock.now());
        if (err instanceof AppError) return { rows: 0 };
      } else await this.repo.requeue(e.id);
      throw err;
    }
  }

  private async write(e: ReportExportRecord): Promise<number> {
    const source = this.sources.of(e.type as ExportType, e.params as Record<string, unknown>);
    const total = await source.count();
    // exceljs 4.4 holds the sheet in memory until the workbook is committed: the row limit bounds it
    const { xlsxMaxRows } = this.config.reportExports;
    if (e.format === 'XLSX' && total > xlsxMaxRows) throw tooLargeForXlsx(total, xlsxMaxRows);
    const key = `report-exports/${e.id}.${e.format.toLowerCase()}`;
    const out = new PassThrough();
    const stored = this.storage.putGenerated(key, out);
    // storage gave up (a full disk): the writer must not wait for a reader that is gone
    stored.catch((err: unknown) => out.destroy(err as Error));
    const writer = e.format === 'CSV' ? csvWriter(out, source.columns) : xlsxWriter(out, source.title, source.columns);
    let rows = 0;
    let reported = 0;
    try {
      for await (const batch of source.batches(this.config.reportExports.batchRows)) {
        await writer.write(batch);
        rows += batch.length;
        const progress = progressOf(rows, total);
        // the last batch is followed by the finish, which writes 100
        if (rows < total && progressDue(reported, progress)) {
          await this.repo.setProgress(e.id, progress);
          reported = progress;
        }
      }
      await writer.end();
    } catch (err) {
      out.destroy(err as Error);
      await stored.catch(() => undefined);
      throw err;
    }
    const file = await stored;
    const finishedAt = this.clock.now();
    const done = await this.repo.finish(e.id, {
      fileKey: key,
      fileSize: file.size,
      fileSha256: file.sha256,
      rowCount: rows,
      finishedAt,
      expiresAt: expiryOf(finishedAt, this.config.reportExports.ttlHours),
    });
    // expired while it was being written: nobody may download it, so it must not stay
    if (!done) await this.storage.delete(key);
    return rows;
  }

  /** Marks the exports past their expiry EXPIRED, their files deleted first (a crash in between leaves a row whose download is 410 anyway). */
  async expire(): Promise<{ expired: number }> {
    const now = this.clock.now();
    let expired = 0;
    for (;;) {
      const due = await this.repo.due(now, EXPIRE_BATCH);
      if (due.length === 0) break;
      for (const { fileKey } of due) if (fileKey) await this.storage.delete(fileKey);
      expired += await this.repo.markExpired(due.map((d) => d.id));
      if (due.length < EXPIRE_BATCH) break;
    }
    if (expired) this.logger.log(`${expired} report export(s) expired`);
    return { expired };
  }
}
