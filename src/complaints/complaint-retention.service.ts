import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { FileStorage } from '../infra/storage/file-storage';
import { retentionCutoff } from './complaint-retention.rules';
import { ComplaintsRepository } from './complaints.repository';

/** Who destroys: the daily job, in the audit trail (no user). */
export const RETENTION_JOB: RequestContext = { requestId: 'job:complaints.retention', ip: 'local' };

const BATCH = 100;

/**
 * Destroys the content of complaints closed longer ago than the policy's `retentionDays` (issue 18,
 * item 10) and keeps each row as anonymous statistics. In batches of locked rows (`FOR UPDATE SKIP
 * LOCKED`: two runs at once share the work, never do it twice); one audit CHANGE per complaint,
 * with counts and no content. Evidence files are deleted inside the batch's transaction, before the
 * rows forget their keys: a failed commit leaves the rows due, and the next run deletes again
 * (deleting is idempotent), so no file is ever left behind without a record of it. Idempotent.
 */
@Injectable()
export class ComplaintRetention {
  private readonly logger = new Logger(ComplaintRetention.name);

  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Destroys every complaint due now; returns how many. */
  async destroyDue(): Promise<number> {
    const { retentionDays } = await this.repo.policy();
    const now = this.clock.now();
    const cutoff = retentionCutoff(now, retentionDays);
    let total = 0;
    for (;;) {
      const n = await this.transactions.run(async (tx) => {
        const due = await this.repo.dueForDestruction(tx, cutoff, BATCH);
        if (due.length === 0) return 0;
        const ids = due.map((d) => d.id);
        for (const file of await this.repo.evidenceKeys(tx, ids)) await this.storage.delete(file.storageKey);
        const counts = await this.repo.destroyContent(tx, ids, now);
        for (const d of due) {
          await this.audit.change(tx, RETENTION_JOB, 'complaint.destroy', 'complaint', d.id, {
            closedAt: d.closed_at.toISOString(),
            retentionDays,
            ...counts.get(d.id),
          });
        }
        return due.length;
      });
      total += n;
      if (n < BATCH) break;
    }
    if (total > 0) this.logger.log(`destroyed the content of ${total} complaint(s) closed before ${cutoff.toISOString()}`);
    return total;
  }
}
