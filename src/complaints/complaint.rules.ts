/**
 * The rules of complaints (DOMAIN.md "Complaints"), as plain functions over plain data:
 * the status machine, the severity a category proposes, the triage due time, who may see a
 * complaint, what a referral may share, and the coarse status a complainant sees.
 */

export const CATEGORIES = [
  'UNPAID_WAGES',
  'WAGE_BELOW_AGREED',
  'DOCUMENT_CONFISCATION',
  'UNSAFE_CONDITIONS',
  'HOUSING',
  'VIOLENCE_OR_THREATS',
  'FORCED_LABOUR',
  'DISCRIMINATION',
  'OFFICIAL_MISCONDUCT',
  'RECRUITMENT_FEE_FRAUD',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['CRITICAL', 'HIGH', 'NORMAL', 'LOW'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['RECEIVED', 'TRIAGED', 'INVESTIGATING', 'REFERRED', 'RESOLVED', 'DISMISSED'] as const;
export type Status = (typeof STATUSES)[number];

export const FINDINGS = ['SUBSTANTIATED', 'NOT_SUBSTANTIATED', 'INCONCLUSIVE'] as const;
export type Finding = (typeof FINDINGS)[number];

/** What `POST /complaints/:id/transitions` may ask for; `REFERRED` is reached by a referral, never asked. */
export const TRANSITION_TARGETS = ['TRIAGED', 'INVESTIGATING', 'RESOLVED', 'DISMISSED', 'REOPENED'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

export const RECIPIENTS = ['LABOUR_INSPECTORATE', 'PROSECUTOR', 'MVD', 'CONSULATE', 'NGO', 'PARTNER_AGENCY'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** What a consent may let the Centre share, and so what a referral letter may hold. */
export const SHARES = ['CATEGORY', 'NARRATIVE', 'WORKER_IDENTITY', 'EMPLOYER', 'EVIDENCE'] as const;
export type Share = (typeof SHARES)[number];

export const CLOSED: ReadonlySet<Status> = new Set(['RESOLVED', 'DISMISSED']);
export const isClosed = (s: Status): boolean => CLOSED.has(s);

/** The categories that are CRITICAL whatever staff say: a person may be in danger now. */
const CRITICAL_CATEGORIES: ReadonlySet<Category> = new Set(['VIOLENCE_OR_THREATS', 'FORCED_LABOUR', 'DOCUMENT_CONFISCATION']);
const HIGH_CATEGORIES: ReadonlySet<Category> = new Set(['UNPAID_WAGES', 'UNSAFE_CONDITIONS', 'RECRUITMENT_FEE_FRAUD', 'OFFICIAL_MISCONDUCT']);

/** The severity a category proposes. */
export function proposedSeverity(category: Category): Severity {
  if (CRITICAL_CATEGORIES.has(category)) return 'CRITICAL';
  if (HIGH_CATEGORIES.has(category)) return 'HIGH';
  return 'NORMAL';
}

const RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, NORMAL: 2, LOW: 3 };

/** Staff may raise a severity above the proposal, never lower it below: the proposal is the floor. */
export function effectiveSeverity(category: Category, asked?: Severity | null): Severity {
  const proposed = proposedSeverity(category);
  return asked && RANK[asked] < RANK[proposed] ? asked : proposed;
}

export interface TriagePolicy {
  triageHoursCritical: number;
  triageHoursHigh: number;
  triageHoursNormal: number;
  triageHoursLow: number;
}

export function triageHours(policy: TriagePolicy, severity: Severity): number {
  return { CRITICAL: policy.triageHoursCritical, HIGH: policy.triageHoursHigh, NORMAL: policy.triageHoursNormal, LOW: policy.triageHoursLow }[severity];
}

/** When an untriaged complaint received at `receivedAt` escalates. */
export function triageDueAt(policy: TriagePolicy, severity: Severity, receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + triageHours(policy, severity) * 3_600_000);
}

export type MoveProblem =
  | { code: 'COMPLAINT_TRANSITION_NOT_ALLOWED'; allowed: TransitionTarget[] }
  | { code: 'REASON_REQUIRED' }
  | { code: 'FINDING_REQUIRED' }
  | { code: 'FINDING_NOT_EXPECTED' };

/** Which asked moves each status allows (a referral, not a transition, makes a complaint REFERRED). */
const MOVES: Record<Status, TransitionTarget[]> = {
  RECEIVED: ['TRIAGED', 'DISMISSED'],
  TRIAGED: ['INVESTIGATING', 'DISMISSED'],
  INVESTIGATING: ['RESOLVED', 'DISMISSED'],
  REFERRED: ['INVESTIGATING', 'RESOLVED', 'DISMISSED'],
  RESOLVED: ['REOPENED'],
  DISMISSED: ['REOPENED'],
};

export function allowedMoves(from: Status): TransitionTarget[] {
  return MOVES[from];
}

export interface MoveInput {
  from: Status;
  to: TransitionTarget;
  reason?: string | null;
  finding?: Finding | null;
}

/** Why a move is refused, or null when it is allowed. Closing needs a reason; RESOLVED also a finding. */
export function moveProblem({ from, to, reason, finding }: MoveInput): MoveProblem | null {
  if (!MOVES[from].includes(to)) return { code: 'COMPLAINT_TRANSITION_NOT_ALLOWED', allowed: MOVES[from] };
  const closing = to === 'RESOLVED' || to === 'DISMISSED';
  if ((closing || to === 'REOPENED') && !reason?.trim()) return { code: 'REASON_REQUIRED' };
  if (to === 'RESOLVED' && !finding) return { code: 'FINDING_REQUIRED' };
  if (to !== 'RESOLVED' && finding) return { code: 'FINDING_NOT_EXPECTED' };
  return null;
}

/** The status a move leads to: a reopened complaint goes back to investigation. */
export function statusAfter(to: TransitionTarget): Status {
  return to === 'REOPENED' ? 'INVESTIGATING' : to;
}

/** A referral moves an open complaint to REFERRED (a later referral leaves it there). */
export function canRefer(status: Status): boolean {
  return !isClosed(status);
}

/** What a complainant with the access code sees: nothing that would tell a third party more. */
export type CoarseStatus = 'RECEIVED' | 'IN_PROGRESS' | 'CLOSED';
export function coarseStatus(status: Status): CoarseStatus {
  if (status === 'RECEIVED') return 'RECEIVED';
  return isClosed(status) ? 'CLOSED' : 'IN_PROGRESS';
}

// ---- who sees what ----

export interface Viewer {
  id: string;
  role: 'ADMIN' | 'STAFF' | 'LIAISON' | 'EMPLOYER';
  agencyIds: string[];
}

export interface VisibilityFacts {
  confidential: boolean;
  assignedToId: string | null;
  createdById: string | null;
  /** the partner agency complained about */
  partnerAgencyId: string | null;
  /** partner agencies the complaint was referred to */
  referredAgencyIds: string[];
}

/**
 * How a viewer sees a complaint: FULL, SHARED (a liaison officer: only what the referral shares)
 * or NONE. Employers never; a confidential complaint only its assigned caseworker and the
 * administrators; a liaison officer only what was referred to (or entered by) them, and never a
 * complaint against their own agency.
 */
export function visibility(viewer: Viewer, c: VisibilityFacts): 'FULL' | 'SHARED' | 'NONE' {
  switch (viewer.role) {
    case 'ADMIN':
      return 'FULL';
    case 'STAFF':
      return !c.confidential || c.assignedToId === viewer.id ? 'FULL' : 'NONE';
    case 'LIAISON': {
      if (c.partnerAgencyId && viewer.agencyIds.includes(c.partnerAgencyId)) return 'NONE';
      if (c.confidential) return 'NONE';
      if (c.referredAgencyIds.some((a) => viewer.agencyIds.includes(a))) return 'SHARED';
      return c.createdById === viewer.id ? 'SHARED' : 'NONE';
    }
    default:
      return 'NONE';
  }
}

// ---- consent ----

export interface ConsentFacts {
  id: string;
  recipientKind: Recipient;
  scope: string[];
  withdrawnAt: Date | null;
}

export type ConsentProblem = { code: 'CONSENT_REQUIRED' } | { code: 'CONSENT_WITHDRAWN' } | { code: 'SHARE_NOT_COVERED'; shares: Share[] };

/**
 * Whether a referral to `recipient` sharing `shares` may go, and under which consent. A complaint with
 * no identity (anonymous, no worker) needs none; otherwise a consent for that recipient kind that
 * is not withdrawn and covers every share asked for.
 */
export function consentFor(
  input: { identified: boolean; recipient: Recipient; shares: Share[]; consentId?: string | null },
  consents: ConsentFacts[],
): { consentId: string | null } | ConsentProblem {
  const forRecipient = consents.filter((c) => c.recipientKind === input.recipient && (!input.consentId || c.id === input.consentId));
  if (!input.identified && !input.consentId) return { consentId: null };
  if (forRecipient.length === 0) return { code: 'CONSENT_REQUIRED' };
  const live = forRecipient.filter((c) => !c.withdrawnAt);
  if (live.length === 0) return { code: 'CONSENT_WITHDRAWN' };
  const covering = live.find((c) => input.shares.every((s) => c.scope.includes(s)));
  if (!covering) return { code: 'SHARE_NOT_COVERED', shares: input.shares.filter((s) => !live.some((c) => c.scope.includes(s))) };
  return { consentId: covering.id };
}

// ---- retaliation watch ----

/**
 * A placement ended or the worker left within the window after a complaint against the employer is
 * a warning sign: the complaints whose caseworker must hear of it now.
 */
export function retaliationSuspects<C extends { receivedAt: Date; against: string; employerId: string | null; status: Status }>(
  complaints: C[],
  event: { on: Date; employerId: string | null },
  windowDays: number,
): C[] {
  return complaints.filter((c) => {
    const days = (event.on.getTime() - c.receivedAt.getTime()) / 86_400_000;
    if (days < 0 || days > windowDays) return false;
    return event.employerId === null || (c.against === 'EMPLOYER' && c.employerId === event.employerId);
  });
}
