import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JobName, QueueName } from '../infra/queue/jobs';
import { ComplaintJobs } from './complaint-jobs.service';

/**
 * Scheduled work on complaints: every hour (a job scheduler with a stable id, so replicas upsert
 * the same one) untriaged complaints past their deadline are escalated, once each. Hourly, not
 * daily, because a CRITICAL complaint's triage period is 24 hours. Once a day closed complaints past
 * the policy's retention period lose their content (ComplaintRetention).
 */
@Processor(QueueName.Complaints, { concurrency: 1 })
export class ComplaintsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplaintsProcessor.name);

  constructor(
    private readonly jobs: ComplaintJobs,
    @InjectQueue(QueueName.Complaints) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler('complaint-triage-scan', { every: 3_600_000 }, { name: JobName.ComplaintTriageScan, data: {} });
    } catch (e) {
      this.logger.warn(`could not schedule the complaint triage scan: ${(e as Error).message}`);
    }
    try {
      await this.queue.upsertJobScheduler('complaint-retention-scan', { every: 24 * 3_600_000 }, { name: JobName.ComplaintRetentionScan, data: {} });
    } catch (e) {
      this.logger.warn(`could not schedule the complaint retention scan: ${(e as Error).message}`);
    }
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JobName.ComplaintTriageScan) return { escalated: await this.jobs.escalateOverdue() };
    if (job.name === JobName.ComplaintRetentionScan) return { destroyed: await this.jobs.destroyExpired() };
    throw new Error(`unexpected job ${job.name} on ${QueueName.Complaints}`);
  }
}
