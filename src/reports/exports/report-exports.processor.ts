import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { JobName, QueueName } from '../../infra/queue/jobs';
import { ReportExportBuilder } from './report-export-builder.service';

/** The expiry job's stable scheduler id: every replica upserts the same one, so it runs once an hour overall. */
export const EXPIRE_REPORT_EXPORTS_SCHEDULER = 'expire-report-exports';
const HOUR_MS = 3_600_000;

/**
 * Builds report exports (jobs relayed from the outbox, one per export, the export's id in the payload)
 * and, hourly, expires them. Thin: checks the payload and calls ReportExportBuilder.
 */
@Processor(QueueName.ReportExports, { concurrency: 2 })
export class ReportExportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportExportsProcessor.name);

  constructor(
    private readonly builder: ReportExportBuilder,
    @InjectQueue(QueueName.ReportExports) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        EXPIRE_REPORT_EXPORTS_SCHEDULER,
        { every: HOUR_MS },
        { name: JobName.ExpireReportExports, data: {}, opts: { removeOnComplete: { age: 7 * 24 * 3600 } } },
      )
      .catch((e: unknown) => this.logger.warn(`could not schedule the expiry of report exports: ${(e as Error).message}`));
  }

  async process(job: Job<{ exportId?: unknown }>): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.BuildReportExport: {
        if (typeof job.data?.exportId !== 'string') throw new Error(`${job.name} without an exportId`);
        return this.builder.build(job.data.exportId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
      }
      case JobName.ExpireReportExports:
        return this.builder.expire();
      default:
        throw new Error(`unknown job ${job.name} on ${QueueName.ReportExports}`);
    }
  }
}
