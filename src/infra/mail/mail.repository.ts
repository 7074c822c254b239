import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../database/prisma.service';

export interface MailInput {
  userId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  messageId: string;
}

/** The only Prisma access for outgoing e-mail. */
@Injectable()
export class MailRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts the mail unless one with its message id exists; returns its id, or null when it did. */
  async insert(tx: Tx, mail: MailInput): Promise<string | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outgoing_mail (id, user_id, to_address, subject, text, message_id)
      VALUES (gen_random_uuid(), ${mail.userId}::uuid, ${mail.toAddress}, ${mail.subject}, ${mail.text}, ${mail.messageId})
      ON CONFLICT (message_id) DO NOTHING RETURNING id`;
    return rows[0]?.id ?? null;
  }

  /** insert() for many mails in one statement; the ids of those inserted (a message id seen before is skipped). */
  async insertMany(tx: Tx, mails: MailInput[]): Promise<string[]> {
    if (!mails.length) return [];
    const rows = await tx.outgoingMail.createManyAndReturn({ data: mails, skipDuplicates: true, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** Those of these mails not sent yet. */
  unsent(ids: string[]) {
    return this.prisma.outgoingMail.findMany({ where: { id: { in: ids }, sentAt: null } });
  }

  async markSent(ids: string[], at: Date): Promise<void> {
    if (ids.length) await this.prisma.outgoingMail.updateMany({ where: { id: { in: ids } }, data: { sentAt: at } });
  }
}
