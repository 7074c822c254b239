/**
 * Placing a worker under an approved labour request (DOMAIN.md "Placement", issue 5 item 6):
 * every precondition in one function, every failure listed at once. Pure: dates are ISO strings
 * (YYYY-MM-DD), the reference figures, the negotiation's state and the worker's papers are
 * passed in. The headcount is checked here for the answer, and taken again by the conditional
 * UPDATE of the repository, which is what holds under concurrency.
 *
 * The placement's final terms (given, else agreed, else the request's) meet the same rules as every
 * wage offer (offerProblems of the negotiations: floor, hours, deduction share, deductions only for
 * housing or meals), and after an agreement no term may be worse for the worker than the agreed one.
 * Overtime is never claimed by the placement itself: hours beyond the normal week need an accepted
 * offer that includes overtime.
 */
import { holdsApprovedPlaces, LabourRequestStatus, openPlaces } from '../labour-requests/labour-request.rules';
import { isOkvedCode, placementBanProblem, RegionalBan } from '../labour-requests/regional-ban.rules';
import type { AgreedTerms, AgreementState } from '../negotiations/offer.rules';
import { maxDeductionRub, offerFloorRub, OfferProblem, OfferReference, offerProblems, OfferTerms } from '../negotiations/offer.rules';
import { AuthorizationDocument, RegimeOverrides, workAuthorization } from '../workers/work-authorization.rules';
import { AUTHORISED_TO_WORK, canTransition, WorkerStatus } from '../workers/worker-lifecycle.rules';

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

/** The placement's final terms. `includesOvertime` is not stored: it is the accepted offer's (agreedOfferId). */
export interface PlacementTerms extends OfferTerms {
  agreedOfferId: string | null;
}

/** The negotiation as the placement sees it (an agreement says whether its hours include overtime). */
export type PlacementNegotiation = AgreementState;

export interface RequestFacts {
  status: LabourRequestStatus;
  approvedCount: number;
  placedCount: number;
  periodStart: string;
  periodEnd: string;
  /** ISO 3166 alpha-2; empty: any citizenship. */
  preferredCitizenships: readonly string[];
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
  /** An ACTIVE or PLANNED placement holds the worker. */
  hasCurrentPlacement: boolean;
}

export interface PlacementCheckInput {
  startDate: string;
  request: RequestFacts;
  worker: WorkerFacts;
  /** The employer's main activity (ОКВЭД); null when not recorded (no ban can be matched). */
  activityCode: string | null;
  /** Bans in force on the start date. */
  bans: readonly RegionalBan[];
  negotiation: PlacementNegotiation;
  given: GivenTerms;
  /** The offer rules' figures of the start date's year, or what reference data is missing for them. */
  reference: OfferReference | { missing: string };
  regimes?: RegimeOverrides;
}

/**
 * The placement's terms: what is given explicitly, else the agreed offer's terms when the
 * negotiation ended in agreement, else the labour request's offer (no deductions). Overtime only
 * with an agreement that includes it.
 */
export function placementTerms(given: GivenTerms, request: RequestFacts, negotiation: PlacementNegotiation): PlacementTerms {
  const base =
    negotiation.status === 'AGREED'
      ? { ...negotiation.terms, agreedOfferId: negotiation.terms.offerId }
      : { ...request, includesOvertime: false, deductionsRub: 0, agreedOfferId: null };
  return {
    monthlyWageRub: given.monthlyWageRub ?? base.monthlyWageRub,
    hoursPerWeek: given.hoursPerWeek ?? base.hoursPerWeek,
    includesOvertime: base.includesOvertime,
    housingProvided: given.housingProvided ?? base.housingProvided,
    mealsProvided: given.mealsProvided ?? base.mealsProvided,
    deductionsRub: given.deductionsRub ?? base.deductionsRub,
    agreedOfferId: base.agreedOfferId,
  };
}

function requestProblems({ request, startDate }: PlacementCheckInput): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (!holdsApprovedPlaces(request.status)) {
    problems.push({
      field: 'labourRequestId',
      code: 'REQUEST_NOT_APPROVED',
      message: `the labour request is ${request.status}, not APPROVED or PARTIALLY_APPROVED`,
    });
  } else if (openPlaces(request.approvedCount, request.placedCount) === 0) {
    problems.push({ field: 'labourRequestId', code: 'HEADCOUNT_REACHED', message: `all ${request.approvedCount} approved places are taken` });
  }
  if (startDate < request.periodStart || startDate > request.periodEnd) {
    problems.push({
      field: 'startDate',
      code: 'START_OUTSIDE_PERIOD',
      message: `must lie inside the request's period ${request.periodStart} to ${request.periodEnd}`,
    });
  }
  return problems;
}

function workerProblems({ worker, request, startDate, regimes }: PlacementCheckInput): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (!canTransition(worker.status, 'EMPLOYED')) {
    problems.push({ field: 'workerId', code: 'WORKER_NOT_READY', message: `the worker is ${worker.status}, not READY_TO_WORK or BETWEEN_JOBS` });
  }
  if (worker.hasCurrentPlacement) {
    problems.push({
      field: 'workerId',
      code: 'WORKER_ALREADY_PLACED',
      message: 'the worker already has an active or planned placement; end or cancel it first',
    });
  }
  // the request was approved (and counted against a quota allocation) for these citizenships only
  if (request.preferredCitizenships.length > 0 && !request.preferredCitizenships.includes(worker.citizenship)) {
    const requested = request.preferredCitizenships.join(', ');
    problems.push({
      field: 'workerId',
      code: 'CITIZENSHIP_NOT_REQUESTED',
      message: `the worker is a citizen of ${worker.citizenship}; the request was approved for citizens of ${requested} only`,
      requested: [...request.preferredCitizenships],
    });
  }
  // authorised to work on the start date: papers VALID or EXPIRING then, or none needed
  const authorization = workAuthorization({ citizenship: worker.citizenship, documents: worker.documents, today: startDate, regimes });
  if (!AUTHORISED_TO_WORK.includes(authorization)) {
    problems.push({
      field: 'startDate',
      code: 'WORK_NOT_AUTHORIZED',
      message: `the worker is not authorised to work on ${startDate} (work authorisation ${authorization})`,
      workAuthorization: authorization,
    });
  }
  return problems;
}

/** Without an agreement there are no terms to place on: an open or broken-off negotiation blocks. */
function negotiationProblems(negotiation: PlacementNegotiation): PlacementProblem[] {
  if (negotiation.status === 'OPEN') {
    return [{ field: 'labourRequestId', code: 'NEGOTIATION_OPEN', message: 'the wage negotiation of the request is still open: agree a wage first' }];
  }
  if (negotiation.status === 'BROKEN_OFF') {
    return [
      {
        field: 'labourRequestId',
        code: 'NEGOTIATION_NOT_AGREED',
        message: 'the wage negotiation of the request was broken off without agreement: reopen it and agree a wage first',
      },
    ];
  }
  return [];
}

/** One problem per term worse for the worker than the agreed one (lower wage, more hours or deductions, a benefit withdrawn). */
export function termsBelowAgreed(terms: PlacementTerms, agreed: AgreedTerms): PlacementProblem[] {
  const worse: [keyof AgreedTerms, boolean, string][] = [
    ['monthlyWageRub', terms.monthlyWageRub < agreed.monthlyWageRub, `must be at least the agreed wage of ${agreed.monthlyWageRub} ₽`],
    ['hoursPerWeek', terms.hoursPerWeek > agreed.hoursPerWeek, `must be at most the agreed ${agreed.hoursPerWeek} hours a week`],
    ['deductionsRub', terms.deductionsRub > agreed.deductionsRub, `must be at most the agreed deductions of ${agreed.deductionsRub} ₽`],
    ['housingProvided', agreed.housingProvided && !terms.housingProvided, 'the agreement provides housing: it may not be withdrawn'],
    ['mealsProvided', agreed.mealsProvided && !terms.mealsProvided, 'the agreement provides meals: they may not be withdrawn'],
  ];
  return worse.filter(([, isWorse]) => isWorse).map(([field, , message]) => ({ field, code: 'TERMS_BELOW_AGREED', message, agreed: agreed[field] }));
}

/** The offer rules of the negotiations on the final terms, with the limit each broken one sets. */
function offerRuleProblems(terms: PlacementTerms, reference: PlacementCheckInput['reference']): PlacementProblem[] {
  if ('missing' in reference) {
    return [{ field: 'startDate', code: 'REFERENCE_MISSING', message: `the wage floor cannot be checked: ${reference.missing}` }];
  }
  const detail = (p: OfferProblem): PlacementProblem => {
    switch (p.code) {
      case 'WAGE_BELOW_FLOOR':
        return { ...p, floorRub: offerFloorRub(terms.hoursPerWeek, reference) };
      case 'HOURS_OVER_LIMIT':
        return {
          ...p,
          message: `must be at most the normal ${reference.fullTimeHours} hours a week unless an agreed offer includes overtime; got ${terms.hoursPerWeek}`,
          maxHours: reference.fullTimeHours,
        };
      case 'DEDUCTIONS_OVER_SHARE':
        return { ...p, maxDeductionRub: maxDeductionRub(terms.monthlyWageRub, reference.maxDeductionShare) };
      default:
        return { ...p };
    }
  };
  return offerProblems(terms, reference).map(detail);
}

/** Every reason the placement may not be made (empty when it may), and the terms it would take. */
export function checkPlacement(input: PlacementCheckInput): { problems: PlacementProblem[]; terms: PlacementTerms } {
  const terms = placementTerms(input.given, input.request, input.negotiation);
  const ban =
    input.activityCode && isOkvedCode(input.activityCode)
      ? placementBanProblem({
          activityCode: input.activityCode,
          startDate: input.startDate,
          citizenship: input.worker.citizenship,
          bans: input.bans,
          regimes: input.regimes,
        })
      : null;
  const agreed = input.negotiation.status === 'AGREED' ? termsBelowAgreed(terms, input.negotiation.terms) : [];
  const problems = [
    ...requestProblems(input),
    ...workerProblems(input),
    ...(ban ? [{ ...ban }] : []),
    ...negotiationProblems(input.negotiation),
    ...agreed,
    ...offerRuleProblems(terms, input.reference),
  ];
  return { problems, terms };
}

/**
 * A placement starting after today is PLANNED: the worker is not employed yet and moves to EMPLOYED
 * on the start date (PlacementStartService). One starting today or earlier is ACTIVE at once.
 */
export function initialPlacementStatus(startDate: string, today: string): 'PLANNED' | 'ACTIVE' {
  return startDate > today ? 'PLANNED' : 'ACTIVE';
}

/**
 * Ending a placement. An ACTIVE one needs its last day of work: not before its start, not in the
 * future. Ending a PLANNED one cancels it (it never began): an end date, when given, is the day of
 * the cancellation and must not be in the future.
 */
export function endProblems(input: { status: 'ACTIVE' | 'PLANNED'; startDate: string; endDate?: string; today: string }): PlacementProblem[] {
  const problems: PlacementProblem[] = [];
  if (input.endDate === undefined) {
    if (input.status === 'ACTIVE') problems.push({ field: 'endDate', code: 'END_DATE_REQUIRED', message: 'is required to end a placement that has started' });
    return problems;
  }
  if (input.status === 'ACTIVE' && input.endDate < input.startDate) {
    problems.push({ field: 'endDate', code: 'END_BEFORE_START', message: `must not be before the start date ${input.startDate}` });
  }
  if (input.endDate > input.today) {
    problems.push({ field: 'endDate', code: 'END_IN_FUTURE', message: `must not be in the future (today is ${input.today})` });
  }
  return problems;
}
