/**
 * Quota allocations (DOMAIN.md, "Core records" and "Limits"): a yearly limit of workers
 * the Centre may approve, overall and optionally per occupation and/or citizenship. Pure:
 * these functions decide which allocations a request counts against and whether they still
 * have room. Every allocation that matches a request, from the most specific up to the overall
 * one, is a ceiling: the service takes the places from all of them at once with a conditional
 * `UPDATE … SET approved = approved + n WHERE approved + n <= "limit"` (ARCHITECTURE.md,
 * rule 9), all or none, so two concurrent approvals can never both pass a check made on a
 * stale read, whichever specific allocations they count against.
 */

export interface QuotaAllocation {
  id: string;
  year: number;
  /** ОКЗ/ОКПДТР code; null: any occupation. */
  occupationCode: string | null;
  /** ISO 3166 alpha-2; null: any citizenship. */
  citizenship: string | null;
  /** The number of workers that may be approved in the year. */
  limit: number;
  /** The number approved so far. */
  approved: number;
}

export interface QuotaKey {
  year: number;
  /** The request's occupation; null matches only allocations for any occupation. */
  occupationCode: string | null;
  /** The citizenship counted; null matches only allocations for any citizenship. */
  citizenship: string | null;
}

const normCode = (s: string | null) => (s === null ? null : s.trim());
const normCitizenship = (s: string | null) => (s === null ? null : s.trim().toUpperCase());

/** 3 occupation and citizenship, 2 occupation only, 1 citizenship only, 0 overall. */
const specificity = (a: QuotaAllocation) => (a.occupationCode !== null ? 2 : 0) + (a.citizenship !== null ? 1 : 0);

/**
 * Every allocation of the year that matches the key, most specific first: occupation and
 * citizenship, then occupation only, then citizenship only, then the overall allocation (both
 * null). An allocation matches when each of its fields is null or equal to the key's (citizenship
 * compared case-insensitively, codes trimmed). Each of them is a ceiling of the request's places.
 * Two equally specific matches are a data error (the table forbids them); the one with the fewest
 * places left comes first, so the error never lets more workers through.
 */
export function matchingAllocations<A extends QuotaAllocation>(allocations: readonly A[], key: QuotaKey): A[] {
  const occupation = normCode(key.occupationCode);
  const citizenship = normCitizenship(key.citizenship);
  return allocations
    .filter(
      (a) =>
        a.year === key.year &&
        (a.occupationCode === null || normCode(a.occupationCode) === occupation) &&
        (a.citizenship === null || normCitizenship(a.citizenship) === citizenship),
    )
    .sort((a, b) => specificity(b) - specificity(a) || remaining(a) - remaining(b));
}

/** The most specific of matchingAllocations (the one a request is shown as counted against); null when none matches. */
export function matchingAllocation<A extends QuotaAllocation>(allocations: readonly A[], key: QuotaKey): A | null {
  return matchingAllocations(allocations, key)[0] ?? null;
}

/** Places left in the allocation (never negative, even if the limit was cut below use by hand). */
export function remaining(allocation: QuotaAllocation): number {
  return Math.max(0, allocation.limit - allocation.approved);
}

export interface QuotaProblem {
  /** NO_QUOTA_ALLOCATION: no allocation of the year covers the request; QUOTA_EXHAUSTED: one that does lacks room. */
  code: 'QUOTA_EXHAUSTED' | 'NO_QUOTA_ALLOCATION';
  /** The allocation that lacks room (the one with the fewest places left); null when none covers the request. */
  allocationId: string | null;
  /** The most places that could still be approved: the fewest left in any of the ceilings. */
  remaining: number;
  message: string;
}

const scopeOf = (a: QuotaAllocation) =>
  [a.occupationCode && `occupation ${a.occupationCode}`, a.citizenship && `citizenship ${a.citizenship}`].filter(Boolean).join(', ');

/**
 * null when every ceiling (matchingAllocations of the request) has room for `count` more approvals;
 * otherwise the problem, naming the ceiling with the fewest places left. No allocation at all means
 * the year has no limit set for this request, which is a limit of zero: the Centre approves only
 * within limits it has set (NO_QUOTA_ALLOCATION). Approving 0 workers (a rejection) never needs room.
 */
export function quotaProblem(ceilings: readonly QuotaAllocation[], count: number): QuotaProblem | null {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (count === 0) return null;
  if (ceilings.length === 0) {
    return {
      code: 'NO_QUOTA_ALLOCATION',
      allocationId: null,
      remaining: 0,
      message: 'no quota allocation of the year covers this request: the Centre approves only within limits it has set',
    };
  }
  // the first of the tightest: on a tie, the most specific
  const tightest = ceilings.reduce((best, a) => (remaining(a) < remaining(best) ? a : best));
  const left = remaining(tightest);
  if (count <= left) return null;
  const scope = scopeOf(tightest);
  return {
    code: 'QUOTA_EXHAUSTED',
    allocationId: tightest.id,
    remaining: left,
    message: `the ${tightest.year} quota${scope ? ` for ${scope}` : ''} has ${left} of ${tightest.limit} places left; ${count} requested`,
  };
}

export interface LimitBelowApproved {
  code: 'LIMIT_BELOW_APPROVED';
  field: 'limit';
  message: string;
  approved: number;
}

/** null when the allocation's limit may become `newLimit`: never below the workers already approved. */
export function limitChangeProblem(allocation: QuotaAllocation, newLimit: number): LimitBelowApproved | null {
  if (!Number.isInteger(newLimit) || newLimit < 0) throw new RangeError(`newLimit must be a non-negative integer, got ${newLimit}`);
  if (newLimit >= allocation.approved) return null;
  return {
    code: 'LIMIT_BELOW_APPROVED',
    field: 'limit',
    message: `must be at least ${allocation.approved}, the number of workers already approved in ${allocation.year}`,
    approved: allocation.approved,
  };
}

/**
 * The key a labour request is counted under: the year of its first day, its occupation, and its
 * citizenship when it prefers exactly one (several or none: only allocations for any citizenship).
 */
export function quotaKeyFor(request: { periodStart: string; occupationCode: string; preferredCitizenships: readonly string[] }): QuotaKey {
  const citizenships = [...new Set(request.preferredCitizenships.map((c) => c.trim().toUpperCase()))];
  return {
    year: Number(request.periodStart.slice(0, 4)),
    occupationCode: request.occupationCode,
    citizenship: citizenships.length === 1 ? citizenships[0] : null,
  };
}

export interface QuotaCitizenshipRequired {
  code: 'QUOTA_CITIZENSHIP_REQUIRED';
  field: 'preferredCitizenships';
  /** The citizenships whose own allocation the request would bypass. */
  citizenships: string[];
  message: string;
}

/**
 * null, or the problem of approving a request that would bypass a limit set per citizenship. A
 * request naming one citizenship is counted under that citizenship (quotaKeyFor) and never has it;
 * one naming several, or none, is counted under an allocation for any citizenship, yet may bring
 * citizens of a country whose limit of the year is set apart. Such a citizenship is one (of those
 * named; when none is named, of those the year's allocations name) that, were it the request's only
 * one, would be counted against an allocation for that very citizenship (matchingAllocation: an
 * occupation allocation that takes precedence anyway leaves nothing to bypass).
 */
export function citizenshipQuotaProblem(
  allocations: readonly QuotaAllocation[],
  request: { periodStart: string; occupationCode: string; preferredCitizenships: readonly string[] },
): QuotaCitizenshipRequired | null {
  const key = quotaKeyFor(request);
  if (key.citizenship !== null) return null;
  const named = [...new Set(request.preferredCitizenships.map((c) => normCitizenship(c)!))];
  const ofYear = allocations.filter((a) => a.year === key.year && a.citizenship !== null).map((a) => normCitizenship(a.citizenship)!);
  const candidates = named.length > 0 ? named : [...new Set(ofYear)].sort();
  const limited = candidates.filter((citizenship) => matchingAllocation(allocations, { ...key, citizenship })?.citizenship != null);
  if (limited.length === 0) return null;
  return {
    code: 'QUOTA_CITIZENSHIP_REQUIRED',
    field: 'preferredCitizenships',
    citizenships: limited,
    message: `this year's limits are set per citizenship for ${limited.join(', ')}: ask for one citizenship per request`,
  };
}
