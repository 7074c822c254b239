import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { JobName, QueueName } from './jobs';

/** Housekeeping jobs. Thin: validate the name, call a service; every handler is idempotent. */
@Processor(QueueName.Maintenance, { concurrency: 2 })
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly idempotency: IdempotencyService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // a stable scheduler id: every replica upserts the same one, so it runs once per hour overall
    await this.queue
      .upsertJobScheduler('purge-idempotency-keys', { every: 3600_000 }, { name: JobName.PurgeExpiredIdempotencyKeys, data: {} })
      .catch((e: unknown) => this.logger.warn(`could not schedule key purge: ${(e as Error).message}`));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.PurgeExpiredIdempotencyKeys:
        return { purged: await this.idempotency.purgeExpired() };
      default:
        throw new Error(`unknown job ${job.name} on ${QueueName.Maintenance}`);
    }
  }
}
