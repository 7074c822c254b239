/**
 * Placing a worker under an approved labour request (DOMAIN.md "Placement", issue 5 item 6):
 * every precondition in one function, every failure listed at once. Pure: dates are ISO strings
 * (YYYY-MM-DD), the reference figures, the negotiation's state and the worker's papers are
 * passed in. The headcount is checked here for the answer, and taken again by the conditional
 * UPDATE of the repository, which is what holds under concurrency.
 */
import { holdsApprovedPlaces, LabourRequestStatus, openPlaces } from '../labour-requests/labour-request.rules';
import { isOkvedCode, placementBanProblem, RegionalBan } from '../labour-requests/regional-ban.rules';
import { wageFloorProblem } from '../labour-requests/wage-floor.rules';
import type { NegotiationState } from '../negotiations/negotiation-terms.repository';
import { AuthorizationDocument, RegimeOverrides, workAuthorization } from '../workers/work-authorization.rules';
import { canTransition, WorkerStatus } from '../workers/worker-lifecycle.rules';

export interface PlacementProblem {
  field: string;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** Terms given in the request body; what is left out comes from the agreement or the labour request. */
export interface GivenTerms {
  monthlyWageRub?: number;
  hoursPerWeek?: number;
  housingProvided?: boolean;
  mealsProvided?: boolean;
  deductionsRub?: number;
}

export interface PlacementTerms {
  monthlyWageRub: number;
  hoursPerWeek: number;
  housingProvided: boolean;
  mealsProvided: boolean;
  deductionsRub: number;
  agreedOfferId: string | null;
}

export interface RequestFacts {
  status: LabourRequestStatus;
  approvedCount: number;
  placedCount: number;
  periodStart: string;
  periodEnd: string;
  monthlyWageRub: number;
  hoursPerWeek: number;
  housingProvided: boolean;
  mealsProvided: boolean;
}

export interface WorkerFacts {
  status: WorkerStatus;
  citizenship: string;
  /** The worker's current authorising documents (patent, work permit). */
  documents: readonly AuthorizationDocument[];
  hasActivePlacement: boolean;
}

export interface WageFloorFigures {
  year: number;
  mrotRub: number;
  regionalCoefficient: number;
  fullTimeHours: number;
}

export interface PlacementCheckInput {
  startDate: string;
  request: RequestFacts;
  worker: WorkerFacts;
  /** The employer's main activity (ОКВЭД); null when not recorded (no ban can be matched). */
  activityCode: string | null;
  /** Bans in force on the start date. */
  bans: readonly RegionalBan[];
  negotiation: NegotiationState;
  given: GivenTerms;
  /** The wage floor figures of the start date's year, or what reference data is missing for them. */
  wageFloor: WageFloorFigures | { missing: string };
  regimes?: RegimeOverrides;
}

/**
 * The placement's terms: what is given explicitly, else the agreed offer's terms when the
 * negotiation ended in agreement, else the labour request's offer (no deductions).
 */
export function placementTerms(given: GivenTerms, request: RequestFacts, negotiation: NegotiationState): PlacementTerms {
  const base =
    negotiation.status === 'AGREED'
      ? { ...negotiation.terms, agreedOfferId: negotiation.terms.offerId }
      : { ...request, deductionsRub: 0, agreedOfferId: null };
  return {
    monthlyWageRub: given.monthlyWageRub ?? base.monthlyWageRub,
    hoursPerWeek: given.hoursPerWeek ?? base.hoursPerWeek,
    housingProvided: given.housingProvided ?? base.housingProvided,
    mealsProvided: given.mealsProvided ?? base.mealsProvided,
    deductionsRub: given.deductionsRub ?? base.deductionsRub,
    agreedOfferId: base.agreedOfferId,
  };
}

/** Authorised to work on the start date: papers VALID or EXPIRING then, or none needed. */
const AUTHORISED = ['NOT_REQUIRED', 'VALID', 'EXPIRING'];

function requestProblems({ request, startDate }: PlacementCheckInput): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (!holdsApprovedPlaces(request.status)) {
    problems.push({ field: 'labourRequestId', code: 'REQUEST_NOT_APPROVED', message: `the labour request is ${request.status}, not APPROVED or PARTIALLY_APPROVED` });
  } else if (openPlaces(request.approvedCount, request.placedCount) === 0) {
    problems.push({ field: 'labourRequestId', code: 'HEADCOUNT_REACHED', message: `all ${request.approvedCount} approved places are taken` });
  }
  if (startDate < request.periodStart || startDate > request.periodEnd) {
    problems.push({ field: 'startDate', code: 'START_OUTSIDE_PERIOD', message: `must lie inside the request's period ${request.periodStart} to ${request.periodEnd}` });
  }
  return problems;
}

function workerProblems({ worker, startDate, regimes }: PlacementCheckInput): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (!canTransition(worker.status, 'EMPLOYED')) {
    problems.push({ field: 'workerId', code: 'WORKER_NOT_READY', message: `the worker is ${worker.status}, not READY_TO_WORK or BETWEEN_JOBS` });
  }
  if (worker.hasActivePlacement) {
    problems.push({ field: 'workerId', code: 'WORKER_ALREADY_PLACED', message: 'the worker already has an active placement; end it first' });
  }
  const authorization = workAuthorization({ citizenship: worker.citizenship, documents: worker.documents, today: startDate, regimes });
  if (!AUTHORISED.includes(authorization)) {
    problems.push({ field: 'startDate', code: 'WORK_NOT_AUTHORIZED', message: `the worker is not authorised to work on ${startDate} (work authorisation ${authorization})`, workAuthorization: authorization });
  }
  return problems;
}

function termsProblems(input: PlacementCheckInput, terms: PlacementTerms): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  const { negotiation, given, wageFloor } = input;
  if (negotiation.status === 'OPEN') {
    problems.push({ field: 'labourRequestId', code: 'NEGOTIATION_OPEN', message: 'the wage negotiation of the request is still open: agree a wage first' });
  }
  if (negotiation.status === 'AGREED' && given.monthlyWageRub !== undefined && given.monthlyWageRub < negotiation.terms.monthlyWageRub) {
    problems.push({ field: 'monthlyWageRub', code: 'WAGE_BELOW_AGREED', message: `must be at least the agreed wage of ${negotiation.terms.monthlyWageRub} ₽`, agreedRub: negotiation.terms.monthlyWageRub });
  }
  if ('missing' in wageFloor) {
    problems.push({ field: 'startDate', code: 'REFERENCE_MISSING', message: `the wage floor cannot be checked: ${wageFloor.missing}` });
    return problems;
  }
  const floor = wageFloorProblem({ ...wageFloor, monthlyWageRub: terms.monthlyWageRub, hoursPerWeek: terms.hoursPerWeek });
  if (floor) problems.push({ ...floor });
  return problems;
}

/** Every reason the placement may not be made (empty when it may), and the terms it would take. */
export function checkPlacement(input: PlacementCheckInput): { problems: PlacementProblem[]; terms: PlacementTerms } {
  const terms = placementTerms(input.given, input.request, input.negotiation);
  const ban =
    input.activityCode && isOkvedCode(input.activityCode)
      ? placementBanProblem({ activityCode: input.activityCode, startDate: input.startDate, citizenship: input.worker.citizenship, bans: input.bans, regimes: input.regimes })
      : null;
  const problems = [...requestProblems(input), ...workerProblems(input), ...(ban ? [{ ...ban }] : []), ...termsProblems(input, terms)];
  return { problems, terms };
}

/** Ending a placement: the end date is not before its start and not in the future. */
export function endProblems(input: { startDate: string; endDate: string; today: string }): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (input.endDate < input.startDate) {
    problems.push({ field: 'endDate', code: 'END_BEFORE_START', message: `must not be before the start date ${input.startDate}` });
  }
  if (input.endDate > input.today) {
    problems.push({ field: 'endDate', code: 'END_IN_FUTURE', message: `must not be in the future (today is ${input.today})` });
  }
  return problems;
}
