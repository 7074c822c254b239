/**
 * The labour request's lifecycle and the staff decision on it (DOMAIN.md, "Core records"
 * and "Rules for employers and requests"; API.md, labour-requests rows). Pure.
 *
 * DRAFT ─submit─▶ SUBMITTED ─decision─▶ APPROVED | PARTIALLY_APPROVED | REJECTED
 * APPROVED | PARTIALLY_APPROVED ─▶ FILLED (headcount reached) ─▶ CLOSED
 *
 * - DRAFT → SUBMITTED: the employer (own request) or staff submits it for review.
 * - DRAFT, SUBMITTED → WITHDRAWN: the employer (or staff on its behalf) drops it.
 * - SUBMITTED → APPROVED | PARTIALLY_APPROVED | REJECTED: the staff decision, checked with
 *   decisionProblems below and against quota, bans and the wage floor.
 * - APPROVED | PARTIALLY_APPROVED → FILLED: placements reached the approved headcount
 *   (headcountReached); normally set by the system when the last placement is made.
 * - APPROVED | PARTIALLY_APPROVED → CLOSED: staff close it unfilled (period over, nobody
 *   suitable found); FILLED → CLOSED: the work is over.
 * - APPROVED | PARTIALLY_APPROVED → WITHDRAWN: the employer no longer needs the workers.
 *   The approved places not yet used by a placement go back to the quota allocation they
 *   were counted against (releasedQuota), so another employer can be approved for them.
 *   Workers already placed stay placed; their places remain counted.
 * - REJECTED, FILLED (except → CLOSED), CLOSED and WITHDRAWN are final. Reviving a request
 *   means a new request. The same status is never a transition (no-op moves are refused).
 */

export const LABOUR_REQUEST_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'FILLED', 'CLOSED', 'WITHDRAWN'] as const;
export type LabourRequestStatus = (typeof LABOUR_REQUEST_STATUSES)[number];

export const REQUEST_DECISIONS = ['APPROVED', 'PARTIALLY_APPROVED', 'REJECTED'] as const;
export type RequestDecision = (typeof REQUEST_DECISIONS)[number];

/** Targets listed in LABOUR_REQUEST_STATUSES order, so answers (and 409 bodies) are stable. */
export const REQUEST_TRANSITIONS: Readonly<Record<LabourRequestStatus, readonly LabourRequestStatus[]>> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'WITHDRAWN'],
  APPROVED: ['FILLED', 'CLOSED', 'WITHDRAWN'],
  PARTIALLY_APPROVED: ['FILLED', 'CLOSED', 'WITHDRAWN'],
  REJECTED: [],
  FILLED: ['CLOSED'],
  CLOSED: [],
  WITHDRAWN: [],
};

/** The statuses in which approved places are held (placements may be made, quota is used). */
const APPROVED_STATUSES: readonly LabourRequestStatus[] = ['APPROVED', 'PARTIALLY_APPROVED'];

export function isLabourRequestStatus(value: unknown): value is LabourRequestStatus {
  return typeof value === 'string' && (LABOUR_REQUEST_STATUSES as readonly string[]).includes(value);
}

export function isRequestDecision(value: unknown): value is RequestDecision {
  return typeof value === 'string' && (REQUEST_DECISIONS as readonly string[]).includes(value);
}

/** The statuses a request may move to from `from` (empty for a final or unknown status). */
export function allowedRequestTransitions(from: LabourRequestStatus): LabourRequestStatus[] {
  return isLabourRequestStatus(from) ? [...REQUEST_TRANSITIONS[from]] : [];
}

export function canTransitionRequest(from: LabourRequestStatus, to: LabourRequestStatus): boolean {
  return isLabourRequestStatus(from) && REQUEST_TRANSITIONS[from].includes(to);
}

export interface IllegalRequestTransition {
  code: 'ILLEGAL_TRANSITION';
  allowed: LabourRequestStatus[];
}

/** null when the move is legal; otherwise the problem with the allowed targets (the 409 body). */
export function requestTransitionProblem(from: LabourRequestStatus, to: LabourRequestStatus): IllegalRequestTransition | null {
  return canTransitionRequest(from, to) ? null : { code: 'ILLEGAL_TRANSITION', allowed: allowedRequestTransitions(from) };
}

/** Whether placements may be made under a request in this status. */
export function holdsApprovedPlaces(status: LabourRequestStatus): boolean {
  return APPROVED_STATUSES.includes(status);
}

// ---------------------------------------------------------------------------------------
// The decision

export interface DecisionInput {
  /** As received: anything that is not one of REQUEST_DECISIONS is a field problem. */
  decision: string;
  /** The number of workers the request asks for (from the stored request). */
  requested: number;
  /** As received; null or undefined means "not given". */
  approvedCount?: number | null;
  reason?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const given = (n: number | null | undefined): n is number => n !== null && n !== undefined;
const hasText = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;

/**
 * The field problems of a staff decision (empty when it is acceptable):
 * - APPROVED: approvedCount omitted (taken as `requested`) or equal to `requested`.
 * - PARTIALLY_APPROVED: 1 ≤ approvedCount < requested, and a reason (the employer is told
 *   why it gets fewer workers). Impossible for a request of one worker.
 * - REJECTED: a reason, and approvedCount 0 or omitted.
 * Quota, bans and the wage floor are checked separately (quota.rules, regional-ban.rules,
 * wage-floor.rules).
 */
export function decisionProblems(input: DecisionInput): FieldProblem[] {
  const { decision, requested, approvedCount, reason } = input;
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError(`requested must be a positive integer, got ${requested}`);
  }
  if (!isRequestDecision(decision)) {
    return [{ field: 'decision', message: `must be one of ${REQUEST_DECISIONS.join(', ')}, got ${JSON.stringify(decision)}` }];
  }
  const problems: FieldProblem[] = [];
  if (given(approvedCount) && (!Number.isInteger(approvedCount) || approvedCount < 0)) {
    problems.push({ field: 'approvedCount', message: `must be a whole number of workers, got ${approvedCount}` });
  } else if (decision === 'APPROVED') {
    if (given(approvedCount) && approvedCount !== requested) {
      problems.push({
        field: 'approvedCount',
        message: `must equal the ${requested} workers requested for APPROVED (use PARTIALLY_APPROVED to approve fewer)`,
      });
    }
  } else if (decision === 'PARTIALLY_APPROVED') {
    if (requested === 1) {
      problems.push({ field: 'decision', message: 'a request for 1 worker can only be APPROVED or REJECTED' });
    } else if (!given(approvedCount) || approvedCount < 1 || approvedCount >= requested) {
      problems.push({
        field: 'approvedCount',
        message: `must be between 1 and ${requested - 1} for PARTIALLY_APPROVED (${requested} workers requested)`,
      });
    }
  } else if (given(approvedCount) && approvedCount !== 0) {
    problems.push({ field: 'approvedCount', message: 'must be 0 or omitted for REJECTED' });
  }
  if (decision !== 'APPROVED' && !hasText(reason)) {
    problems.push({ field: 'reason', message: `is required for ${decision}` });
  }
  return problems;
}

/**
 * The number of workers a valid decision approves (what is counted against the quota):
 * the requested number for APPROVED, approvedCount for PARTIALLY_APPROVED, 0 for REJECTED.
 * Call it only after decisionProblems found nothing.
 */
export function approvedCountOf(input: Pick<DecisionInput, 'requested' | 'approvedCount'> & { decision: RequestDecision }): number {
  switch (input.decision) {
    case 'APPROVED':
      return input.requested;
    case 'PARTIALLY_APPROVED':
      return input.approvedCount ?? 0;
    case 'REJECTED':
      return 0;
  }
}

// ---------------------------------------------------------------------------------------
// Headcount and the quota

function count(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  return n;
}

/** The number of further placements a request can take (placements never exceed approval). */
export function openPlaces(approvedCount: number, placedCount: number): number {
  return Math.max(0, count(approvedCount, 'approvedCount') - count(placedCount, 'placedCount'));
}

/** The approved headcount is reached: the request moves to FILLED. */
export function headcountReached(approvedCount: number, placedCount: number): boolean {
  return count(approvedCount, 'approvedCount') > 0 && openPlaces(approvedCount, placedCount) === 0;
}

/**
 * How many approved places a transition hands back to the quota allocation the request was
 * counted against: the places not used by a placement, when an APPROVED or
 * PARTIALLY_APPROVED request is WITHDRAWN (the employer no longer needs them) or CLOSED
 * unfilled. `placedCount` counts every placement made under the request, ended or not: a
 * place once used stays counted for the year. 0 for every other transition (including
 * FILLED → CLOSED, where every place was used).
 */
export function releasedQuota(input: { from: LabourRequestStatus; to: LabourRequestStatus; approvedCount: number; placedCount: number }): number {
  const releases = holdsApprovedPlaces(input.from) && (input.to === 'WITHDRAWN' || input.to === 'CLOSED');
  return releases ? openPlaces(input.approvedCount, input.placedCount) : 0;
}

/** null when the period is in order (ISO dates compare as strings): the end may not precede the start. */
export function periodProblem(periodStart: string, periodEnd: string): FieldProblem | null {
  return periodEnd < periodStart ? { field: 'periodEnd', message: `must be on or after periodStart (${periodStart})` } : null;
}

export interface PeriodEnded extends FieldProblem {
  code: 'PERIOD_ENDED';
  field: 'periodEnd';
}

/**
 * null when a request whose period ends on `periodEnd` may be submitted on `today` (ISO days; today
 * from the injected clock): its period may have begun, but not be over, since a request is for work
 * still to come. Checked at submission (a draft may sit in the past until someone edits it).
 */
export function periodEndedProblem(periodEnd: string, today: string): PeriodEnded | null {
  if (periodEnd >= today) return null;
  return { code: 'PERIOD_ENDED', field: 'periodEnd', message: `ended on ${periodEnd}, before today (${today}): a request must be for work still to come` };
}
