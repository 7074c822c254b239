import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Clock } from '../clock/clock';
import { JobName, QueueName } from '../queue/jobs';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail.transport';

/**
 * Sends one queued e-mail. Idempotent: a mail marked sent is not sent again. A crash between the
 * send and the mark sends it twice at worst (delivery is at least once); its stable Message-ID
 * lets the receiving side tell. Sixteen at a time: a message mostly waits (database, SMTP, disk),
 * and the transport's pool bounds the connections to the server.
 */
@Processor(QueueName.Mail, { concurrency: 16 })
export class MailProcessor extends WorkerHost {
  constructor(
    private readonly repo: MailRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<{ mailId?: unknown }>): Promise<unknown> {
    if (job.name !== JobName.SendMail || typeof job.data?.mailId !== 'string') throw new Error(`unexpected job ${job.name} on ${QueueName.Mail}`);
    const mail = await this.repo.find(job.data.mailId);
    if (!mail || mail.sentAt) return { skipped: true };
    const { file } = await this.transport.send({ to: mail.toAddress, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    await this.repo.markSent(mail.id, this.clock.now());
    return { sent: true, file };
  }
}
