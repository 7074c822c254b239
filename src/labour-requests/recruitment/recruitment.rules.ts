/**
 * Recruitment through partner agencies (DOMAIN.md, "Worker lifecycle"; issue 5 item 5). Pure.
 *
 * An order asks a partner agency for N candidates for an approved labour request. The agency
 * proposes its own workers still abroad (CANDIDATE); staff select (worker → SELECTED) or decline
 * them; the order is FULFILLED when N are selected. An arrival is an expected batch of selected
 * workers (→ IN_TRANSIT); its check-in moves the people who are there to ARRIVED. Someone who
 * turns up without being expected on that arrival is checked in all the same and flagged
 * unannounced, provided they are a worker of the order's partner agency and not expected on
 * another arrival still awaited (they are checked in there). An arrival stays EXPECTED, taking
 * further check-ins of its expected workers, until every expected worker is checked in; then it is
 * CHECKED_IN. When recruitment for a labour request ends, its OPEN orders are CANCELLED and its
 * EXPECTED arrivals closed.
 */
import type { WorkerStatus } from '../../workers/worker-lifecycle.rules';

export interface FieldProblem {
  field: string;
  message: string;
}

export type OrderStatus = 'OPEN' | 'FULFILLED' | 'CANCELLED';

// ── the order ────────────────────────────────────────────────────────────────────────────────

export interface OrderInput {
  /** The agency as stored, or null when there is none with that id. */
  agency: { id: string; active: boolean } | null;
  /** LIAISON: the agencies the officer works with (undefined for staff and admins). */
  actorAgencyIds?: string[];
  candidatesRequested: number;
  /** Places of the labour request not yet taken by a placement (labour-request.rules openPlaces). */
  openPlaces: number;
  /** Candidates already asked of the request's other OPEN orders: those places are spoken for. */
  requestedOnOpenOrders: number;
}

/** Field problems of a new order, all at once (empty when it may be placed). */
export function orderProblems(input: OrderInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.agency) problems.push({ field: 'partnerAgencyId', message: 'no such partner agency' });
  else if (!input.agency.active) problems.push({ field: 'partnerAgencyId', message: 'the partner agency is inactive' });
  else if (input.actorAgencyIds && !input.actorAgencyIds.includes(input.agency.id)) {
    problems.push({ field: 'partnerAgencyId', message: 'a liaison officer may only order from its own partner agencies' });
  }
  const free = Math.max(0, input.openPlaces - input.requestedOnOpenOrders);
  if (input.candidatesRequested > free) {
    const others = input.requestedOnOpenOrders ? ` (${input.openPlaces} open, ${input.requestedOnOpenOrders} already asked of its other open orders)` : '';
    problems.push({ field: 'candidatesRequested', message: `must not exceed the ${free} place(s) of the labour request still free${others}` });
  }
  return problems;
}

// ── candidates ───────────────────────────────────────────────────────────────────────────────

/** Why a worker may not be proposed on an order of `orderAgencyId` (field `workerId`). */
export function proposalProblems(worker: { status: WorkerStatus; partnerAgencyId: string | null }, orderAgencyId: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (worker.status !== 'CANDIDATE') problems.push({ field: 'workerId', message: `the worker is ${worker.status}; only a CANDIDATE may be proposed` });
  if (worker.partnerAgencyId !== orderAgencyId) problems.push({ field: 'workerId', message: "the worker is not linked to the order's partner agency" });
  return problems;
}

/** Why a proposed candidate may not be selected now (selectedCount: already selected on the order). */
export function selectionProblems(input: { workerStatus: WorkerStatus; selectedCount: number; candidatesRequested: number }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.selectedCount >= input.candidatesRequested) {
    problems.push({
      field: 'workerId',
      message: `the order asked for ${input.candidatesRequested} candidate(s) and ${input.selectedCount} are already selected`,
    });
  }
  if (input.workerStatus !== 'CANDIDATE')
    problems.push({ field: 'workerId', message: `the worker is ${input.workerStatus}; only a CANDIDATE may be selected` });
  return problems;
}

/** The order's status once `selectedCount` candidates are selected. */
export function orderStatusAfterSelection(selectedCount: number, candidatesRequested: number): OrderStatus {
  return selectedCount >= candidatesRequested ? 'FULFILLED' : 'OPEN';
}

// ── arrivals ─────────────────────────────────────────────────────────────────────────────────

export interface ArrivalCandidate {
  workerId: string;
  /** The worker's candidate status on this order, null when not on it. */
  candidateStatus: 'PROPOSED' | 'SELECTED' | 'DECLINED' | null;
  workerStatus: WorkerStatus | null;
}

/** Why workers may not travel on an arrival of the order: one problem per worker (`workerIds[i]`). */
export function arrivalProblems(workers: ArrivalCandidate[]): FieldProblem[] {
  return workers.flatMap((w, i): FieldProblem[] => {
    const field = `workerIds[${i}]`;
    if (w.candidateStatus !== 'SELECTED') return [{ field, message: `worker ${w.workerId} is not selected on this order` }];
    if (w.workerStatus !== 'SELECTED') return [{ field, message: `worker ${w.workerId} is ${w.workerStatus}, no longer waiting to travel` }];
    return [];
  });
}

// ── check-in ─────────────────────────────────────────────────────────────────────────────────

/** Statuses of a person still abroad, in lifecycle order. */
const ABROAD: readonly WorkerStatus[] = ['CANDIDATE', 'SELECTED', 'IN_TRANSIT'];

/** The lifecycle steps from `status` to ARRIVED (each one an allowed transition); null once in the country. */
export function pathToArrived(status: WorkerStatus): WorkerStatus[] | null {
  const at = ABROAD.indexOf(status);
  return at < 0 ? null : [...ABROAD.slice(at + 1), 'ARRIVED'];
}

export interface ArrivalRow {
  arrivalId: string;
  workerId: string;
  /** false: turned up unannounced on that arrival. */
  expected: boolean;
  checkedInOn: string | null;
  arrivalStatus: 'EXPECTED' | 'CHECKED_IN' | 'CANCELLED';
}

export interface CheckInInput {
  arrivalId: string;
  /** The partner agency of the arrival's order: only its workers may be checked in unannounced. */
  agencyId: string;
  /** The workers who are there, as sent. */
  presentIds: string[];
  /** Each worker the caller may see (missing: no such worker in scope). */
  workers: Readonly<Record<string, { status: WorkerStatus; partnerAgencyId: string | null }>>;
  /** Every worker row of this arrival and every arrival row of the present workers. */
  rows: readonly ArrivalRow[];
  arrivedOn: string;
  today: string;
}

export interface CheckInPlan {
  expected: string[];
  unannounced: string[];
  /** 422: every problem at once. */
  problems: FieldProblem[];
  /** 409: workers checked in already (on this arrival or another). */
  conflicts: FieldProblem[];
  /** Every worker the arrival expects is in once this check-in is recorded: it becomes CHECKED_IN. */
  complete: boolean;
}

/** Sorts the people at a check-in into expected and unannounced, with every problem at once. */
export function checkInPlan(input: CheckInInput): CheckInPlan {
  const plan: CheckInPlan = { expected: [], unannounced: [], problems: [], conflicts: [], complete: false };
  if (input.arrivedOn > input.today) plan.problems.push({ field: 'arrivedOn', message: 'must not be in the future' });
  const rowsOf = (id: string) => input.rows.filter((r) => r.workerId === id);
  input.presentIds.forEach((id, i) => {
    const field = `workerIds[${i}]`;
    const worker = input.workers[id];
    const rows = rowsOf(id);
    const checked = rows.find((r) => r.checkedInOn);
    const awaitedElsewhere = rows.find((r) => r.arrivalId !== input.arrivalId && r.expected && !r.checkedInOn && r.arrivalStatus === 'EXPECTED');
    if (!worker) plan.problems.push({ field, message: `no such worker: ${id}` });
    else if (checked) plan.conflicts.push({ field, message: `worker ${id} was already checked in on ${checked.checkedInOn} (arrival ${checked.arrivalId})` });
    else if (rows.some((r) => r.arrivalId === input.arrivalId && r.expected)) {
      if (worker.status === 'IN_TRANSIT') plan.expected.push(id);
      else plan.problems.push({ field, message: `worker ${id} is ${worker.status}, not IN_TRANSIT` });
    } else if (worker.partnerAgencyId !== input.agencyId) {
      plan.problems.push({ field, message: `worker ${id} is not a worker of the order's partner agency; only its workers can be checked in unannounced` });
    } else if (!pathToArrived(worker.status)) {
      plan.problems.push({ field, message: `worker ${id} is already ${worker.status}; only a worker still abroad can be checked in` });
    } else if (awaitedElsewhere) {
      plan.problems.push({ field, message: `worker ${id} is expected on arrival ${awaitedElsewhere.arrivalId}; check them in on that arrival` });
    } else {
      plan.unannounced.push(id);
    }
  });
  plan.complete = input.rows.every((r) => r.arrivalId !== input.arrivalId || !r.expected || r.checkedInOn !== null || plan.expected.includes(r.workerId));
  return plan;
}

/** How an EXPECTED arrival is closed when recruitment ends: CHECKED_IN when someone was checked in on it, else CANCELLED. */
export function closingStatus(checkedInCount: number): 'CHECKED_IN' | 'CANCELLED' {
  return checkedInCount > 0 ? 'CHECKED_IN' : 'CANCELLED';
}
