import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { Role } from '../../access/permissions';
import { Prisma, ReportExport } from '../../generated/prisma/client';
import { PrismaService, Tx } from '../../infra/database/prisma.service';

export type ReportExportRecord = ReportExport;

/** An administrator sees every export; anyone else only their own (another user's is not found). */
const ownedBy = (actor: Actor): Prisma.ReportExportWhereInput => (actor.role === Role.ADMIN ? {} : { createdById: actor.id });

/** The report_exports rows; every state change is conditional on the state it leaves, so a late job or a second one changes nothing. */
@Injectable()
export class ReportExportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(
    tx: Tx,
    data: { type: string; format: 'CSV' | 'XLSX'; params: Prisma.InputJsonValue; createdById: string; createdAt: Date; expiresAt: Date },
  ): Promise<ReportExportRecord> {
    return tx.reportExport.create({ data });
  }

  findForActor(actor: Actor, id: string): Promise<ReportExportRecord | null> {
    return this.prisma.reportExport.findFirst({ where: { id, ...ownedBy(actor) } });
  }

  /** Newest first, keyset on (createdAt, id). */
  list(actor: Actor, f: { status?: ReportExport['status']; before?: { createdAt: Date; id: string } }, take: number): Promise<ReportExportRecord[]> {
    const { before } = f;
    return this.prisma.reportExport.findMany({
      where: {
        AND: [
          ownedBy(actor),
          f.status ? { status: f.status } : {},
          before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {},
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** QUEUED (or RUNNING again: a job redelivered after a crash) → RUNNING at progress 0; null when there is nothing to build. */
  async start(id: string, now: Date): Promise<ReportExportRecord | null> {
    const { count } = await this.prisma.reportExport.updateMany({
      where: { id, status: { in: ['QUEUED', 'RUNNING'] }, expiresAt: { gt: now } },
      data: { status: 'RUNNING', progress: 0, startedAt: now },
    });
    return count ? this.prisma.reportExport.findUnique({ where: { id } }) : null;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.prisma.reportExport.updateMany({ where: { id, status: 'RUNNING' }, data: { progress } });
  }

  /** RUNNING → DONE with its file; false when it is no longer RUNNING (it expired meanwhile). */
  async finish(
    id: string,
    data: { fileKey: string; fileSize: number; fileSha256: string; rowCount: number; finishedAt: Date; expiresAt: Date },
  ): Promise<boolean> {
    const { count } = await this.prisma.reportExport.updateMany({ where: { id, status: 'RUNNING' }, data: { ...data, status: 'DONE', progress: 100 } });
    return count === 1;
  }

  async fail(id: string, errorCode: string, finishedAt: Date): Promise<void> {
    await this.prisma.reportExport.updateMany({ where: { id, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'FAILED', errorCode, finishedAt } });
  }

  /** Back to QUEUED for the job's next attempt. */
  async requeue(id: string): Promise<void> {
    await this.prisma.reportExport.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'QUEUED', progress: 0 } });
  }

  /** Exports past their expiry that are not EXPIRED yet, oldest first (a RUNNING one's job then finds it gone and deletes its file). */
  due(now: Date, take: number): Promise<Pick<ReportExportRecord, 'id' | 'fileKey'>[]> {
    return this.prisma.reportExport.findMany({
      where: { expiresAt: { lte: now }, status: { not: 'EXPIRED' } },
      select: { id: true, fileKey: true },
      orderBy: { expiresAt: 'asc' },
      take,
    });
  }

  async markExpired(ids: string[]): Promise<number> {
    const { count } = await this.prisma.reportExport.updateMany({
      where: { id: { in: ids }, status: { not: 'EXPIRED' } },
      data: { status: 'EXPIRED', fileKey: null },
    });
    return count;
  }
}
