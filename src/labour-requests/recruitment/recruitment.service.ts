import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { RecordScope, scopeOf } from '../../access/scope';
import { AuditService } from '../../audit/audit.service';
import { decodeCursor, instantPosition, limitOf, Page, PageQueryDto, toPage, uuidAfter } from '../../common/pagination/pagination';
import { Clock } from '../../infra/clock/clock';
import { Tx } from '../../infra/database/prisma.service';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { NotificationsService } from '../../notifications/notifications.service';
import { isoDay } from '../../reference/reference.rules';
import { WorkersService } from '../../workers/workers.service';
import { holdsApprovedPlaces, openPlaces } from '../labour-request.rules';
import { ArrivalsRepository } from './arrivals.repository';
import {
  CandidateDto,
  CreateRecruitmentOrderDto,
  ProposeCandidateDto,
  RecruitmentOrderDetailDto,
  RecruitmentOrderDto,
  RecruitmentOrderQueryDto,
} from './dto/recruitment-order.dto';
import { RecruitmentErrors } from './recruitment.errors';
import { OrderRecord, RecruitmentRepository } from './recruitment.repository';
import { closingStatus, orderProblems, OrderStatus, orderStatusAfterSelection, proposalProblems, selectionProblems } from './recruitment.rules';
import { RecruitmentNotices } from './recruitment.notices';
import { candidateDto, orderDetailDto, orderDto } from './recruitment.views';
import { isUniqueViolation } from '../../infra/database/unique-violation';

/** Recruitment orders to partner agencies and their candidates. */
@Injectable()
export class RecruitmentService {
  constructor(
    private readonly repo: RecruitmentRepository,
    private readonly arrivals: ArrivalsRepository,
    private readonly workers: WorkersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /**
   * The request row is locked (after the scoped read) so that orders of one request are placed one
   * at a time and never on a request being withdrawn or closed; then it is read again. The agency's
   * active liaison officers (but the one who placed it) are notified in the same transaction.
   */
  async create(actor: Actor, labourRequestId: string, dto: CreateRecruitmentOrderDto): Promise<RecruitmentOrderDto> {
    return this.transactions.run(async (tx) => {
      if (!(await this.repo.findRequest(labourRequestId, scopeOf(actor), tx))) throw RecruitmentErrors.requestNotFound();
      await this.repo.lockRequest(tx, labourRequestId);
      const request = (await this.repo.findRequest(labourRequestId, scopeOf(actor), tx))!;
      if (!holdsApprovedPlaces(request.status)) throw RecruitmentErrors.requestNotApproved(request.status);
      const problems = orderProblems({
        agency: await this.repo.findAgency(tx, dto.partnerAgencyId),
        actorAgencyIds: scopeOf(actor).agencyIds,
        candidatesRequested: dto.candidatesRequested,
        openPlaces: openPlaces(request.approvedCount, request.placedCount),
        requestedOnOpenOrders: await this.repo.requestedOnOpenOrders(tx, labourRequestId),
      });
      if (problems.length) throw RecruitmentErrors.invalidOrder(problems);
      const order = await this.repo.createOrder(tx, { ...dto, labourRequestId, createdById: actor.id });
      await this.audit.change(tx, actor, 'recruitment_order.create', 'recruitment_order', order.id, { labourRequestId, ...dto });
      const notice = RecruitmentNotices.orderCreated({
        ...orderDto(order),
        occupationCode: request.occupationCode,
        periodStart: isoDay(request.periodStart),
        periodEnd: isoDay(request.periodEnd),
        preferredCitizenships: request.preferredCitizenships,
      });
      const liaisons = (await this.repo.activeLiaisonUserIds(tx, order.partnerAgencyId)).filter((id) => id !== actor.id);
      await this.notifications.notify(tx, liaisons, notice);
      return orderDto(order);
    });
  }

  async list(actor: Actor, labourRequestId: string, query: PageQueryDto): Promise<Page<RecruitmentOrderDto>> {
    if (!(await this.repo.findRequest(labourRequestId, scopeOf(actor)))) throw RecruitmentErrors.requestNotFound();
    const limit = limitOf(query);
    const rows = await this.repo.listOrders(labourRequestId, scopeOf(actor), uuidAfter(query.cursor), limit + 1);
    const page = toPage(rows, limit, (o) => ({ value: o.id, id: o.id }));
    return { items: page.items.map(orderDto), nextCursor: page.nextCursor };
  }

  /** Every order the caller may see (a liaison officer: its agencies'), newest first. */
  async listAll(actor: Actor, query: RecruitmentOrderQueryDto): Promise<Page<RecruitmentOrderDto>> {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const before = cursor ? instantPosition(cursor) : undefined;
    const rows = await this.repo.listAll(scopeOf(actor), { status: query.status, partnerAgencyId: query.partnerAgencyId, before }, limit + 1);
    const page = toPage(rows, limit, (o) => ({ value: o.createdAt.toISOString(), id: o.id }));
    return { items: page.items.map(orderDto), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string, tx?: Tx): Promise<RecruitmentOrderDetailDto> {
    const order = await this.repo.findOrderDetail(id, scopeOf(actor), tx);
    if (!order) throw RecruitmentErrors.orderNotFound();
    return orderDetailDto(order);
  }

  /** The agency proposes one of its workers still abroad. */
  async propose(actor: Actor, orderId: string, dto: ProposeCandidateDto): Promise<CandidateDto> {
    try {
      return await this.transactions.run(async (tx) => {
        const order = await this.lockedOrder(tx, orderId, scopeOf(actor));
        if (order.status === 'CANCELLED') throw RecruitmentErrors.orderCancelled();
        if (order.status !== 'OPEN') throw RecruitmentErrors.orderNotOpen(order.status);
        const worker = await this.workers.findForUpdate(tx, actor, dto.workerId);
        if (!worker) throw RecruitmentErrors.invalidCandidate([{ field: 'workerId', message: 'no such worker' }]);
        if (await this.repo.findCandidate(tx, orderId, worker.id)) throw RecruitmentErrors.alreadyProposed();
        const problems = proposalProblems(worker, order.partnerAgencyId);
        if (problems.length) throw RecruitmentErrors.invalidCandidate(problems);
        const candidate = await this.repo.createCandidate(tx, { orderId, workerId: worker.id, proposedById: actor.id });
        await this.audit.change(tx, actor, 'recruitment_order.candidate_propose', 'recruitment_order', orderId, { workerId: worker.id });
        return candidateDto(candidate);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw RecruitmentErrors.alreadyProposed();
      throw e;
    }
  }

  /**
   * Staff decide on a proposed candidate. Selecting moves the worker CANDIDATE → SELECTED and
   * fulfils the order once it has as many as it asked for. The order row is locked before it is
   * read again, so concurrent selections never pass that number and never undo each other's status.
   */
  async decide(actor: Actor, orderId: string, workerId: string, to: 'SELECTED' | 'DECLINED'): Promise<RecruitmentOrderDetailDto> {
    return this.transactions.run(async (tx) => {
      const order = await this.lockedOrder(tx, orderId, scopeOf(actor));
      const candidate = await this.repo.findCandidate(tx, orderId, workerId);
      const worker = candidate && (await this.workers.findForUpdate(tx, actor, workerId));
      if (!candidate || !worker) throw RecruitmentErrors.candidateNotFound();
      if (order.status === 'CANCELLED') throw RecruitmentErrors.orderCancelled();
      if (candidate.status !== 'PROPOSED') throw RecruitmentErrors.alreadyDecided(candidate.status);
      let status: OrderStatus = order.status;
      if (to === 'SELECTED') {
        const selectedCount = await this.repo.countSelected(tx, orderId);
        const problems = selectionProblems({ workerStatus: worker.status, selectedCount, candidatesRequested: order.candidatesRequested });
        if (problems.length) throw RecruitmentErrors.notSelectable(problems);
        await this.workers.moveInTx(tx, actor, worker, 'SELECTED', `selected on recruitment order ${orderId}`);
        status = orderStatusAfterSelection(selectedCount + 1, order.candidatesRequested);
      }
      if (!(await this.repo.decideCandidate(tx, orderId, workerId, to, actor.id))) throw RecruitmentErrors.alreadyDecided('decided');
      await this.repo.setOrderStatus(tx, orderId, status);
      const action = to === 'SELECTED' ? 'select' : 'decline';
      await this.audit.change(tx, actor, `recruitment_order.candidate_${action}`, 'recruitment_order', orderId, { workerId, orderStatus: status });
      return this.get(actor, orderId, tx);
    });
  }

  /**
   * Recruitment for a labour request ends (it is withdrawn, rejected or closed), inside the caller's
   * transaction. While any worker selected on its orders is still SELECTED or IN_TRANSIT the answer
   * is 409 RECRUITMENT_IN_PROGRESS listing them (the ones the caller may see; always their number):
   * the caseworker deals with those people first. Otherwise its OPEN orders become CANCELLED and the
   * EXPECTED arrivals on its orders are closed: CANCELLED, or CHECKED_IN when someone was already
   * checked in on them. Each change is audited. The orders are locked first, so no selection slips in.
   */
  async endForRequest(tx: Tx, actor: Actor, labourRequestId: string): Promise<void> {
    await this.repo.lockOrdersOf(tx, labourRequestId);
    const busy = await this.repo.workersInProgress(tx, labourRequestId);
    if (busy.length) {
      const visible = busy.filter((b) => seesAgencyWorker(scopeOf(actor), b.worker.partnerAgencyId));
      throw RecruitmentErrors.inProgress(
        visible.map((b) => ({ workerId: b.workerId, caseNumber: b.worker.caseNumber, status: b.worker.status, orderId: b.orderId })),
        busy.length,
      );
    }
    const reason = 'recruitment for the labour request ended';
    for (const id of await this.repo.openOrderIds(tx, labourRequestId)) {
      await this.repo.setOrderStatus(tx, id, 'CANCELLED');
      await this.audit.change(tx, actor, 'recruitment_order.cancel', 'recruitment_order', id, {
        labourRequestId,
        status: { from: 'OPEN', to: 'CANCELLED' },
        reason,
      });
    }
    for (const arrival of await this.arrivals.expectedOfRequest(tx, labourRequestId)) {
      const to = closingStatus(arrival._count.workers);
      if (!(await this.arrivals.updateExpected(tx, arrival.id, to, this.clock.now()))) continue;
      await this.audit.change(tx, actor, to === 'CANCELLED' ? 'arrival.cancel' : 'arrival.close', 'arrival', arrival.id, {
        orderId: arrival.orderId,
        status: { from: 'EXPECTED', to },
        reason,
      });
    }
  }

  /** The order within the caller's scope (404 otherwise), then locked and read again. */
  private async lockedOrder(tx: Tx, orderId: string, scope: RecordScope): Promise<OrderRecord> {
    if (!(await this.repo.findOrder(orderId, scope, tx))) throw RecruitmentErrors.orderNotFound();
    await this.repo.lockOrder(tx, orderId);
    return (await this.repo.findOrder(orderId, scope, tx))!;
  }
}

/** Whether a caller of `scope` may see a worker of that agency named (employers never see people not placed with them). */
function seesAgencyWorker(scope: RecordScope, partnerAgencyId: string | null): boolean {
  if (scope.employerId) return false;
  return !scope.agencyIds || (partnerAgencyId !== null && scope.agencyIds.includes(partnerAgencyId));
}
