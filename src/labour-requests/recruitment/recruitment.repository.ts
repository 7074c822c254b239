import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../../access/scope';
import { Prisma } from '../../generated/prisma/client';
import type { CandidateStatus, RecruitmentOrderStatus } from '../../generated/prisma/enums';
import { PrismaService, Tx } from '../../infra/database/prisma.service';

export const WORKER_BRIEF = {
  select: { caseNumber: true, lastNameLat: true, firstNameLat: true, lastNameCyr: true, firstNameCyr: true, citizenship: true },
} satisfies Prisma.WorkerDefaultArgs;

export const ARRIVAL_INCLUDE = {
  order: { select: { partnerAgencyId: true } },
  workers: { include: { worker: WORKER_BRIEF }, orderBy: { workerId: 'asc' } },
} satisfies Prisma.ArrivalInclude;
export type ArrivalRecord = Prisma.ArrivalGetPayload<{ include: typeof ARRIVAL_INCLUDE }>;

const ORDER_INCLUDE = {
  partnerAgency: { select: { name: true } },
  _count: { select: { candidates: { where: { status: 'SELECTED' } } } },
} satisfies Prisma.RecruitmentOrderInclude;
export type OrderRecord = Prisma.RecruitmentOrderGetPayload<{ include: typeof ORDER_INCLUDE }>;

const DETAIL_INCLUDE = {
  ...ORDER_INCLUDE,
  candidates: { include: { worker: WORKER_BRIEF }, orderBy: [{ createdAt: 'asc' }, { workerId: 'asc' }] },
  arrivals: { include: ARRIVAL_INCLUDE, orderBy: [{ expectedOn: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.RecruitmentOrderInclude;
export type OrderDetailRecord = Prisma.RecruitmentOrderGetPayload<{ include: typeof DETAIL_INCLUDE }>;

/** Scope in the query: a liaison officer sees only its agencies' orders; an employer only orders for its requests. */
export function orderScope(scope: RecordScope): Prisma.RecruitmentOrderWhereInput {
  if (scope.employerId) return { labourRequest: { employerId: scope.employerId } };
  if (scope.agencyIds) return { partnerAgencyId: { in: scope.agencyIds } };
  return {};
}

@Injectable()
export class RecruitmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  findRequest(id: string, scope: RecordScope, tx: Tx = this.prisma) {
    return tx.labourRequest.findFirst({
      where: { id, ...(scope.employerId ? { employerId: scope.employerId } : {}) },
      select: { id: true, status: true, approvedCount: true, placedCount: true },
    });
  }

  findAgency(tx: Tx, id: string) {
    return tx.partnerAgency.findUnique({ where: { id }, select: { id: true, active: true } });
  }

  createOrder(tx: Tx, data: Prisma.RecruitmentOrderUncheckedCreateInput): Promise<OrderRecord> {
    return tx.recruitmentOrder.create({ data, include: ORDER_INCLUDE });
  }

  listOrders(labourRequestId: string, scope: RecordScope, after: string | undefined, take: number): Promise<OrderRecord[]> {
    return this.prisma.recruitmentOrder.findMany({
      where: { AND: [{ labourRequestId }, orderScope(scope), after ? { id: { gt: after } } : {}] },
      include: ORDER_INCLUDE,
      orderBy: { id: 'asc' },
      take,
    });
  }

  findOrder(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<OrderRecord | null> {
    return tx.recruitmentOrder.findFirst({ where: { AND: [{ id }, orderScope(scope)] }, include: ORDER_INCLUDE });
  }

  findOrderDetail(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<OrderDetailRecord | null> {
    return tx.recruitmentOrder.findFirst({ where: { AND: [{ id }, orderScope(scope)] }, include: DETAIL_INCLUDE });
  }

  /** Row lock on the order: selections of one order are serialised, so the selected count never passes what was asked. */
  async lockOrder(tx: Tx, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM recruitment_orders WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  }

  countSelected(tx: Tx, orderId: string): Promise<number> {
    return tx.orderCandidate.count({ where: { orderId, status: 'SELECTED' } });
  }

  findCandidate(tx: Tx, orderId: string, workerId: string) {
    return tx.orderCandidate.findUnique({ where: { orderId_workerId: { orderId, workerId } }, include: { worker: WORKER_BRIEF } });
  }

  candidatesOf(tx: Tx, orderId: string, workerIds: string[]) {
    return tx.orderCandidate.findMany({ where: { orderId, workerId: { in: workerIds } }, select: { workerId: true, status: true } });
  }

  createCandidate(tx: Tx, data: { orderId: string; workerId: string; proposedById: string }) {
    return tx.orderCandidate.create({ data, include: { worker: WORKER_BRIEF } });
  }

  /** PROPOSED → `to`; false when the candidate was decided meanwhile. */
  async decideCandidate(tx: Tx, orderId: string, workerId: string, to: CandidateStatus, decidedById: string): Promise<boolean> {
    const { count } = await tx.orderCandidate.updateMany({ where: { orderId, workerId, status: 'PROPOSED' }, data: { status: to, decidedById } });
    return count === 1;
  }

  async setOrderStatus(tx: Tx, id: string, status: RecruitmentOrderStatus): Promise<void> {
    await tx.recruitmentOrder.update({ where: { id }, data: { status, version: { increment: 1 } } });
  }
}
