import type { NotificationInput } from '../notifications/notifications.repository';
import type { RequestDecision } from './labour-request.rules';

/** What a decision notice says about the request it is about. */
export interface DecidedRequest {
  id: string;
  occupationCode: string;
  workersRequested: number;
  periodStart: string;
  periodEnd: string;
}

const TITLES: Record<RequestDecision, string> = {
  APPROVED: 'Labour request approved',
  PARTIALLY_APPROVED: 'Labour request partially approved',
  REJECTED: 'Labour request rejected',
};

const outcome = (decision: RequestDecision, approvedCount: number, requested: number) =>
  decision === 'APPROVED'
    ? `was approved for all ${requested} workers`
    : decision === 'PARTIALLY_APPROVED'
      ? `was approved for ${approvedCount} of the ${requested} workers asked for`
      : 'was rejected';

/** The in-app notices of labour requests, addressed to the users of the request's employer. Pure. */
export const LabourRequestNotices = {
  /** The Centre decided the request: the outcome, and the reason when one was given. */
  decided: (r: DecidedRequest, decision: RequestDecision, approvedCount: number, reason: string | null): NotificationInput => ({
    kind: `labour_request.${decision.toLowerCase()}`,
    title: TITLES[decision],
    body:
      `Your request for workers of occupation ${r.occupationCode} (${r.periodStart} ` +
      `to ${r.periodEnd}) ${outcome(decision, approvedCount, r.workersRequested)}.` +
      (reason ? ` Reason: ${reason}` : ''),
    entityType: 'labour_request',
    entityId: r.id,
  }),
};
