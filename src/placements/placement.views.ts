import type { Actor } from '../access/actor';
import { Role } from '../access/permissions';
import type { ContractNotificationCorrectionDto, ContractNotificationDto, PlacementDto } from './dto/placement.dto';
import type { ContractNotificationRecord, CorrectionRecord, PlacementRecord } from './placements.repository';
import { isoDay } from '../reference/reference.rules';

/**
 * The roles that read why a placement ended and why a notice was corrected. Never the employer: a
 * reason such as "removed after a complaint" would tell it that a complaint exists, which employers
 * must never learn.
 */
const REASON_READERS: readonly Role[] = [Role.ADMIN, Role.STAFF];

const canReadReasons = (reader: Pick<Actor, 'role'>) => REASON_READERS.includes(reader.role);

function correctionDto(c: CorrectionRecord): ContractNotificationCorrectionDto {
  return {
    sequence: c.sequence,
    previousNotifiedOn: isoDay(c.previousNotifiedOn),
    previousReference: c.previousReference,
    previousLate: c.previousLate,
    notifiedOn: isoDay(c.notifiedOn),
    reference: c.reference,
    late: c.late,
    reason: c.reason,
    correctedById: c.correctedById,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A notice as `reader` sees it: its corrections (with their reasons) for REASON_READERS only. */
export function notificationDto(n: ContractNotificationRecord, reader: Pick<Actor, 'role'>): ContractNotificationDto {
  return {
    id: n.id,
    placementId: n.placementId,
    kind: n.kind,
    notifiedOn: isoDay(n.notifiedOn),
    dueOn: isoDay(n.dueOn),
    late: n.late,
    reference: n.reference,
    createdAt: n.createdAt.toISOString(),
    ...(canReadReasons(reader) ? { corrections: n.corrections.map(correctionDto) } : {}),
  };
}

/**
 * One view for every reader: the placed worker appears with name and citizenship only (the
 * employer's minimal view; staff open the dossier itself for more), and the end reason and the
 * notices' corrections only for REASON_READERS.
 */
export function placementDto(p: PlacementRecord, reader: Pick<Actor, 'role'>): PlacementDto {
  return {
    id: p.id,
    labourRequestId: p.labourRequestId,
    employerId: p.employerId,
    worker: { ...p.worker },
    startDate: isoDay(p.startDate),
    endDate: p.endDate ? isoDay(p.endDate) : null,
    ...(canReadReasons(reader) ? { endReason: p.endReason } : {}),
    status: p.status,
    monthlyWageRub: p.monthlyWageRub,
    hoursPerWeek: p.hoursPerWeek,
    housingProvided: p.housingProvided,
    mealsProvided: p.mealsProvided,
    deductionsRub: p.deductionsRub,
    agreedOfferId: p.agreedOfferId,
    contractNotifications: p.contractNotifications.map((n) => notificationDto(n, reader)),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}
