import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { JobName, QueueName } from '../infra/queue/jobs';
import { PlacementStartService } from './placement-start.service';

/** The scheduler's stable id: every replica upserts the same one, so it runs once a day overall. */
export const START_DUE_PLACEMENTS_SCHEDULER = 'start-due-placements';
/** Every day at 00:01 UTC: the system's "today" is the UTC date of the injected clock. */
export const START_DUE_PLACEMENTS_PATTERN = '0 1 0 * * *';

/**
 * Starts the placements whose start date has come: daily, and once whenever a process that runs
 * processors starts. Why both, and not a status derived on read: the worker's status is a stored
 * column (lists filter on it in SQL), so deriving the placement's status on read would show an ACTIVE
 * placement beside a worker still READY_TO_WORK until the job ran anyway. One writer that makes both
 * changes together is simpler; running it at start-up as well closes the gap left by a day the
 * processors were down (or a queue backend that lost its schedule), so reads lag the start date by
 * at most the minute after midnight it takes the job to run.
 */
@Processor(QueueName.Placements)
export class PlacementsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlacementsProcessor.name);

  constructor(
    private readonly starts: PlacementStartService,
    @InjectQueue(QueueName.Placements) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const job = { name: JobName.StartDuePlacements, data: {} };
    await this.queue
      .upsertJobScheduler(START_DUE_PLACEMENTS_SCHEDULER, { pattern: START_DUE_PLACEMENTS_PATTERN, tz: 'UTC' }, job)
      .then(() => this.queue.add(job.name, job.data, { removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 30 * 24 * 3600 } }))
      .catch((e: unknown) => this.logger.warn(`could not schedule the start of planned placements: ${(e as Error).message}`));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.StartDuePlacements:
        return this.starts.startDue();
      default:
        throw new Error(`unknown job ${job.name} on ${QueueName.Placements}`);
    }
  }
}
