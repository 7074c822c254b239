import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { CommonErrors } from '../common/errors/app-error';
import { decodeCursor, instantPosition, limitOf, Page, toPage } from '../common/pagination/pagination';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { NotificationDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationErrors } from './notifications.errors';
import { NotificationInput, NotificationRecord, NotificationsRepository } from './notifications.repository';

function toDto(n: NotificationRecord): NotificationDto {
  const { userId: _userId, readAt, createdAt, ...rest } = n;
  return { ...rest, readAt: readAt?.toISOString() ?? null, createdAt: createdAt.toISOString() };
}

/** In-app notifications: written inside the transaction of the change they announce, read by their user only. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** One notification per user (duplicates dropped), in the caller's transaction. */
  notify(tx: Tx, userIds: string[], notification: NotificationInput): Promise<number> {
    return this.repo.insert(tx, [...new Set(userIds)], notification);
  }

  /** Notifications each to its own user, in one statement, in the caller's transaction. */
  notifyEach(tx: Tx, notifications: (NotificationInput & { userId: string })[]): Promise<number> {
    return this.repo.insertEach(tx, notifications);
  }

  async list(actor: Actor, query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    const limit = limitOf(query);
    const cursor = decodeCursor(query.cursor);
    const before = cursor ? instantPosition(cursor) : undefined;
    if (before && Number.isNaN(before.createdAt.getTime())) throw CommonErrors.badCursor();
    const rows = await this.repo.list(actor.id, { unread: query.unread, before }, limit + 1);
    const page = toPage(rows, limit, (n) => ({ value: n.createdAt.toISOString(), id: n.id }));
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  read(actor: Actor, id: string): Promise<NotificationDto> {
    return this.transactions.run(async (tx) => {
      const n = await this.repo.markRead(tx, id, actor.id, this.clock.now());
      if (!n) throw NotificationErrors.notFound();
      return toDto(n);
    });
  }
}
