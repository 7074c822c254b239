import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';

export type QuotaAllocationRecord = Prisma.QuotaAllocationGetPayload<object>;

/** The first key of the quota advisory lock (the second is the year): 'QUOT'. */
const QUOTA_LOCK = 0x51554f54;

/** The only code that reads or writes quota_allocations. `approved` moves only by conditional updates (and starts at the places already held). */
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

  /**
   * The year's lock between decisions and new allocations (a transaction-level advisory lock):
   * decisions and give-backs hold it shared, so they never wait for one another; creating an
   * allocation holds it exclusively, so the places it finds already approved are all of them.
   */
  async lockYear(tx: Tx, year: number, mode: 'shared' | 'exclusive'): Promise<void> {
    if (mode === 'shared') await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${QUOTA_LOCK}::int, ${year}::int)`;
    else await tx.$executeRaw`SELECT pg_advisory_xact_lock(${QUOTA_LOCK}::int, ${year}::int)`;
  }

  /**
   * Takes `n` places from every allocation of `ids`, all or none: the rows are locked in id order
   * (concurrent decisions on overlapping ceilings never deadlock), then one conditional UPDATE
   * raises them all only if every one still has room. False when one of them lacks it.
   */
  async takeAll(tx: Tx, ids: string[], n: number): Promise<boolean> {
    await this.lockRows(tx, ids);
    const updated = await tx.$executeRaw`
      UPDATE quota_allocations SET approved = approved + ${n}, version = version + 1, updated_at = now()
      WHERE id = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM quota_allocations c WHERE c.id = ANY(${ids}::uuid[]) AND c.approved + ${n} > c."limit")`;
    return updated === ids.length;
  }

  /** Gives `n` places back to every allocation of `ids` (never below zero), rows locked in id order. */
  async releaseAll(tx: Tx, ids: string[], n: number): Promise<void> {
    await this.lockRows(tx, ids);
    await tx.$executeRaw`
      UPDATE quota_allocations SET approved = GREATEST(approved - ${n}, 0), version = version + 1, updated_at = now()
      WHERE id = ANY(${ids}::uuid[])`;
  }

  /**
   * The places held by the labour requests of `year` that an allocation of this scope covers (null:
   * any): what a new allocation starts with. A request holds its approved places while approved or
   * filled, and those its placements used once withdrawn or closed (labour-request.rules,
   * releasedQuota); it is counted under its occupation and its only preferred citizenship (quotaKeyFor).
   */
  async placesHeld(tx: Tx, scope: { year: number; occupationCode: string | null; citizenship: string | null }): Promise<number> {
    const [{ held }] = await tx.$queryRaw<{ held: number }[]>`
      SELECT COALESCE(SUM(CASE WHEN r.status IN ('WITHDRAWN', 'CLOSED') THEN LEAST(r.approved_count, r.placed_count) ELSE r.approved_count END), 0)::int AS held
      FROM labour_requests r
      WHERE r.approved_count > 0
        AND r.period_start >= make_date(${scope.year}::int, 1, 1) AND r.period_start < make_date(${scope.year}::int + 1, 1, 1)
        AND (${scope.occupationCode}::text IS NULL OR r.occupation_code = ${scope.occupationCode}::text)
        AND (${scope.citizenship}::text IS NULL OR ${scope.citizenship}::text = (
          SELECT CASE WHEN count(DISTINCT upper(btrim(c))) = 1 THEN max(upper(btrim(c))) END FROM unnest(r.preferred_citizenships) AS c))`;
    return held;
  }

  private async lockRows(tx: Tx, ids: string[]): Promise<void> {
    await tx.$queryRaw`SELECT id FROM quota_allocations WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  }
}
