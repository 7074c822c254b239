import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { AuditService } from '../../audit/audit.service';
import { dayPosition, decodeCursor, limitOf, Page, toPage } from '../../common/pagination/pagination';
import { Clock } from '../../infra/clock/clock';
import { Tx } from '../../infra/database/prisma.service';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { dayOf, isoDay } from '../../reference/reference.rules';
import type { WorkerRecord } from '../../workers/workers.repository';
import { WorkersService } from '../../workers/workers.service';
import { ArrivalDto, ArrivalQueryDto, CheckInDto, CreateArrivalDto } from './dto/arrival.dto';
import { ArrivalsRepository } from './arrivals.repository';
import { RecruitmentErrors } from './recruitment.errors';
import { RecruitmentRepository } from './recruitment.repository';
import { arrivalProblems, checkInPlan, pathToArrived } from './recruitment.rules';
import { arrivalDto } from './recruitment.views';

/** Expected batches of selected workers and their check-in in Omsk. */
@Injectable()
export class ArrivalsService {
  constructor(
    private readonly repo: ArrivalsRepository,
    private readonly orders: RecruitmentRepository,
    private readonly workers: WorkersService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, orderId: string, dto: CreateArrivalDto): Promise<ArrivalDto> {
    return this.transactions.run(async (tx) => {
      const order = await this.orders.findOrder(orderId, scopeOf(actor), tx);
      if (!order) throw RecruitmentErrors.orderNotFound();
      if (order.status === 'CANCELLED') throw RecruitmentErrors.orderCancelled();
      const candidates = new Map((await this.orders.candidatesOf(tx, orderId, dto.workerIds)).map((c) => [c.workerId, c.status]));
      const workers = await this.findWorkers(tx, actor, dto.workerIds);
      const problems = arrivalProblems(
        dto.workerIds.map((workerId) => ({ workerId, candidateStatus: candidates.get(workerId) ?? null, workerStatus: workers.get(workerId)?.status ?? null })),
      );
      if (problems.length) throw RecruitmentErrors.invalidArrival(problems);
      for (const worker of workers.values()) {
        await this.workers.moveInTx(tx, actor, worker, 'IN_TRANSIT', `expected in Omsk on ${dto.expectedOn}: ${dto.transport}`);
      }
      const arrival = await this.repo.create(tx, scopeOf(actor), { ...dto, orderId, createdById: actor.id });
      await this.audit.change(tx, actor, 'arrival.create', 'arrival', arrival.id, { orderId, ...dto });
      return arrivalDto(arrival);
    });
  }

  async list(actor: Actor, query: ArrivalQueryDto): Promise<Page<ArrivalDto>> {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const after = cursor ? dayPosition(cursor) : undefined;
    const rows = await this.repo.list(scopeOf(actor), { from: query.from, to: query.to, status: query.status, after }, limit + 1);
    const page = toPage(rows, limit, (a) => ({ value: isoDay(a.expectedOn), id: a.id }));
    return { items: page.items.map(arrivalDto), nextCursor: page.nextCursor };
  }

  /**
   * The people who are there move to ARRIVED with their arrival date. Someone not expected on this
   * arrival (a worker of the order's agency still abroad, awaited on no other arrival) is moved along
   * the lifecycle to ARRIVED all the same and flagged unannounced. The arrival takes further
   * check-ins until every worker it expects is in; then it is CHECKED_IN. Its row is locked (after
   * the scoped read) so that check-ins of one arrival are serialised.
   */
  async checkIn(actor: Actor, id: string, dto: CheckInDto): Promise<ArrivalDto> {
    return this.transactions.run(async (tx) => {
      const scope = scopeOf(actor);
      if (!(await this.repo.findById(id, scope, tx))) throw RecruitmentErrors.arrivalNotFound();
      await this.repo.lock(tx, id);
      const arrival = (await this.repo.findById(id, scope, tx))!;
      if (arrival.status !== 'EXPECTED') throw RecruitmentErrors.notExpected(arrival.status);
      const today = isoDay(this.clock.now());
      const arrivedOn = dto.arrivedOn ?? today;
      const workers = await this.findWorkers(tx, actor, dto.workerIds);
      const rows = await this.repo.rowsFor(tx, id, dto.workerIds);
      const plan = checkInPlan({
        arrivalId: id,
        agencyId: arrival.order.partnerAgencyId,
        presentIds: dto.workerIds,
        workers: Object.fromEntries([...workers].map(([workerId, w]) => [workerId, { status: w.status, partnerAgencyId: w.partnerAgencyId }])),
        rows: rows.map((r) => ({ ...r, checkedInOn: r.checkedInOn && isoDay(r.checkedInOn), arrivalStatus: r.arrival.status })),
        arrivedOn,
        today,
      });
      if (plan.conflicts.length) throw RecruitmentErrors.alreadyCheckedIn(plan.conflicts);
      if (plan.problems.length) throw RecruitmentErrors.invalidCheckIn(plan.problems);
      if (!(await this.repo.updateExpected(tx, id, plan.complete ? 'CHECKED_IN' : null, this.clock.now()))) throw RecruitmentErrors.notExpected('CHECKED_IN');
      const reason = `checked in on ${arrivedOn}: ${arrival.transport}`;
      for (const workerId of plan.expected) {
        await this.workers.moveInTx(tx, actor, workers.get(workerId)!, 'ARRIVED', reason, { arrivalDate: dayOf(arrivedOn) });
      }
      for (const workerId of plan.unannounced) {
        let worker = workers.get(workerId)!;
        for (const to of pathToArrived(worker.status)!) {
          const data = to === 'ARRIVED' ? { arrivalDate: dayOf(arrivedOn), unannounced: true } : {};
          worker = await this.workers.moveInTx(tx, actor, worker, to, `unannounced at the arrival ${id}; ${reason}`, data);
        }
      }
      await this.repo.checkInExpected(tx, id, plan.expected, arrivedOn);
      if (plan.unannounced.length) await this.repo.addUnannounced(tx, id, plan.unannounced, arrivedOn);
      const arrivalStatus = plan.complete ? 'CHECKED_IN' : 'EXPECTED';
      await this.audit.change(tx, actor, 'arrival.check_in', 'arrival', id, {
        arrivedOn,
        expected: plan.expected,
        unannounced: plan.unannounced,
        arrivalStatus,
      });
      return arrivalDto((await this.repo.findById(id, scope, tx))!);
    });
  }

  /** The workers the caller may see among `ids`, by id. */
  private async findWorkers(tx: Tx, actor: Actor, ids: string[]): Promise<Map<string, WorkerRecord>> {
    const found = new Map<string, WorkerRecord>();
    for (const id of ids) {
      const worker = await this.workers.findForUpdate(tx, actor, id);
      if (worker) found.set(id, worker);
    }
    return found;
  }
}
