import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Clock } from '../infra/clock/clock';
import { idsOfJob, JobName, QueueName } from '../infra/queue/jobs';
import { sendBatch } from '../infra/queue/send-batch';
import { NoticeSender } from './notice-sender';
import { RemindersRepository } from './reminders.repository';

/** Hands a batch of worker notices to the NoticeSender (sendBatch), each once: a notice marked sent is skipped. */
@Processor(QueueName.Notices, { concurrency: 4 })
export class NoticesProcessor extends WorkerHost {
  constructor(
    private readonly repo: RemindersRepository,
    private readonly sender: NoticeSender,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const ids = job.name === JobName.SendWorkerNotice ? idsOfJob(job.data, 'noticeIds', 'noticeId') : null;
    if (!ids) throw new Error(`unexpected job ${job.name} on ${QueueName.Notices}`);
    const notices = await this.repo.unsentNotices(ids);
    const result = await sendBatch(
      notices,
      (n) => this.sender.send({ id: n.id, workerId: n.workerId, language: n.language, title: n.title, body: n.body, phone: n.worker.phone ?? null }),
      (sent) => this.repo.markNoticesSent(sent, this.clock.now()),
    );
    return { ...result, skipped: ids.length - notices.length };
  }
}
