import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/prisma.service';
import { Prisma } from '../../../generated/prisma/client';

export interface ClaimedMessage {
  id: string;
  queue: string;
  jobName: string;
  payload: unknown;
  attempts: number;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(tx: Tx, queue: string, jobName: string, payload: unknown, delayMs = 0): Promise<string> {
    const row = await tx.outboxMessage.create({
      data: { queue, jobName, payload: payload as Prisma.InputJsonValue, availableAt: new Date(Date.now() + delayMs) },
      select: { id: true },
    });
    return row.id;
  }

  async insertMany(tx: Tx, queue: string, jobName: string, payloads: unknown[]): Promise<void> {
    if (!payloads.length) return;
    await tx.outboxMessage.createMany({ data: payloads.map((payload) => ({ queue, jobName, payload: payload as Prisma.InputJsonValue })) });
  }

  /**
   * Takes up to `limit` due messages and leases them for `leaseSeconds`, so concurrent relays
   * (one per worker replica) never take the same row at the same time.
   */
  claimDue(limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
    return this.prisma.$queryRaw<ClaimedMessage[]>`
      UPDATE outbox SET attempts = attempts + 1,
                        available_at = now() + make_interval(secs => ${leaseSeconds})
      WHERE id IN (SELECT id FROM outbox
                   WHERE status = 'PENDING' AND available_at <= now()
                   ORDER BY created_at LIMIT ${limit}
                   FOR UPDATE SKIP LOCKED)
      RETURNING id, queue, job_name AS "jobName", payload, attempts`;
  }

  async markRelayed(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.prisma.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { status: 'RELAYED', relayedAt: new Date(), lastError: null } });
  }

  async retryLater(ids: string[], delayMs: number, error: string): Promise<void> {
    if (!ids.length) return;
    await this.prisma.outboxMessage.updateMany({
      where: { id: { in: ids } },
      data: { availableAt: new Date(Date.now() + delayMs), lastError: error.slice(0, 1000) },
    });
  }

  pendingCount(): Promise<number> {
    return this.prisma.outboxMessage.count({ where: { status: 'PENDING' } });
  }
}
