/**
 * The rules every wage offer must meet and the figures shown beside it. Pure; money in whole roubles.
 *
 * - WAGE_BELOW_FLOOR: gross at least МРОТ × regional coefficient, prorated by hours (the same
 *   function labour requests use: wage-floor.rules.ts).
 * - HOURS_OVER_LIMIT: at most the normal full-time week (40 h, Labour Code art. 91) unless the
 *   offer is marked as including overtime.
 * - DEDUCTIONS_OVER_SHARE: deductions at most MAX_DEDUCTION_SHARE (20 %) of gross (art. 138).
 * - DEDUCTIONS_WITHOUT_BENEFIT: deductions only for housing or meals actually provided.
 */
import { wageFloorProblem, wageFloorRub } from '../labour-requests/wage-floor.rules';

export interface OfferTerms {
  monthlyWageRub: number;
  hoursPerWeek: number;
  includesOvertime: boolean;
  housingProvided: boolean;
  mealsProvided: boolean;
  deductionsRub: number;
}

/** The reference figures the rules need (reference data of the request's year). */
export interface OfferReference {
  year: number;
  mrotRub: number;
  regionalCoefficient: number;
  fullTimeHours: number;
  maxDeductionShare: number;
}

export type OfferRuleCode = 'WAGE_BELOW_FLOOR' | 'HOURS_OVER_LIMIT' | 'DEDUCTIONS_OVER_SHARE' | 'DEDUCTIONS_WITHOUT_BENEFIT';

export interface OfferProblem {
  code: OfferRuleCode;
  field: keyof OfferTerms;
  message: string;
}

/** Rounds away binary noise before a money rounding (0.2 × 50 000 = 10 000.000000000002). */
const clean = (x: number) => Math.round(x * 1e6) / 1e6;

/** The largest deduction allowed from `grossRub`, in whole roubles (rounded down). */
export const maxDeductionRub = (grossRub: number, share: number) => Math.floor(clean(grossRub * share));

/** Every rule the offer breaks, in a stable order; empty when it is acceptable. */
export function offerProblems(offer: OfferTerms, ref: OfferReference): OfferProblem[] {
  const problems: OfferProblem[] = [];
  const floor = wageFloorProblem({
    monthlyWageRub: offer.monthlyWageRub,
    hoursPerWeek: offer.hoursPerWeek,
    mrotRub: ref.mrotRub,
    regionalCoefficient: ref.regionalCoefficient,
    year: ref.year,
    fullTimeHours: ref.fullTimeHours,
  });
  if (floor) problems.push({ code: floor.code, field: floor.field, message: floor.message });
  if (offer.hoursPerWeek > ref.fullTimeHours && !offer.includesOvertime) {
    problems.push({
      code: 'HOURS_OVER_LIMIT',
      field: 'hoursPerWeek',
      message:
        `must be at most the normal ${ref.fullTimeHours} hours a week unless the ` +
        `offer includes overtime (includesOvertime: true); got ${offer.hoursPerWeek}`,
    });
  }
  const maxDeduction = maxDeductionRub(offer.monthlyWageRub, ref.maxDeductionShare);
  if (offer.deductionsRub > maxDeduction) {
    const ceiling = `${clean(ref.maxDeductionShare * 100)} % of the gross wage (${maxDeduction} ₽, Labour Code art. 138)`;
    problems.push({
      code: 'DEDUCTIONS_OVER_SHARE',
      field: 'deductionsRub',
      message: `must be at most ${ceiling}; got ${offer.deductionsRub}`,
    });
  }
  if (offer.deductionsRub > 0 && !offer.housingProvided && !offer.mealsProvided) {
    problems.push({
      code: 'DEDUCTIONS_WITHOUT_BENEFIT',
      field: 'deductionsRub',
      message: 'deductions are only for housing or meals the employer provides; neither is provided',
    });
  }
  return problems;
}

/** The floor of the offer's hours, in whole roubles a month. */
export function offerFloorRub(hoursPerWeek: number, ref: Pick<OfferReference, 'mrotRub' | 'regionalCoefficient' | 'fullTimeHours'>): number {
  return wageFloorRub({ mrotRub: ref.mrotRub, regionalCoefficient: ref.regionalCoefficient, hoursPerWeek, fullTimeHours: ref.fullTimeHours });
}

/** What the worker takes home: gross − income tax (rounded to the rouble, as НДФЛ is) − deductions. */
export function netEstimateRub(grossRub: number, deductionsRub: number, incomeTaxRate: number): number {
  return grossRub - Math.round(clean(grossRub * incomeTaxRate)) - deductionsRub;
}

/**
 * The gap of the gross wage to the local reference wage in percent, one decimal; negative when the
 * offer is below what local workers earn (−15.4 = 15.4 % below). null without a reference wage.
 */
export function localWageGapPct(grossRub: number, localWageRub: number | null): number | null {
  if (localWageRub === null || localWageRub <= 0) return null;
  const permille = clean(((grossRub - localWageRub) / localWageRub) * 1000);
  return (Math.sign(permille) * Math.round(Math.abs(permille))) / 10 || 0;
}

/** The terms of an accepted offer, which every new placement under the request takes. */
export interface AgreedTerms extends OfferTerms {
  offerId: string;
}

/** An offer's terms (the accepted one's become the request's agreed terms). */
export const termsOf = (o: OfferTerms & { id: string }): AgreedTerms => ({
  offerId: o.id,
  monthlyWageRub: o.monthlyWageRub,
  hoursPerWeek: o.hoursPerWeek,
  includesOvertime: o.includesOvertime,
  housingProvided: o.housingProvided,
  mealsProvided: o.mealsProvided,
  deductionsRub: o.deductionsRub,
});

/** Where a labour request's wage negotiation stands, for the placements' precondition check. */
export type AgreementState = { status: 'NONE' } | { status: 'OPEN' | 'BROKEN_OFF' } | { status: 'AGREED'; terms: AgreedTerms };
