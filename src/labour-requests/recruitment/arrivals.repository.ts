import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../../access/scope';
import { Prisma } from '../../generated/prisma/client';
import type { ArrivalStatus } from '../../generated/prisma/enums';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { dayOf } from '../../reference/reference.rules';
import { arrivalInclude, ArrivalRecord, orderScope } from './recruitment.repository';

function arrivalScope(scope: RecordScope): Prisma.ArrivalWhereInput {
  return scope.employerId || scope.agencyIds ? { order: orderScope(scope) } : {};
}

export interface ArrivalFilter {
  from?: string;
  to?: string;
  status?: ArrivalStatus;
  /** The last arrival of the previous page: its expected day and id. */
  after?: { day: string; id: string };
}

@Injectable()
export class ArrivalsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(
    tx: Tx,
    scope: RecordScope,
    data: { orderId: string; expectedOn: string; transport: string; note?: string; createdById: string; workerIds: string[] },
  ): Promise<ArrivalRecord> {
    const { workerIds, expectedOn, ...rest } = data;
    return tx.arrival.create({
      data: { ...rest, expectedOn: dayOf(expectedOn), workers: { create: workerIds.map((workerId) => ({ workerId })) } },
      include: arrivalInclude(scope),
    });
  }

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<ArrivalRecord | null> {
    return tx.arrival.findFirst({ where: { AND: [{ id }, arrivalScope(scope)] }, include: arrivalInclude(scope) });
  }

  list(scope: RecordScope, filter: ArrivalFilter, take: number): Promise<ArrivalRecord[]> {
    const { after } = filter;
    return this.prisma.arrival.findMany({
      where: {
        AND: [
          arrivalScope(scope),
          { status: filter.status },
          filter.from ? { expectedOn: { gte: dayOf(filter.from) } } : {},
          filter.to ? { expectedOn: { lte: dayOf(filter.to) } } : {},
          after ? { OR: [{ expectedOn: { gt: dayOf(after.day) } }, { expectedOn: dayOf(after.day), id: { gt: after.id } }] } : {},
        ],
      },
      include: arrivalInclude(scope),
      orderBy: [{ expectedOn: 'asc' }, { id: 'asc' }],
      take,
    });
  }

  /** Row lock on an arrival the caller already found within its scope: its check-ins are serialised. */
  async lock(tx: Tx, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM arrivals WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  }

  /** Every worker row of the arrival, and every arrival row of `workerIds` (unscoped: for the check-in rules only, never shown). */
  rowsFor(tx: Tx, arrivalId: string, workerIds: string[]) {
    return tx.arrivalWorker.findMany({
      where: { OR: [{ arrivalId }, { workerId: { in: workerIds } }] },
      select: { arrivalId: true, workerId: true, expected: true, checkedInOn: true, arrival: { select: { status: true } } },
    });
  }

  /**
   * A change of an EXPECTED arrival, as a new version: to CHECKED_IN (every expected worker is in),
   * to CANCELLED, or null (a partial check-in: it stays EXPECTED). False when it moved meanwhile.
   */
  async updateExpected(tx: Tx, id: string, to: 'CHECKED_IN' | 'CANCELLED' | null, at: Date): Promise<boolean> {
    const data = to === 'CHECKED_IN' ? { status: to, checkedInAt: at } : to ? { status: to } : {};
    const { count } = await tx.arrival.updateMany({ where: { id, status: 'EXPECTED' }, data: { ...data, version: { increment: 1 } } });
    return count === 1;
  }

  async checkInExpected(tx: Tx, arrivalId: string, workerIds: string[], on: string): Promise<void> {
    await tx.arrivalWorker.updateMany({ where: { arrivalId, workerId: { in: workerIds } }, data: { checkedInOn: dayOf(on) } });
  }

  async addUnannounced(tx: Tx, arrivalId: string, workerIds: string[], on: string): Promise<void> {
    await tx.arrivalWorker.createMany({ data: workerIds.map((workerId) => ({ arrivalId, workerId, expected: false, checkedInOn: dayOf(on) })) });
  }

  /** The EXPECTED arrivals on the orders of a labour request, with how many people were checked in on each. */
  expectedOfRequest(tx: Tx, labourRequestId: string) {
    return tx.arrival.findMany({
      where: { status: 'EXPECTED', order: { labourRequestId } },
      select: { id: true, orderId: true, _count: { select: { workers: { where: { checkedInOn: { not: null } } } } } },
      orderBy: { id: 'asc' },
    });
  }
}
