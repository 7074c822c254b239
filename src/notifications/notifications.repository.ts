import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';

export type NotificationRecord = Prisma.NotificationGetPayload<object>;

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  insert(tx: Tx, userIds: string[], n: NotificationInput): Promise<number> {
    return this.insertEach(
      tx,
      userIds.map((userId) => ({ userId, ...n })),
    );
  }

  async insertEach(tx: Tx, notifications: (NotificationInput & { userId: string })[]): Promise<number> {
    if (!notifications.length) return 0;
    const data = notifications.map((n) => ({
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      entityType: n.entityType ?? null,
      entityId: n.entityId ?? null,
    }));
    return (await tx.notification.createMany({ data })).count;
  }

  /** The user's notifications, newest first; `before` is the keyset position of the previous page's last row. */
  list(userId: string, filter: { unread?: boolean; before?: { createdAt: Date; id: string } }, take: number) {
    const b = filter.before;
    return this.prisma.notification.findMany({
      where: {
        AND: [
          { userId },
          filter.unread === true ? { readAt: null } : filter.unread === false ? { readAt: { not: null } } : {},
          b ? { OR: [{ createdAt: { lt: b.createdAt } }, { createdAt: b.createdAt, id: { lt: b.id } }] } : {},
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  /** Marks the user's own notification read (once: a second read keeps the first time); null when it is not theirs. */
  async markRead(tx: Tx, id: string, userId: string, at: Date): Promise<NotificationRecord | null> {
    await tx.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: at } });
    return tx.notification.findFirst({ where: { id, userId } });
  }
}
