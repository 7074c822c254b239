import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Clock } from '../infra/clock/clock';
import { JobName, QueueName } from '../infra/queue/jobs';
import { NoticeSender } from './notice-sender';
import { RemindersRepository } from './reminders.repository';

/** Hands one worker notice to the NoticeSender, once (a notice marked sent is skipped). */
@Processor(QueueName.Notices, { concurrency: 4 })
export class NoticesProcessor extends WorkerHost {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly sender: NoticeSender,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job<{ noticeId?: unknown }>): Promise<unknown> {
    if (job.name !== JobName.SendWorkerNotice || typeof job.data?.noticeId !== 'string') throw new Error(`unexpected job ${job.name} on ${QueueName.Notices}`);
    const notice = await this.repo.notice(job.data.noticeId);
    if (!notice || notice.sentAt) return { skipped: true };
    await this.sender.send({ id: notice.id, workerId: notice.workerId, language: notice.language, title: notice.title, body: notice.body, phone: notice.worker.phone ?? null });
    await this.repo.markNoticeSent(notice.id, this.clock.now());
    return { sent: true };
  }
}
