import { Injectable, Logger } from '@nestjs/common';

/** A notice on its way to a worker (in their language), with the phone a messenger would use. */
export interface OutgoingNotice {
  id: string;
  workerId: string;
  language: string;
  title: string;
  body: string;
  phone: string | null;
}

/**
 * How a worker's notice leaves the Centre. No SMS or messenger gateway is wired yet: the notices are
 * kept on the worker (GET /workers/:id/notices) for the caseworker to hand over, and the default
 * sender only logs that one is ready. A gateway is another implementation of this class, bound in
 * RemindersModule.
 */
export abstract class NoticeSender {
  abstract send(notice: OutgoingNotice): Promise<void>;
}

@Injectable()
export class LoggingNoticeSender extends NoticeSender {
  private readonly logger = new Logger('NoticeSender');

  send(notice: OutgoingNotice): Promise<void> {
    // ids and language only: the text names the worker
    this.logger.log(`notice ${notice.id} for worker ${notice.workerId} (${notice.language}) is ready to hand over; no messenger gateway is configured`);
    return Promise.resolve();
  }
}
