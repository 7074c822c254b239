import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { AuditService } from '../../audit/audit.service';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { WorkersService } from '../../workers/workers.service';
import { holdsApprovedPlaces, openPlaces } from '../labour-request.rules';
import { CandidateDto, CreateRecruitmentOrderDto, ProposeCandidateDto, RecruitmentOrderDetailDto, RecruitmentOrderDto } from './dto/recruitment-order.dto';
import { RecruitmentErrors } from './recruitment.errors';
import { RecruitmentRepository } from './recruitment.repository';
import { orderProblems, OrderStatus, orderStatusAfterSelection, proposalProblems, selectionProblems } from './recruitment.rules';
import { candidateDto, orderDetailDto, orderDto } from './recruitment.views';

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === 'P2002';

/** Recruitment orders to partner agencies and their candidates. */
@Injectable()
export class RecruitmentService {
  constructor(
    private readonly repo: RecruitmentRepository,
    private readonly workers: WorkersService,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
  ) {}

  async create(actor: Actor, labourRequestId: string, dto: CreateRecruitmentOrderDto): Promise<RecruitmentOrderDto> {
    return this.prisma.$transaction(async (tx) => {
      const request = await this.repo.findRequest(labourRequestId, scopeOf(actor), tx);
      if (!request) throw RecruitmentErrors.requestNotFound();
      if (!holdsApprovedPlaces(request.status)) throw RecruitmentErrors.requestNotApproved(request.status);
      const problems = orderProblems({
        agency: await this.repo.findAgency(tx, dto.partnerAgencyId),
        actorAgencyIds: scopeOf(actor).agencyIds,
        candidatesRequested: dto.candidatesRequested,
        openPlaces: openPlaces(request.approvedCount, request.placedCount),
      });
      if (problems.length) throw RecruitmentErrors.invalidOrder(problems);
      const order = await this.repo.createOrder(tx, { ...dto, labourRequestId, createdById: actor.id });
      await this.audit.change(tx, actor, 'recruitment-order.create', 'recruitment_order', order.id, { labourRequestId, ...dto });
      return orderDto(order);
    });
  }

  async list(actor: Actor, labourRequestId: string, query: PageQueryDto): Promise<Page<RecruitmentOrderDto>> {
    if (!(await this.repo.findRequest(labourRequestId, scopeOf(actor)))) throw RecruitmentErrors.requestNotFound();
    const limit = limitOf(query);
    const rows = await this.repo.listOrders(labourRequestId, scopeOf(actor), decodeCursor(query.cursor)?.id, limit + 1);
    const page = toPage(rows, limit, (o) => ({ value: o.id, id: o.id }));
    return { items: page.items.map(orderDto), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string, tx: Tx = this.prisma): Promise<RecruitmentOrderDetailDto> {
    const order = await this.repo.findOrderDetail(id, scopeOf(actor), tx);
    if (!order) throw RecruitmentErrors.orderNotFound();
    return orderDetailDto(order);
  }

  /** The agency proposes one of its workers still abroad. */
  async propose(actor: Actor, orderId: string, dto: ProposeCandidateDto): Promise<CandidateDto> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await this.repo.lockOrder(tx, orderId);
        const order = await this.repo.findOrder(orderId, scopeOf(actor), tx);
        if (!order) throw RecruitmentErrors.orderNotFound();
        if (order.status !== 'OPEN') throw RecruitmentErrors.orderNotOpen(order.status);
        const worker = await this.workers.findForUpdate(tx, actor, dto.workerId);
        if (!worker) throw RecruitmentErrors.invalidCandidate([{ field: 'workerId', message: 'no such worker' }]);
        if (await this.repo.findCandidate(tx, orderId, worker.id)) throw RecruitmentErrors.alreadyProposed();
        const problems = proposalProblems(worker, order.partnerAgencyId);
        if (problems.length) throw RecruitmentErrors.invalidCandidate(problems);
        const candidate = await this.repo.createCandidate(tx, { orderId, workerId: worker.id, proposedById: actor.id });
        await this.audit.change(tx, actor, 'recruitment-order.candidate.propose', 'recruitment_order', orderId, { workerId: worker.id });
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
   * read, so concurrent selections never pass that number and never undo each other's status.
   */
  async decide(actor: Actor, orderId: string, workerId: string, to: 'SELECTED' | 'DECLINED'): Promise<RecruitmentOrderDetailDto> {
    return this.prisma.$transaction(async (tx) => {
      await this.repo.lockOrder(tx, orderId);
      const order = await this.repo.findOrder(orderId, scopeOf(actor), tx);
      if (!order) throw RecruitmentErrors.orderNotFound();
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
      await this.audit.change(tx, actor, `recruitment-order.candidate.${action}`, 'recruitment_order', orderId, { workerId, orderStatus: status });
      return this.get(actor, orderId, tx);
    });
  }
}
