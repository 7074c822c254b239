import { Injectable } from '@nestjs/common';
import { ComplaintAlerts } from './complaint-alerts';
import { ComplaintRetention } from './complaint-retention.service';

/** What the scheduled complaint jobs do, callable from tests and the processor alike. */
@Injectable()
export class ComplaintJobs {
  constructor(
    private readonly alerts: ComplaintAlerts,
    private readonly retention: ComplaintRetention,
  ) {}

  /** Escalates every untriaged complaint past its deadline, once; returns how many. */
  escalateOverdue(): Promise<number> {
    return this.alerts.escalateOverdue();
  }

  /** Destroys the content of closed complaints past their retention period; returns how many. */
  destroyExpired(): Promise<number> {
    return this.retention.destroyDue();
  }
}
