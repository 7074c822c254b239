/**
 * The worker's lifecycle as a state machine (DOMAIN.md, "Worker lifecycle"). Pure.
 *
 * Main line: CANDIDATE → SELECTED → IN_TRANSIT → ARRIVED → DOCUMENTS_IN_PROGRESS →
 * READY_TO_WORK → EMPLOYED ⇄ BETWEEN_JOBS → DEPARTED or CLOSED.
 *
 * Extra edges a caseworker needs in real life:
 * - CANDIDATE, SELECTED, IN_TRANSIT → CLOSED: the person drops out before reaching Omsk
 *   (changes their mind, fails the agency's checks, never boards / never shows up at the
 *   arrival check-in). They never entered the country under our care, so not DEPARTED.
 * - SELECTED → CANDIDATE: deselected (the labour request is cancelled or another
 *   candidate is matched); the person stays in the agency's pool.
 * - Every in-country status (ARRIVED … BETWEEN_JOBS) → DEPARTED (left Russia) or CLOSED
 *   (lost contact, moved to another region, case handed over, death).
 * - READY_TO_WORK → DOCUMENTS_IN_PROGRESS: a document lapses or is refused before a job
 *   starts (medical certificate, registration, patent payment).
 * - BETWEEN_JOBS → DOCUMENTS_IN_PROGRESS: papers to redo between two jobs (new patent,
 *   new registration at the new address).
 * - DEPARTED → CLOSED: the case is wound up after departure.
 * - CLOSED is terminal. Reopening a case is a separate, audited action, not a transition.
 *
 * Deliberately absent: EMPLOYED → DOCUMENTS_IN_PROGRESS. A worker whose papers lapse
 * cannot keep working; the contract ends first (EMPLOYED → BETWEEN_JOBS, which also
 * triggers the employer's 3-working-day notice to MVD), then the papers are redone.
 * The same status is never a transition (no-op updates are refused, not silently accepted).
 *
 * Beyond the graph, the papers: READY_TO_WORK needs work authorisation today (missingPapers), and a
 * worker with a placement that has not started yet is moved by that placement only.
 */
import { AUTHORIZING_DOCUMENT, WorkAuthorization, WorkAuthorizationAssessment } from './work-authorization.rules';

export const WORKER_STATUSES = [
  'CANDIDATE',
  'SELECTED',
  'IN_TRANSIT',
  'ARRIVED',
  'DOCUMENTS_IN_PROGRESS',
  'READY_TO_WORK',
  'EMPLOYED',
  'BETWEEN_JOBS',
  'DEPARTED',
  'CLOSED',
] as const;
export type WorkerStatus = (typeof WORKER_STATUSES)[number];

export const RECRUITMENT_CHANNELS = ['PARTNER_AGENCY', 'DIRECT', 'FAMILY', 'INTERMEDIARY', 'WALK_IN'] as const;
export type RecruitmentChannel = (typeof RECRUITMENT_CHANNELS)[number];

/** Targets listed in WORKER_STATUSES order, so answers (and 409 bodies) are stable. */
const TRANSITIONS: Readonly<Record<WorkerStatus, readonly WorkerStatus[]>> = {
  CANDIDATE: ['SELECTED', 'CLOSED'],
  SELECTED: ['CANDIDATE', 'IN_TRANSIT', 'CLOSED'],
  IN_TRANSIT: ['ARRIVED', 'CLOSED'],
  ARRIVED: ['DOCUMENTS_IN_PROGRESS', 'DEPARTED', 'CLOSED'],
  DOCUMENTS_IN_PROGRESS: ['READY_TO_WORK', 'DEPARTED', 'CLOSED'],
  READY_TO_WORK: ['DOCUMENTS_IN_PROGRESS', 'EMPLOYED', 'DEPARTED', 'CLOSED'],
  EMPLOYED: ['BETWEEN_JOBS', 'DEPARTED', 'CLOSED'],
  BETWEEN_JOBS: ['DOCUMENTS_IN_PROGRESS', 'EMPLOYED', 'DEPARTED', 'CLOSED'],
  DEPARTED: ['CLOSED'],
  CLOSED: [],
};

export function isWorkerStatus(value: unknown): value is WorkerStatus {
  return typeof value === 'string' && (WORKER_STATUSES as readonly string[]).includes(value);
}

/** The statuses a worker may move to from `from` (empty for CLOSED or an unknown value). */
export function allowedTransitions(from: WorkerStatus): WorkerStatus[] {
  return isWorkerStatus(from) ? [...TRANSITIONS[from]] : [];
}

export function canTransition(from: WorkerStatus, to: WorkerStatus): boolean {
  return isWorkerStatus(from) && TRANSITIONS[from].includes(to);
}

export interface IllegalTransition {
  code: 'ILLEGAL_TRANSITION';
  allowed: WorkerStatus[];
}

/** null when the move is legal; otherwise the problem with the allowed targets (the 409 body). */
export function transitionProblem(from: WorkerStatus, to: WorkerStatus): IllegalTransition | null {
  return canTransition(from, to) ? null : { code: 'ILLEGAL_TRANSITION', allowed: allowedTransitions(from) };
}

/** The statuses a worker record can be created in. */
export const INITIAL_STATUSES = ['CANDIDATE', 'ARRIVED'] as const satisfies readonly WorkerStatus[];
export type InitialStatus = (typeof INITIAL_STATUSES)[number];

/**
 * Only a partner agency proposes people who are still abroad: they start as CANDIDATE and
 * travel through SELECTED and IN_TRANSIT. Everyone else (walk-ins, workers who contact the
 * Centre directly, come through family, or are brought by an intermediary) is met when
 * already in Omsk, so the record starts at ARRIVED and the in-country deadlines
 * (registration, medical exam, patent) apply from the first day.
 */
const INITIAL_BY_CHANNEL: Readonly<Record<RecruitmentChannel, InitialStatus>> = {
  PARTNER_AGENCY: 'CANDIDATE',
  DIRECT: 'ARRIVED',
  FAMILY: 'ARRIVED',
  INTERMEDIARY: 'ARRIVED',
  WALK_IN: 'ARRIVED',
};

export function initialStatus(channel: RecruitmentChannel): InitialStatus {
  if (!Object.hasOwn(INITIAL_BY_CHANNEL, channel)) throw new RangeError(`unknown recruitment channel: ${String(channel)}`);
  return INITIAL_BY_CHANNEL[channel];
}

/** Work authorisation values that let a worker work today (issue 16, item 6). */
export const AUTHORISED_TO_WORK: readonly WorkAuthorization[] = ['NOT_REQUIRED', 'VALID', 'EXPIRING'];

/**
 * Statuses that claim the worker may start work now, so the papers must say so today. EMPLOYED is
 * not listed: it is reached through a placement, which checks the papers on its start date.
 */
export const STATUSES_NEEDING_AUTHORISATION: readonly WorkerStatus[] = ['READY_TO_WORK'];

export interface MissingPaper {
  field: 'to';
  code: 'WORK_AUTHORIZATION_MISSING' | 'WORK_AUTHORIZATION_EXPIRED';
  message: string;
  /** The document the regime needs (PATENT or WORK_PERMIT). */
  document: string;
  workAuthorization: WorkAuthorization;
  /** The last day the lapsed document covered; null when there is none. */
  validUntil: string | null;
}

/**
 * What is missing for a move to `to`, from the work authorisation assessed today (the rule of
 * work-authorization.rules.ts, not repeated here): nothing when `to` needs no papers or the papers
 * authorise work; otherwise the regime's document, missing or lapsed.
 */
export function missingPapers(to: WorkerStatus, assessment: WorkAuthorizationAssessment): MissingPaper[] {
  if (!STATUSES_NEEDING_AUTHORISATION.includes(to) || AUTHORISED_TO_WORK.includes(assessment.status)) return [];
  // NOT_REQUIRED is authorised, so the regime here is one that needs a document
  const document = AUTHORIZING_DOCUMENT[assessment.regime as keyof typeof AUTHORIZING_DOCUMENT];
  const common = { field: 'to' as const, document, workAuthorization: assessment.status, validUntil: assessment.validUntil };
  return assessment.status === 'EXPIRED'
    ? [
        {
          ...common,
          code: 'WORK_AUTHORIZATION_EXPIRED',
          message: `the worker's ${document} lapsed after ${assessment.validUntil}: renew it (or record the patent payment) before ${to}`,
        },
      ]
    : [{ ...common, code: 'WORK_AUTHORIZATION_MISSING', message: `a current ${document} is needed for ${to}: none is recorded or in force today` }];
}

/**
 * A worker whose placement has not started yet stays where they are until its start date moves them
 * to EMPLOYED; moving them by hand in between would leave the placement waiting for a worker who is
 * elsewhere, so every manual move is refused until the placement is cancelled or has started.
 */
export function heldByPlannedPlacement(placements: readonly { status: string }[]): boolean {
  return placements.some((p) => p.status === 'PLANNED');
}
