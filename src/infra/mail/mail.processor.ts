import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Clock } from '../clock/clock';
import { idsOfJob, JobName, QueueName } from '../queue/jobs';
import { sendBatch } from '../queue/send-batch';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail.transport';

/**
 * Sends a batch of queued e-mails (sendBatch). Idempotent: a mail marked sent is not sent again; a
 * mail sent twice after a crash carries the same Message-ID, so the receiving side can tell. Four
 * jobs at a time, each sending its batch at once: the transport's pool bounds the connections to
 * the SMTP server and queues the rest.
 */
@Processor(QueueName.Mail, { concurrency: 4 })
export class MailProcessor extends WorkerHost {
  constructor(
    private readonly repo: MailRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const ids = job.name === JobName.SendMail ? idsOfJob(job.data, 'mailIds', 'mailId') : null;
    if (!ids) throw new Error(`unexpected job ${job.name} on ${QueueName.Mail}`);
    const mails = await this.repo.unsent(ids);
    const result = await sendBatch(
      mails,
      (mail) => this.transport.send({ to: mail.toAddress, subject: mail.subject, text: mail.text, messageId: mail.messageId }),
      (sent) => this.repo.markSent(sent, this.clock.now()),
    );
    return { ...result, skipped: ids.length - mails.length };
  }
}
