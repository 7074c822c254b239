import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { groupBy } from '../../group-by';
import { OutboxRepository } from './outbox.repository';

const BATCH = 1000;
const LEASE_SECONDS = 30;
const POLL_MS = 250;
const MAX_BACKOFF_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 20));
}

/**
 * Moves outbox rows to BullMQ with the row id as job id, so a row relayed twice (a crash between
 * add and mark) is still one job. A pass takes up to BATCH rows, adds them with one addBulk per
 * queue and marks them with one UPDATE; after a full pass the next starts at once, so a backlog
 * drains at the queue's speed. While the queue backend is down rows wait with backoff; nothing
 * is dropped.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delay = POLL_MS): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce().catch((e: unknown) => {
        this.logger.warn(`outbox relay pass failed: ${(e as Error).message}`);
        return 0;
      });
      void this.running.then((n) => this.schedule(n === BATCH ? 0 : POLL_MS));
    }, delay);
    this.timer.unref();
  }

  /** One pass; returns how many messages reached the queue. */
  async relayOnce(): Promise<number> {
    const due = await this.repo.claimDue(BATCH, LEASE_SECONDS);
    let relayed = 0;
    for (const [name, msgs] of groupBy(due, (m) => m.queue)) {
      try {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        await queue.addBulk(
          msgs.map((msg) => ({
            name: msg.jobName,
            data: msg.payload,
            opts: { jobId: msg.id, attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false },
          })),
        );
        await this.repo.markRelayed(msgs.map((m) => m.id));
        relayed += msgs.length;
      } catch (e) {
        // each waits as long as its own attempts say
        for (const [attempts, same] of groupBy(msgs, (m) => m.attempts))
          await this.repo.retryLater(
            same.map((m) => m.id),
            backoffMs(attempts),
            (e as Error).message,
          );
      }
    }
    return relayed;
  }
}
