/**
 * Retention of closed complaints (issue 18, item 10): a closed complaint keeps its content for the
 * policy's `retentionDays` after closure; then its narrative, notes, letters and evidence are
 * destroyed and the row stays as anonymous statistics. Plain functions over plain data.
 */
import { CLOSED, type Status } from './complaint.rules';

const DAY_MS = 86_400_000;

/** Complaints closed before this instant are due: `now` minus the retention period. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 0) throw new RangeError(`retentionDays must be a whole number of days, got ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export interface RetentionFacts {
  status: Status;
  closedAt: Date | null;
  destroyedAt: Date | null;
}

/**
 * Whether the content of a complaint is due for destruction: closed (RESOLVED or DISMISSED, with its
 * closure date), not destroyed yet, and closed strictly more than `retentionDays` ago. A reopened
 * complaint has no closure date and is never due; closing alone destroys nothing.
 */
export function dueForDestruction(c: RetentionFacts, now: Date, retentionDays: number): boolean {
  if (c.destroyedAt !== null || c.closedAt === null || !CLOSED.has(c.status)) return false;
  return c.closedAt < retentionCutoff(now, retentionDays);
}
