import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { ContractNotificationKind, PlacementStatus } from '../generated/prisma/enums';

const WITH_VIEW = {
  worker: { select: { id: true, caseNumber: true, lastNameCyr: true, firstNameCyr: true, lastNameLat: true, firstNameLat: true, citizenship: true } },
  contractNotifications: { orderBy: { createdAt: 'asc' } },
} satisfies Prisma.PlacementInclude;

export type PlacementRecord = Prisma.PlacementGetPayload<{ include: typeof WITH_VIEW }>;
export type ContractNotificationRecord = Prisma.ContractNotificationGetPayload<object>;

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

  async hasActivePlacement(tx: Tx, workerId: string): Promise<boolean> {
    return (await tx.placement.count({ where: { workerId, status: 'ACTIVE' } })) > 0;
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

  createNotification(
    tx: Tx,
    data: { placementId: string; kind: ContractNotificationKind; notifiedOn: Date; dueOn: Date; late: boolean; reference: string | null; recordedById: string },
  ): Promise<ContractNotificationRecord> {
    return tx.contractNotification.create({ data });
  }
}
