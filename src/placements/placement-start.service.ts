import { DeadlinesService } from '../deadlines/deadlines.service';
import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { Role } from '../access/permissions';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { dayOf, isoDay } from '../reference/reference.rules';
import { WorkersService } from '../workers/workers.service';
import { PlacementsRepository } from './placements.repository';

/** Who starts placements: the daily job, in the audit trail and the worker's timeline. */
export const PLACEMENT_JOB_ACTOR: Actor = {
  id: '00000000-0000-4000-8000-000000000002',
  role: Role.ADMIN,
  employerId: null,
  agencyIds: [],
  sessionId: '00000000-0000-4000-8000-000000000002',
  requestId: 'job:placements.start-due',
  ip: 'local',
};

export interface StartDueResult {
  started: number;
  /** Placements left PLANNED because their start failed (logged); the next run tries them again. */
  failed: string[];
}

/**
 * Starts the PLANNED placements whose start date has come (by the injected clock): each becomes
 * ACTIVE and its worker EMPLOYED, in one transaction per placement. Idempotent: a placement is
 * started by a conditional UPDATE from PLANNED, so a second run, or two runs at once, start it once.
 */
@Injectable()
export class PlacementStartService {
  private readonly logger = new Logger(PlacementStartService.name);

  constructor(
    private readonly repo: PlacementsRepository,
    private readonly workers: WorkersService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
  ) {}

  async startDue(): Promise<StartDueResult> {
    const today = dayOf(isoDay(this.clock.now()));
    const result: StartDueResult = { started: 0, failed: [] };
    for (const id of await this.repo.plannedDue(today)) {
      try {
        if (await this.start(id, today)) result.started++;
      } catch (e) {
        this.logger.warn(`placement ${id} could not start: ${(e as Error).message}`);
        result.failed.push(id);
      }
    }
    return result;
  }

  private start(id: string, today: Date): Promise<boolean> {
    const actor = PLACEMENT_JOB_ACTOR;
    return this.transactions.run(async (tx) => {
      const placement = await this.repo.start(tx, id, today);
      if (!placement) return false;
      const startDate = isoDay(placement.startDate);
      // a planned placement holds its worker (manual moves are refused), so the worker is still READY_TO_WORK or BETWEEN_JOBS
      const worker = await this.workers.findForUpdate(tx, actor, placement.workerId);
      if (!worker) throw new Error(`worker ${placement.workerId} of placement ${id} not found`);
      await this.workers.moveInTx(tx, actor, worker, 'EMPLOYED', `placement under labour request ${placement.labourRequestId} started on ${startDate}`);
      await this.audit.change(tx, actor, 'placement.start', 'placement', id, { startDate, workerId: placement.workerId });
      await this.deadlines.recompute(tx, placement.workerId, actor.id);
      return true;
    });
  }
}
