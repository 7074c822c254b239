import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../../access/scope';
import { Prisma } from '../../generated/prisma/client';
import type { CandidateStatus, RecruitmentOrderStatus } from '../../generated/prisma/enums';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { workerScope } from '../../workers/workers.repository';

export const WORKER_BRIEF = {
  select: { caseNumber: true, lastNameLat: true, firstNameLat: true, lastNameCyr: true, firstNameCyr: true, citizenship: true },
} satisfies Prisma.WorkerDefaultArgs;

/**
 * The workers a caller may see listed on an order or an arrival, applied in the query (a second line
 * of defence behind the checks at proposal and check-in): a liaison officer only its agencies' workers.
 */
/** An arrival with the workers on it that the caller may see. */
export function arrivalInclude(scope: RecordScope) {
  return {
    order: { select: { partnerAgencyId: true } },
    workers: { where: { worker: workerScope(scope) }, include: { worker: WORKER_BRIEF }, orderBy: { workerId: 'asc' } },
  } satisfies Prisma.ArrivalInclude;
}
export type ArrivalRecord = Prisma.ArrivalGetPayload<{ include: ReturnType<typeof arrivalInclude> }>;

const ORDER_INCLUDE = {
  partnerAgency: { select: { name: true } },
  _count: { select: { candidates: { where: { status: 'SELECTED' } } } },
} satisfies Prisma.RecruitmentOrderInclude;
export type OrderRecord = Prisma.RecruitmentOrderGetPayload<{ include: typeof ORDER_INCLUDE }>;

function detailInclude(scope: RecordScope) {
  return {
    ...ORDER_INCLUDE,
    candidates: { where: { worker: workerScope(scope) }, include: { worker: WORKER_BRIEF }, orderBy: [{ createdAt: 'asc' }, { workerId: 'asc' }] },
    arrivals: { include: arrivalInclude(scope), orderBy: [{ expectedOn: 'asc' }, { id: 'asc' }] },
  } satisfies Prisma.RecruitmentOrderInclude;
}
export type OrderDetailRecord = Prisma.RecruitmentOrderGetPayload<{ include: ReturnType<typeof detailInclude> }>;

/** Scope in the query: a liaison officer sees only its agencies' orders; an employer only orders for its requests. */
export function orderScope(scope: RecordScope): Prisma.RecruitmentOrderWhereInput {
  if (scope.employerId) return { labourRequest: { employerId: scope.employerId } };
  if (scope.agencyIds) return { partnerAgencyId: { in: scope.agencyIds } };
  return {};
}

export interface OrderFilter {
  status?: RecruitmentOrderStatus;
  partnerAgencyId?: string;
  /** Keyset position: orders created before this one (newest first). */
  before?: { createdAt: Date; id: string };
}

@Injectable()
export class RecruitmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  findRequest(id: string, scope: RecordScope, tx: Tx = this.prisma) {
    return tx.labourRequest.findFirst({
      where: { id, ...(scope.employerId ? { employerId: scope.employerId } : {}) },
      select: {
        id: true,
        status: true,
        approvedCount: true,
        placedCount: true,
        occupationCode: true,
        periodStart: true,
        periodEnd: true,
        preferredCitizenships: true,
      },
    });
  }

  /** Orders across requests, newest first, within the caller's scope (a liaison officer: its agencies' orders only). */
  listAll(scope: RecordScope, f: OrderFilter, take: number): Promise<OrderRecord[]> {
    const b = f.before;
    return this.prisma.recruitmentOrder.findMany({
      where: {
        AND: [
          orderScope(scope),
          { status: f.status, partnerAgencyId: f.partnerAgencyId },
          b ? { OR: [{ createdAt: { lt: b.createdAt } }, { createdAt: b.createdAt, id: { lt: b.id } }] } : {},
        ],
      },
      include: ORDER_INCLUDE,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** The active liaison officers of the agency (told of a new order for it). */
  async activeLiaisonUserIds(tx: Tx, agencyId: string): Promise<string[]> {
    return (await tx.user.findMany({ where: { role: 'LIAISON', active: true, agencies: { some: { agencyId } } }, select: { id: true } })).map((u) => u.id);
  }

  /** Row lock on the labour request: orders of one request are placed one at a time, and not while the request is withdrawn or closed. */
  async lockRequest(tx: Tx, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM labour_requests WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  }

  /** Candidates still asked of the request's OPEN orders. */
  async requestedOnOpenOrders(tx: Tx, labourRequestId: string): Promise<number> {
    const { _sum } = await tx.recruitmentOrder.aggregate({ where: { labourRequestId, status: 'OPEN' }, _sum: { candidatesRequested: true } });
    return _sum.candidatesRequested ?? 0;
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
    return tx.recruitmentOrder.findFirst({ where: { AND: [{ id }, orderScope(scope)] }, include: detailInclude(scope) });
  }

  /**
   * Row lock on the order: selections of one order are serialised, so the selected count never passes
   * what was asked. Only for an order the caller already found within its scope.
   */
  async lockOrder(tx: Tx, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM recruitment_orders WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  }

  /** Row locks on every order of a request, in id order (no deadlock with one another). */
  async lockOrdersOf(tx: Tx, labourRequestId: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM recruitment_orders WHERE labour_request_id = ${labourRequestId}::uuid ORDER BY id FOR NO KEY UPDATE`;
  }

  /** Workers selected on the request's orders who are still SELECTED or IN_TRANSIT (on their way, in our care). */
  workersInProgress(tx: Tx, labourRequestId: string) {
    return tx.orderCandidate.findMany({
      where: { order: { labourRequestId }, status: 'SELECTED', worker: { status: { in: ['SELECTED', 'IN_TRANSIT'] } } },
      select: { orderId: true, workerId: true, worker: { select: { caseNumber: true, status: true, partnerAgencyId: true } } },
      orderBy: [{ orderId: 'asc' }, { workerId: 'asc' }],
    });
  }

  async openOrderIds(tx: Tx, labourRequestId: string): Promise<string[]> {
    return (await tx.recruitmentOrder.findMany({ where: { labourRequestId, status: 'OPEN' }, select: { id: true }, orderBy: { id: 'asc' } })).map((o) => o.id);
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
