import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { AuditKind } from '../generated/prisma/enums';

export interface AuditRow {
  kind: AuditKind;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes?: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  kind?: AuditKind;
  beforeId?: bigint;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(row: AuditRow, tx: Tx = this.prisma): Promise<void> {
    await tx.auditEvent.create({
      data: { ...row, changes: row.changes === undefined ? undefined : (row.changes as Prisma.InputJsonValue) },
    });
  }

  list(filter: AuditFilter, take: number) {
    return this.prisma.auditEvent.findMany({
      where: {
        actorId: filter.actorId,
        entityType: filter.entityType,
        entityId: filter.entityId,
        kind: filter.kind,
        occurredAt: { gte: filter.from, lt: filter.to },
        id: filter.beforeId === undefined ? undefined : { lt: filter.beforeId },
      },
      orderBy: { id: 'desc' },
      take,
    });
  }
}
