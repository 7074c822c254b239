import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../../access/scope';
import { Prisma } from '../../generated/prisma/client';
import type { ArrivalStatus } from '../../generated/prisma/enums';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { ARRIVAL_INCLUDE, ArrivalRecord, orderScope } from './recruitment.repository';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

function arrivalScope(scope: RecordScope): Prisma.ArrivalWhereInput {
  return scope.employerId || scope.agencyIds ? { order: orderScope(scope) } : {};
}

export interface ArrivalFilter {
  from?: string;
  to?: string;
  status?: ArrivalStatus;
  after?: { expectedOn: string; id: string };
}

@Injectable()
export class ArrivalsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: { orderId: string; expectedOn: string; transport: string; note?: string; createdById: string; workerIds: string[] }): Promise<ArrivalRecord> {
    const { workerIds, expectedOn, ...rest } = data;
    return tx.arrival.create({
      data: { ...rest, expectedOn: day(expectedOn), workers: { create: workerIds.map((workerId) => ({ workerId })) } },
      include: ARRIVAL_INCLUDE,
    });
  }

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<ArrivalRecord | null> {
    return tx.arrival.findFirst({ where: { AND: [{ id }, arrivalScope(scope)] }, include: ARRIVAL_INCLUDE });
  }

  list(scope: RecordScope, filter: ArrivalFilter, take: number): Promise<ArrivalRecord[]> {
    const { after } = filter;
    return this.prisma.arrival.findMany({
      where: {
        AND: [
          arrivalScope(scope),
          { status: filter.status },
          filter.from ? { expectedOn: { gte: day(filter.from) } } : {},
          filter.to ? { expectedOn: { lte: day(filter.to) } } : {},
          after ? { OR: [{ expectedOn: { gt: day(after.expectedOn) } }, { expectedOn: day(after.expectedOn), id: { gt: after.id } }] } : {},
        ],
      },
      include: ARRIVAL_INCLUDE,
      orderBy: [{ expectedOn: 'asc' }, { id: 'asc' }],
      take,
    });
  }

  /** EXPECTED → CHECKED_IN; false when the arrival was checked in (or cancelled) meanwhile. */
  async markCheckedIn(tx: Tx, id: string, at: Date): Promise<boolean> {
    const { count } = await tx.arrival.updateMany({ where: { id, status: 'EXPECTED' }, data: { status: 'CHECKED_IN', checkedInAt: at, version: { increment: 1 } } });
    return count === 1;
  }

  async checkInExpected(tx: Tx, arrivalId: string, workerIds: string[], on: string): Promise<void> {
    await tx.arrivalWorker.updateMany({ where: { arrivalId, workerId: { in: workerIds } }, data: { checkedInOn: day(on) } });
  }

  async addUnannounced(tx: Tx, arrivalId: string, workerIds: string[], on: string): Promise<void> {
    await tx.arrivalWorker.createMany({ data: workerIds.map((workerId) => ({ arrivalId, workerId, expected: false, checkedInOn: day(on) })) });
  }
}
