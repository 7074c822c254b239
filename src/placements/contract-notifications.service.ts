import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { PrismaService } from '../infra/database/prisma.service';
import { dayOf, isoDay } from '../reference/reference.rules';
import { assessNotification } from './contract-notification.rules';
import { ContractNotificationDto, CreateContractNotificationDto } from './dto/placement.dto';
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
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, placementId: string, dto: CreateContractNotificationDto): Promise<ContractNotificationDto> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const placement = await this.repo.findById(placementId, scopeOf(actor), tx);
        if (!placement) throw PlacementErrors.notFound();
        if (dto.kind === 'TERMINATION' && (placement.status !== 'ENDED' || !placement.endDate)) throw ContractNotificationErrors.notEnded();
        if (placement.contractNotifications.some((n) => n.kind === dto.kind)) throw ContractNotificationErrors.duplicate(dto.kind);
        const assessment = assessNotification({
          kind: dto.kind,
          notifiedOn: dto.notifiedOn,
          startDate: isoDay(placement.startDate),
          endDate: placement.endDate && isoDay(placement.endDate),
          today: isoDay(this.clock.now()),
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
        return notificationDto(notification);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw ContractNotificationErrors.duplicate(dto.kind);
      throw e;
    }
  }
}
