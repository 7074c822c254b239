import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service';
import { JobName, JobPayloads, QUEUE_OF } from '../jobs';
import { OutboxRepository } from './outbox.repository';

/** Schedules a job as part of the caller's transaction: it exists if and only if the change commits. */
@Injectable()
export class OutboxService {
  constructor(private readonly repo: OutboxRepository) {}

  enqueue<N extends JobName>(tx: Tx, name: N, payload: JobPayloads[N], opts: { delayMs?: number } = {}): Promise<string> {
    return this.repo.insert(tx, QUEUE_OF[name], name, payload, opts.delayMs);
  }

  /** enqueue() for many jobs of one kind, in one statement. */
  async enqueueMany<N extends JobName>(tx: Tx, name: N, payloads: JobPayloads[N][]): Promise<void> {
    await this.repo.insertMany(tx, QUEUE_OF[name], name, payloads);
  }
}
