import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/prisma.service';
import { batchesOf, JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox/outbox.service';
import { MailInput, MailRepository } from './mail.repository';

/**
 * Queues e-mail inside the caller's transaction: the mail and its job exist if and only if the
 * change commits, and a message id seen before is not queued again.
 */
@Injectable()
export class MailService {
  constructor(
    private readonly repo: MailRepository,
    private readonly outbox: OutboxService,
  ) {}

  async queue(tx: Tx, mail: MailInput): Promise<boolean> {
    const id = await this.repo.insert(tx, mail);
    if (id) await this.outbox.enqueue(tx, JobName.SendMail, { mailIds: [id] });
    return id !== null;
  }

  /** queue() for many mails: one statement for the mails and one for their jobs, each job sending a batch. */
  async queueMany(tx: Tx, mails: MailInput[]): Promise<number> {
    const ids = await this.repo.insertMany(tx, mails);
    await this.outbox.enqueueMany(
      tx,
      JobName.SendMail,
      batchesOf(ids).map((mailIds) => ({ mailIds })),
    );
    return ids.length;
  }
}
