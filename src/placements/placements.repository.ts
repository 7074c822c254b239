import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { ContractNotificationKind, PlacementStatus } from '../generated/prisma/enums';

const WITH_VIEW = {
  worker: { select: { id: true, caseNumber: true, lastNameCyr: true, firstNameCyr: true, lastNameLat: true, firstNameLat: true, citizenship: true } },
  contractNotifications: { orderBy: { createdAt: 'asc' }, include: { corrections: { orderBy: { sequence: 'asc' } } } },
} satisfies Prisma.PlacementInclude;

export type PlacementRecord = Prisma.PlacementGetPayload<{ include: typeof WITH_VIEW }>;
export type ContractNotificationRecord = Prisma.ContractNotificationGetPayload<{ include: { corrections: true } }>;
export type CorrectionRecord = Prisma.ContractNotificationCorrectionGetPayload<object>;

/** What a placement needs of its labour request, and the employer's activity for the bans. */
const REQUEST_FACTS = {
  id: true,
  employerId: true,
  status: true,
  approvedCount: true,
  placedCount: true,
  periodStart: true,
  periodEnd: true,
  preferredCitizenships: true,
  monthlyWageRub: true,
  hoursPerWeek: true,
  housingProvided: true,
  mealsProvided: true,
  employer: { select: { okved: true } },
} satisfies Prisma.LabourRequestSelect;

export type RequestFactsRecord = Prisma.LabourRequestGetPayload<{ select: typeof REQUEST_FACTS }>;

export interface PlacementFilter {
  status?: PlacementStatus;
  workerId?: string;
  labourRequestId?: string;
  employerId?: string;
  after?: string;
}

function scoped(scope: RecordScope): Prisma.PlacementWhereInput {
  // an employer sees the placements under its own requests; placements have no agency link
  if (scope.employerId) return { employerId: scope.employerId };
  if (scope.agencyIds) return { id: { in: [] } };
  return {};
}

@Injectable()
export class PlacementsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<PlacementRecord | null> {
    return tx.placement.findFirst({ where: { AND: [{ id }, scoped(scope)] }, include: WITH_VIEW });
  }

  list(scope: RecordScope, filter: PlacementFilter, take: number): Promise<PlacementRecord[]> {
    const { after, ...fields } = filter;
    return this.prisma.placement.findMany({
      where: { AND: [scoped(scope), fields, after ? { id: { gt: after } } : {}] },
      include: WITH_VIEW,
      orderBy: { id: 'asc' },
      take,
    });
  }

  requestFacts(tx: Tx, labourRequestId: string): Promise<RequestFactsRecord | null> {
    return tx.labourRequest.findUnique({ where: { id: labourRequestId }, select: REQUEST_FACTS });
  }

  /** An ACTIVE or PLANNED placement holds the worker (one per worker: a partial unique index). */
  async hasCurrentPlacement(tx: Tx, workerId: string): Promise<boolean> {
    return (await tx.placement.count({ where: { workerId, status: { in: ['ACTIVE', 'PLANNED'] } } })) > 0;
  }

  /**
   * Takes one approved place of the request in one conditional statement (never read-then-write):
   * null when the request no longer holds approved places or every place is taken. The last
   * place moves the request to FILLED (`filled`), which the caller audits in the same transaction.
   */
  async takePlace(tx: Tx, labourRequestId: string): Promise<{ filled: boolean; placedCount: number; approvedCount: number } | null> {
    const rows = await tx.$queryRaw<{ status: string; placed_count: number; approved_count: number }[]>`
      UPDATE labour_requests
         SET placed_count = placed_count + 1,
             status = CASE WHEN placed_count + 1 >= approved_count THEN 'FILLED'::"LabourRequestStatus" ELSE status END,
             version = version + 1,
             updated_at = now()
       WHERE id = ${labourRequestId}::uuid
         AND status IN ('APPROVED', 'PARTIALLY_APPROVED')
         AND placed_count < approved_count
   RETURNING status::text AS status, placed_count, approved_count`;
    const [row] = rows;
    return row ? { filled: row.status === 'FILLED', placedCount: Number(row.placed_count), approvedCount: Number(row.approved_count) } : null;
  }

  create(tx: Tx, data: Prisma.PlacementUncheckedCreateInput): Promise<PlacementRecord> {
    return tx.placement.create({ data, include: WITH_VIEW });
  }

  /** Ends an ACTIVE placement; null when it is not active any more (ended meanwhile). */
  async end(tx: Tx, id: string, endDate: Date, endReason: string): Promise<PlacementRecord | null> {
    const { count } = await tx.placement.updateMany({
      where: { id, status: 'ACTIVE' },
      data: { status: 'ENDED', endDate, endReason, version: { increment: 1 } },
    });
    return count === 1 ? tx.placement.findUnique({ where: { id }, include: WITH_VIEW }) : null;
  }

  /** Cancels a PLANNED placement; null when it is not planned any more (started or cancelled meanwhile). */
  async cancel(tx: Tx, id: string, endReason: string): Promise<PlacementRecord | null> {
    const { count } = await tx.placement.updateMany({ where: { id, status: 'PLANNED' }, data: { status: 'CANCELLED', endReason, version: { increment: 1 } } });
    return count === 1 ? tx.placement.findUnique({ where: { id }, include: WITH_VIEW }) : null;
  }

  /** The PLANNED placements whose start date has come, oldest first. */
  async plannedDue(today: Date): Promise<string[]> {
    const rows = await this.prisma.placement.findMany({
      where: { status: 'PLANNED', startDate: { lte: today } },
      select: { id: true },
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => r.id);
  }

  /** Starts a PLANNED placement whose start date has come; null when another run started (or staff cancelled) it first. */
  async start(tx: Tx, id: string, today: Date): Promise<PlacementRecord | null> {
    const { count } = await tx.placement.updateMany({
      where: { id, status: 'PLANNED', startDate: { lte: today } },
      data: { status: 'ACTIVE', version: { increment: 1 } },
    });
    return count === 1 ? tx.placement.findUnique({ where: { id }, include: WITH_VIEW }) : null;
  }

  /** Every active user of the employer: who hears of placements with it. */
  async activeEmployerUserIds(tx: Tx, employerId: string): Promise<string[]> {
    return (await tx.user.findMany({ where: { employerId, role: 'EMPLOYER', active: true }, select: { id: true } })).map((u) => u.id);
  }

  createNotification(
    tx: Tx,
    data: { placementId: string; kind: ContractNotificationKind; notifiedOn: Date; dueOn: Date; late: boolean; reference: string | null; recordedById: string },
  ): Promise<ContractNotificationRecord> {
    return tx.contractNotification.create({ data, include: { corrections: true } });
  }

  /** The notice of the placement, locked until the transaction ends (corrections are made one at a time). */
  async lockNotification(tx: Tx, placementId: string, id: string): Promise<ContractNotificationRecord | null> {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM contract_notifications WHERE id = ${id}::uuid AND placement_id = ${placementId}::uuid FOR UPDATE`;
    return locked.length ? tx.contractNotification.findUnique({ where: { id }, include: { corrections: { orderBy: { sequence: 'asc' } } } }) : null;
  }

  /**
   * Records a correction and applies it: the correction row (with the values it replaces) first, as
   * the database requires of any change of a notice's date or reference.
   */
  async correctNotification(
    tx: Tx,
    current: ContractNotificationRecord,
    next: { notifiedOn: Date; reference: string | null; dueOn: Date; late: boolean },
    by: { reason: string; correctedById: string },
  ): Promise<ContractNotificationRecord> {
    await tx.contractNotificationCorrection.create({
      data: {
        notificationId: current.id,
        sequence: current.corrections.length + 1,
        previousNotifiedOn: current.notifiedOn,
        previousReference: current.reference,
        previousLate: current.late,
        notifiedOn: next.notifiedOn,
        reference: next.reference,
        late: next.late,
        ...by,
      },
    });
    return tx.contractNotification.update({ where: { id: current.id }, data: next, include: { corrections: { orderBy: { sequence: 'asc' } } } });
  }
}
