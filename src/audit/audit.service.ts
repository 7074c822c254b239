import { Injectable } from '@nestjs/common';
import type { Actor, RequestContext } from '../access/actor';
import { bigintAfter, limitOf, Page, toPage } from '../common/pagination/pagination';
import type { Tx } from '../infra/database/prisma.service';
import { maskChanges } from './audit.rules';
import { AuditRepository } from './audit.repository';
import { AuditEventDto, AuditQueryDto } from './dto/audit.dto';

type Who = Actor | (RequestContext & { id?: undefined; role?: undefined });

/**
 * The append-only trail. `change` is written inside the caller's transaction, so a change and its
 * audit row commit or fail together; `access` records reads of sensitive data.
 */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  change(tx: Tx, who: Who, action: string, entityType: string, entityId: string | null, changes?: Record<string, unknown>) {
    return this.repo.insert(this.row('CHANGE', who, action, entityType, entityId, changes), tx);
  }

  access(who: Actor, action: string, entityType: string, entityId: string) {
    return this.repo.insert(this.row('ACCESS', who, action, entityType, entityId));
  }

  security(who: Who, action: string, entityType: string, entityId: string | null, details?: Record<string, unknown>, tx?: Tx) {
    return this.repo.insert(this.row('SECURITY', who, action, entityType, entityId, details), tx);
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const limit = limitOf(query);
    const beforeId = bigintAfter(query.cursor); // newest first: the next page is below the last id
    const rows = await this.repo.list(
      {
        actorId: query.actorId,
        entityType: query.entityType,
        entityId: query.entityId,
        kind: query.kind,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        beforeId,
      },
      limit + 1,
    );
    const page = toPage(rows, limit, (r) => ({ value: r.id.toString(), id: r.id.toString() }));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({
        id: r.id.toString(),
        occurredAt: r.occurredAt.toISOString(),
        kind: r.kind,
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        changes: r.changes as Record<string, unknown> | null,
        requestId: r.requestId,
        ip: r.ip,
      })),
    };
  }

  private row(
    kind: 'CHANGE' | 'ACCESS' | 'SECURITY',
    who: Who,
    action: string,
    entityType: string,
    entityId: string | null,
    changes?: Record<string, unknown>,
  ) {
    return {
      kind,
      actorId: who.id ?? null,
      actorRole: who.role ?? null,
      action,
      entityType,
      entityId,
      changes: changes ? maskChanges(changes) : undefined,
      requestId: who.requestId ?? null,
      ip: who.ip ?? null,
    };
  }
}
