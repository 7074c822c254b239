import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';

export type QuotaAllocationRecord = Prisma.QuotaAllocationGetPayload<object>;

/** The only code that reads or writes quota_allocations. `approved` moves only by conditional updates. */
@Injectable()
export class QuotaAllocationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: Tx = this.prisma): Promise<QuotaAllocationRecord | null> {
    return tx.quotaAllocation.findUnique({ where: { id } });
  }

  forYear(year: number, tx: Tx = this.prisma): Promise<QuotaAllocationRecord[]> {
    return tx.quotaAllocation.findMany({ where: { year } });
  }

  list(filter: { year?: number; after?: string }, take: number): Promise<QuotaAllocationRecord[]> {
    return this.prisma.quotaAllocation.findMany({
      where: { year: filter.year, ...(filter.after ? { id: { gt: filter.after } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  create(tx: Tx, data: Prisma.QuotaAllocationUncheckedCreateInput): Promise<QuotaAllocationRecord> {
    return tx.quotaAllocation.create({ data });
  }

  /**
   * Null when nothing was updated: the version moved on, or (race-safe, in the same statement)
   * the new limit is below the places approved by then.
   */
  async update(tx: Tx, id: string, version: number, data: { limit?: number; note?: string | null }): Promise<QuotaAllocationRecord | null> {
    const guard = data.limit === undefined ? {} : { approved: { lte: data.limit } };
    const { count } = await tx.quotaAllocation.updateMany({ where: { id, version, ...guard }, data: { ...data, version: { increment: 1 } } });
    return count === 1 ? tx.quotaAllocation.findUnique({ where: { id } }) : null;
  }

  /** Takes `n` places in one conditional statement; false when the allocation has no room for them. */
  async take(tx: Tx, id: string, n: number): Promise<boolean> {
    const updated = await tx.$executeRaw`
      UPDATE quota_allocations SET approved = approved + ${n}, version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND approved + ${n} <= "limit"`;
    return updated === 1;
  }

  /** Gives `n` places back (never below zero). */
  async release(tx: Tx, id: string, n: number): Promise<void> {
    await tx.$executeRaw`
      UPDATE quota_allocations SET approved = GREATEST(approved - ${n}, 0), version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid`;
  }
}
