import type { Actor } from '../access/actor';
import { Role } from '../access/permissions';
import type { ContractNotificationDto, PlacementDto } from './dto/placement.dto';
import type { ContractNotificationRecord, PlacementRecord } from './placements.repository';
import { isoDay } from '../reference/reference.rules';

export function notificationDto(n: ContractNotificationRecord): ContractNotificationDto {
  return {
    id: n.id,
    placementId: n.placementId,
    kind: n.kind,
    notifiedOn: isoDay(n.notifiedOn),
    dueOn: isoDay(n.dueOn),
    late: n.late,
    reference: n.reference,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * The roles that read why a placement ended. Never the employer: a reason such as "removed after
 * a complaint" would tell it that a complaint exists, which employers must never learn.
 */
const END_REASON_READERS: readonly Role[] = [Role.ADMIN, Role.STAFF];

/**
 * One view for every reader: the placed worker appears with name and citizenship only (the
 * employer's minimal view; staff open the dossier itself for more), and the end reason only for
 * END_REASON_READERS.
 */
export function placementDto(p: PlacementRecord, reader: Pick<Actor, 'role'>): PlacementDto {
  return {
    id: p.id,
    labourRequestId: p.labourRequestId,
    employerId: p.employerId,
    worker: { ...p.worker },
    startDate: isoDay(p.startDate),
    endDate: p.endDate ? isoDay(p.endDate) : null,
    ...(END_REASON_READERS.includes(reader.role) ? { endReason: p.endReason } : {}),
    status: p.status,
    monthlyWageRub: p.monthlyWageRub,
    hoursPerWeek: p.hoursPerWeek,
    housingProvided: p.housingProvided,
    mealsProvided: p.mealsProvided,
    deductionsRub: p.deductionsRub,
    agreedOfferId: p.agreedOfferId,
    contractNotifications: p.contractNotifications.map(notificationDto),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}
