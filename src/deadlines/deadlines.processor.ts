import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { JobName, QueueName } from '../infra/queue/jobs';
import { RemindersService } from './reminders.service';

/**
 * The daily deadline scan: a job scheduler with a stable id at DEADLINE_SCAN_AT in
 * DEADLINE_TIMEZONE (every replica upserts the same one), and at start a catch-up when today's scan
 * has not run, with a job id of its day so that replicas starting together add it once.
 */
@Processor(QueueName.Deadlines, { concurrency: 1 })
export class DeadlinesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(
    private readonly reminders: RemindersService,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const [hh, mm] = this.config.deadlines.scanAt.split(':').map(Number);
    try {
      await this.queue.upsertJobScheduler(
        'deadline-scan',
        { pattern: `${mm} ${hh} * * *`, tz: this.config.deadlines.timeZone },
        { name: JobName.DeadlineScan, data: {} },
      );
      const today = this.reminders.today();
      if (!(await this.reminders.ranOn(today)))
        await this.queue.add(JobName.DeadlineScan, { day: today }, { jobId: `deadline-scan-${today}`, removeOnComplete: true });
    } catch (e) {
      this.logger.warn(`could not schedule the deadline scan: ${(e as Error).message}`);
    }
  }

  async process(job: Job<{ day?: unknown }>): Promise<unknown> {
    if (job.name !== JobName.DeadlineScan) throw new Error(`unexpected job ${job.name} on ${QueueName.Deadlines}`);
    const day = typeof job.data?.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(job.data.day) ? job.data.day : undefined;
    return this.reminders.scan(day);
  }
}
