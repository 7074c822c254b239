import { CalendarYearMissing } from '../deadlines/calendar.rules';
import { DeadlineErrors } from '../deadlines/deadlines.errors';
import { CalendarService } from '../reference/calendar.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { dayOf, isoDay } from '../reference/reference.rules';
import { assessNotification, NotificationInput } from './contract-notification.rules';
import { ContractNotificationDto, CorrectContractNotificationDto, CreateContractNotificationDto } from './dto/placement.dto';
import { notificationDto } from './placement.views';
import { ContractNotificationErrors, PlacementErrors } from './placements.errors';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { PlacementsRepository } from './placements.repository';

/**
 * The employer's notices to the MVD of a contract concluded or ended, recorded by staff or by the
 * employer itself (its own placements only). The deadline engine later turns them into obligations.
 */
@Injectable()
export class ContractNotificationsService {
  constructor(
    private readonly repo: PlacementsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly calendars: CalendarService,
  ) {}

  /** The production calendar for the due date, read in the caller's transaction. */
  private calendar(tx: Tx) {
    return this.calendars.calendar(tx);
  }

  /** assessNotification, with a due date in a year whose calendar is not entered refused (422), never guessed. */
  private assess(input: NotificationInput) {
    try {
      return assessNotification(input);
    } catch (e) {
      if (e instanceof CalendarYearMissing) throw DeadlineErrors.calendarMissing(e.year);
      throw e;
    }
  }

  async record(actor: Actor, placementId: string, dto: CreateContractNotificationDto): Promise<ContractNotificationDto> {
    try {
      return await this.transactions.run(async (tx) => {
        const placement = await this.repo.findById(placementId, scopeOf(actor), tx);
        if (!placement) throw PlacementErrors.notFound();
        if (placement.status === 'CANCELLED') throw ContractNotificationErrors.cancelled();
        if (dto.kind === 'TERMINATION' && (placement.status !== 'ENDED' || !placement.endDate)) throw ContractNotificationErrors.notEnded();
        if (placement.contractNotifications.some((n) => n.kind === dto.kind)) throw ContractNotificationErrors.duplicate(dto.kind);
        const assessment = this.assess({
          kind: dto.kind,
          notifiedOn: dto.notifiedOn,
          startDate: isoDay(placement.startDate),
          endDate: placement.endDate && isoDay(placement.endDate),
          today: isoDay(this.clock.now()),
          calendar: await this.calendar(tx),
        });
        if (assessment.problems.length) throw ContractNotificationErrors.invalid(assessment.problems);
        const { dueOn, late } = assessment;
        const notification = await this.repo.createNotification(tx, {
          placementId,
          kind: dto.kind,
          notifiedOn: dayOf(dto.notifiedOn),
          dueOn: dayOf(dueOn),
          late,
          reference: dto.reference ?? null,
          recordedById: actor.id,
        });
        await this.audit.change(tx, actor, 'contract_notification.create', 'contract_notification', notification.id, { placementId, ...dto, dueOn, late });
        await this.deadlines.recompute(tx, placement.workerId, actor.id);
        return notificationDto(notification, actor);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw ContractNotificationErrors.duplicate(dto.kind);
      throw e;
    }
  }

  /**
   * Corrects a recorded notice (its date and/or reference) with a reason: the notice is locked, the
   * corrected date meets the same rules as a new notice, and the correction row keeps the values it
   * replaces (the database refuses a change of the date or reference without one). The late flag and
   * the due date are worked out again, so the employer's risk follows the corrected date.
   */
  correct(actor: Actor, placementId: string, notificationId: string, dto: CorrectContractNotificationDto): Promise<ContractNotificationDto> {
    return this.transactions.run(async (tx) => {
      const placement = await this.repo.findById(placementId, scopeOf(actor), tx);
      if (!placement) throw PlacementErrors.notFound();
      const current = await this.repo.lockNotification(tx, placementId, notificationId);
      if (!current) throw ContractNotificationErrors.notFound();
      const notifiedOn = dto.notifiedOn ?? isoDay(current.notifiedOn);
      const reference = dto.reference === undefined ? current.reference : dto.reference;
      if (notifiedOn === isoDay(current.notifiedOn) && reference === current.reference) throw ContractNotificationErrors.unchanged();
      const assessment = this.assess({
        kind: current.kind,
        notifiedOn,
        startDate: isoDay(placement.startDate),
        endDate: placement.endDate && isoDay(placement.endDate),
        today: isoDay(this.clock.now()),
        calendar: await this.calendar(tx),
      });
      if (assessment.problems.length) throw ContractNotificationErrors.invalid(assessment.problems);
      const { dueOn, late } = assessment;
      const corrected = await this.repo.correctNotification(
        tx,
        current,
        { notifiedOn: dayOf(notifiedOn), reference, dueOn: dayOf(dueOn), late },
        { reason: dto.reason, correctedById: actor.id },
      );
      const before = { notifiedOn: isoDay(current.notifiedOn), reference: current.reference, late: current.late };
      await this.audit.change(tx, actor, 'contract_notification.correct', 'contract_notification', current.id, {
        placementId,
        from: before,
        to: { notifiedOn, reference, late },
        reason: dto.reason,
      });
      await this.deadlines.recompute(tx, placement.workerId, actor.id);
      return notificationDto(corrected, actor);
    });
  }
}
