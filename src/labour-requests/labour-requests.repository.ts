import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { LabourRequestStatus, Prisma } from '../generated/prisma/client';

const withEmployer = { employer: { select: { okved: true } } } as const;
export type LabourRequestRecord = Prisma.LabourRequestGetPayload<{ include: typeof withEmployer }>;

export interface LabourRequestFilter {
  status?: LabourRequestStatus;
  employerId?: string;
  occupationCode?: string;
  year?: number;
  /** Keyset position: rows created before this one (newest first). */
  before?: { createdAt: Date; id: string };
}

/** Record scope inside the query: an employer user's query only ever sees its own employer's rows. */
function scoped(scope: RecordScope): Prisma.LabourRequestWhereInput {
  return scope.employerId ? { employerId: scope.employerId } : {};
}

const yearRange = (year: number): Prisma.DateTimeFilter => ({ gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) });

@Injectable()
export class LabourRequestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<LabourRequestRecord | null> {
    return tx.labourRequest.findFirst({ where: { AND: [{ id }, scoped(scope)] }, include: withEmployer });
  }

  list(scope: RecordScope, f: LabourRequestFilter, take: number): Promise<LabourRequestRecord[]> {
    const before = f.before;
    return this.prisma.labourRequest.findMany({
      where: {
        AND: [
          scoped(scope),
          { status: f.status, employerId: f.employerId, occupationCode: f.occupationCode },
          f.year ? { periodStart: yearRange(f.year) } : {},
          before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {},
        ],
      },
      include: withEmployer,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  create(tx: Tx, data: Prisma.LabourRequestUncheckedCreateInput): Promise<LabourRequestRecord> {
    return tx.labourRequest.create({ data, include: withEmployer });
  }

  /** Changes a DRAFT at `version`; null when it is no longer a draft at that version. */
  async updateDraft(tx: Tx, id: string, version: number, data: Prisma.LabourRequestUncheckedUpdateManyInput): Promise<LabourRequestRecord | null> {
    const { count } = await tx.labourRequest.updateMany({ where: { id, version, status: 'DRAFT' }, data: { ...data, version: { increment: 1 } } });
    return count === 1 ? tx.labourRequest.findUnique({ where: { id }, include: withEmployer }) : null;
  }

  /**
   * Moves the request out of `from` (and from `version`, when given) in one conditional statement (the
   * row stays locked until the transaction ends, so counts read afterwards cannot move); null when it
   * is no longer in `from` at that version.
   */
  async move(
    tx: Tx,
    id: string,
    from: LabourRequestStatus,
    data: Prisma.LabourRequestUncheckedUpdateManyInput & { status: LabourRequestStatus },
    version?: number,
  ): Promise<LabourRequestRecord | null> {
    const { count } = await tx.labourRequest.updateMany({ where: { id, status: from, version }, data: { ...data, version: { increment: 1 } } });
    return count === 1 ? tx.labourRequest.findUnique({ where: { id }, include: withEmployer }) : null;
  }

  /** Records the allocation a decided request is shown as counted against (the most specific of those it was taken from). */
  setQuotaAllocation(tx: Tx, id: string, quotaAllocationId: string): Promise<LabourRequestRecord> {
    return tx.labourRequest.update({ where: { id }, data: { quotaAllocationId }, include: withEmployer });
  }

  /** The active users of the employer (those told of a decision on its requests). */
  async activeEmployerUserIds(employerId: string, tx: Tx): Promise<string[]> {
    return (await tx.user.findMany({ where: { employerId, role: 'EMPLOYER', active: true }, select: { id: true } })).map((u) => u.id);
  }

  async employerExists(id: string, tx: Tx = this.prisma): Promise<boolean> {
    return (await tx.employer.count({ where: { id } })) === 1;
  }

  /**
   * The employer's placements that still lack a notice they may owe (no CONCLUSION, or ended without
   * a TERMINATION), with the notices they have: employer-risk.rules decides which are overdue.
   */
  placementsLackingNotices(employerId: string, tx: Tx = this.prisma) {
    return tx.placement.findMany({
      where: {
        employerId,
        // a cancelled placement never began: no contract to notify
        status: { not: 'CANCELLED' },
        OR: [{ contractNotifications: { none: { kind: 'CONCLUSION' } } }, { status: 'ENDED', contractNotifications: { none: { kind: 'TERMINATION' } } }],
      },
      select: { startDate: true, endDate: true, status: true, contractNotifications: { select: { kind: true } } },
    });
  }

  /** The employer's contract notifications to the MVD that were made late (risk indicator). */
  lateContractNotifications(employerId: string, tx: Tx = this.prisma): Promise<number> {
    return tx.contractNotification.count({ where: { late: true, placement: { employerId } } });
  }
}
