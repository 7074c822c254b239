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

const INSERT_SQL = `
  INSERT INTO audit_events (kind, actor_id, actor_role, action, entity_type, entity_id, changes, request_id, ip)
  VALUES ($1::"AuditKind", $2::uuid, $3, $4, $5, $6, $7::jsonb, $8, $9)`;

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(row: AuditRow, tx?: Tx): Promise<void> {
    if (tx) {
      await tx.auditEvent.create({
        data: { ...row, changes: row.changes === undefined ? undefined : (row.changes as Prisma.InputJsonValue) },
      });
      return;
    }
    // outside a transaction (every read of a dossier writes one): a prepared statement on the pool,
    // several times cheaper than Prisma's create (TOOLCHAIN.md); the same row
    await this.prisma.pool.query({
      name: 'audit_insert',
      text: INSERT_SQL,
      values: [
        row.kind,
        row.actorId,
        row.actorRole,
        row.action,
        row.entityType,
        row.entityId,
        row.changes === undefined ? null : JSON.stringify(row.changes),
        row.requestId,
        row.ip,
      ],
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
