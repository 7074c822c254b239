import { DeadlinesService } from '../deadlines/deadlines.service';
import { RetaliationWatch } from '../complaints/retaliation-watch';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { limitOf, Page, toPage, uuidAfter } from '../common/pagination/pagination';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { NegotiationTermsRepository } from '../negotiations/negotiation-terms.repository';
import { dayOf, isoDay } from '../reference/reference.rules';
import { ReferenceService } from '../reference/reference.service';
import { WorkersService } from '../workers/workers.service';
import type { WorkerRecord } from '../workers/workers.repository';
import { CreatePlacementDto, EndPlacementDto, PlacementDto, PlacementQueryDto } from './dto/placement.dto';
import { checkPlacement, endProblems, initialPlacementStatus, PlacementCheckInput } from './placement.rules';
import { PlacementNotices } from './placement.notices';
import { NotificationsService } from '../notifications/notifications.service';
import type { NotificationInput } from '../notifications/notifications.repository';
import { placementDto } from './placement.views';
import { PlacementErrors, RuleError } from './placements.errors';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { PlacementRecord, PlacementsRepository, RequestFactsRecord } from './placements.repository';

@Injectable()
export class PlacementsService {
  constructor(
    private readonly repo: PlacementsRepository,
    private readonly workers: WorkersService,
    private readonly negotiations: NegotiationTermsRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly retaliation: RetaliationWatch,
  ) {}

  private today(): string {
    return isoDay(this.clock.now());
  }

  async list(actor: Actor, query: PlacementQueryDto): Promise<Page<PlacementDto>> {
    const limit = limitOf(query);
    const after = uuidAfter(query.cursor);
    const { status, workerId, labourRequestId, employerId } = query;
    const rows = await this.repo.list(scopeOf(actor), { status, workerId, labourRequestId, employerId, after }, limit + 1);
    const page = toPage(rows, limit, (p) => ({ value: p.id, id: p.id }));
    return { items: page.items.map((p) => placementDto(p, actor)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<PlacementDto> {
    const placement = await this.repo.findById(id, scopeOf(actor));
    if (!placement) throw PlacementErrors.notFound();
    return placementDto(placement, actor);
  }

  /**
   * Places a worker: every precondition checked at once (422 listing them all), then in one
   * transaction the place is taken by a conditional UPDATE (422 HEADCOUNT_REACHED when a
   * concurrent placement took the last one), the placement inserted, the change audited (with the
   * request's move to FILLED when it took the last place) and the employer's users notified. A
   * placement starting today or earlier is ACTIVE and moves the worker to EMPLOYED now; one starting
   * later is PLANNED and the worker stays as they are until its start date (PlacementStartService).
   * A concurrent second current placement of the worker → 409.
   */
  async create(actor: Actor, dto: CreatePlacementDto): Promise<PlacementDto> {
    const { labourRequestId, workerId, startDate, ...given } = dto;
    const [bans, reference] = await Promise.all([this.reference.bansOverlapping(startDate, startDate), this.offerReference(Number(startDate.slice(0, 4)))]);
    try {
      return await this.transactions.run(async (tx) => {
        const { request, worker } = await this.links(tx, actor, dto);
        const { problems, terms } = checkPlacement({
          startDate,
          request: { ...request, periodStart: isoDay(request.periodStart), periodEnd: isoDay(request.periodEnd) },
          worker: {
            status: worker.status,
            citizenship: worker.citizenship,
            documents: worker.documents.map((d) => ({
              type: d.type,
              status: d.status,
              issuedOn: d.issuedOn && isoDay(d.issuedOn),
              expiresOn: d.expiresOn && isoDay(d.expiresOn),
              paidUntil: d.paidUntil && isoDay(d.paidUntil),
            })),
            hasCurrentPlacement: await this.repo.hasCurrentPlacement(tx, workerId),
          },
          activityCode: request.employer.okved,
          bans,
          negotiation: await this.negotiations.agreementOf(labourRequestId, tx),
          given,
          reference,
        });
        if (problems.length) throw PlacementErrors.preconditions(problems);
        const place = await this.repo.takePlace(tx, labourRequestId);
        if (!place) throw PlacementErrors.headcountReached();
        const { includesOvertime, ...stored } = terms;
        const status = initialPlacementStatus(startDate, this.today());
        const placement = await this.repo.create(tx, {
          labourRequestId,
          employerId: request.employerId,
          workerId,
          startDate: dayOf(startDate),
          status,
          ...stored,
          createdById: actor.id,
        });
        if (status === 'ACTIVE') await this.workers.moveInTx(tx, actor, worker, 'EMPLOYED', `placed under labour request ${labourRequestId} from ${startDate}`);
        await this.notifyEmployer(tx, placement, PlacementNotices.created(placement.id, placement.worker, startDate, status === 'PLANNED'));
        await this.audit.change(tx, actor, 'placement.create', 'placement', placement.id, {
          labourRequestId,
          workerId,
          startDate,
          status,
          ...stored,
          includesOvertime,
        });
        await this.deadlines.recompute(tx, workerId, actor.id);
        if (place.filled) {
          const { placedCount, approvedCount } = place;
          await this.audit.change(tx, actor, 'labour_request.fill', 'labour_request', labourRequestId, {
            from: request.status,
            to: 'FILLED',
            placedCount,
            approvedCount,
            placementId: placement.id,
          });
        }
        return placementDto(placement, actor);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw PlacementErrors.workerAlreadyPlaced();
      throw e;
    }
  }

  /** The offer rules' figures of `year`, or the missing reference data as one more problem to list. */
  private async offerReference(year: number): Promise<PlacementCheckInput['reference']> {
    try {
      return await this.reference.wageFigures(year);
    } catch (e) {
      if (e instanceof AppError && e.code === 'REFERENCE_MISSING') return { missing: e.message };
      throw e;
    }
  }

  private async links(tx: Tx, actor: Actor, dto: CreatePlacementDto): Promise<{ request: RequestFactsRecord; worker: WorkerRecord }> {
    const request = await this.repo.requestFacts(tx, dto.labourRequestId);
    const worker = await this.workers.findForUpdate(tx, actor, dto.workerId);
    const errors: RuleError[] = [];
    if (!request) errors.push({ field: 'labourRequestId', message: 'no such labour request', code: 'NOT_FOUND' });
    if (!worker) errors.push({ field: 'workerId', message: 'no such worker', code: 'NOT_FOUND' });
    if (!request || !worker) throw PlacementErrors.linksInvalid(errors);
    return { request, worker };
  }

  /**
   * Ends an ACTIVE placement: the worker moves EMPLOYED → BETWEEN_JOBS. Ending a PLANNED one cancels
   * it: it never began, so the worker stays as they are. 409 when already ended or cancelled. The
   * employer's users are told either way (without the reason).
   */
  end(actor: Actor, id: string, dto: EndPlacementDto): Promise<PlacementDto> {
    return this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw PlacementErrors.notFound();
      if (current.status === 'PLANNED') return this.cancel(tx, actor, current, dto);
      if (current.status !== 'ACTIVE') throw PlacementErrors.alreadyEnded();
      const problems = endProblems({ status: 'ACTIVE', startDate: isoDay(current.startDate), endDate: dto.endDate, today: this.today() });
      if (problems.length) throw PlacementErrors.endInvalid(problems);
      const endDate = dto.endDate!;
      const ended = await this.repo.end(tx, id, dayOf(endDate), dto.reason);
      if (!ended) throw PlacementErrors.alreadyEnded();
      // a worker already moved on by hand (departed, closed) stays where they are
      const worker = await this.workers.findForUpdate(tx, actor, current.workerId);
      if (worker?.status === 'EMPLOYED') await this.workers.moveInTx(tx, actor, worker, 'BETWEEN_JOBS', `placement ended on ${endDate}: ${dto.reason}`);
      await this.audit.change(tx, actor, 'placement.end', 'placement', id, { endDate, reason: dto.reason });
      await this.retaliation.placementEnded(tx, current);
      await this.deadlines.recompute(tx, current.workerId, actor.id);
      await this.notifyEmployer(tx, ended, PlacementNotices.ended(id, ended.worker, endDate));
      return placementDto(ended, actor);
    });
  }

  private async cancel(tx: Tx, actor: Actor, current: PlacementRecord, dto: EndPlacementDto): Promise<PlacementDto> {
    const startDate = isoDay(current.startDate);
    const problems = endProblems({ status: 'PLANNED', startDate, endDate: dto.endDate, today: this.today() });
    if (problems.length) throw PlacementErrors.endInvalid(problems);
    const cancelled = await this.repo.cancel(tx, current.id, dto.reason);
    if (!cancelled) throw PlacementErrors.startedMeanwhile();
    await this.audit.change(tx, actor, 'placement.cancel', 'placement', current.id, {
      cancelledOn: dto.endDate ?? this.today(),
      startDate,
      reason: dto.reason,
    });
    await this.retaliation.placementEnded(tx, current);
    await this.deadlines.recompute(tx, current.workerId, actor.id);
    await this.notifyEmployer(tx, cancelled, PlacementNotices.cancelled(current.id, cancelled.worker, startDate));
    return placementDto(cancelled, actor);
  }

  private async notifyEmployer(tx: Tx, placement: PlacementRecord, notice: NotificationInput): Promise<void> {
    await this.notifications.notify(tx, await this.repo.activeEmployerUserIds(tx, placement.employerId), notice);
  }
}
