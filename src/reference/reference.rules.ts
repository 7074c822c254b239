/**
 * Pure helpers for reference data (wage floors, bans). Dates are ISO strings (YYYY-MM-DD).
 */
import { DEFAULT_FULL_TIME_HOURS_PER_WEEK, wageFloorRub } from '../labour-requests/wage-floor.rules';

/**
 * An ОКВЭД 2 code or prefix as written: 47, 47.1, 47.11, 47.11.1, 47.11.11 (never 471 or
 * 47.1.1). The same shape the labour-request rules accept, so stored bans never fail there.
 */
export const OKVED_PREFIX = /^\d{2}(?:\.\d|\.\d{2}(?:\.\d{1,2})?)?$/;

/** A full ОКВЭД 2 code at the subclass level or finer (an employer's main activity): 41.20, 47.11.1. */
export const OKVED_CODE = /^\d{2}\.\d{1,2}(?:\.\d{1,2}){0,2}$/;

/** An ОКЗ occupation code: four digits. */
export const OKZ_CODE = /^\d{4}$/;

/** A region key such as OMSK. */
export const REGION_KEY = /^[A-Z][A-Z0-9_]{1,39}$/;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The full-time monthly floor: ceil(МРОТ × coefficient), the same rule the labour requests apply. */
export function floorRub(mrotRub: number, coefficient: number): number {
  return wageFloorRub({ mrotRub, regionalCoefficient: coefficient, hoursPerWeek: DEFAULT_FULL_TIME_HOURS_PER_WEEK });
}

/**
 * Labour-law figures kept as reference data (DOMAIN.md: *(verify)* figures are tables, never
 * constants): the largest share of gross pay that may be deducted (Labour Code art. 138), the
 * personal income tax rate used for net estimates, and the normal full-time week (art. 91).
 */
export const LABOUR_PARAMETERS = {
  MAX_DEDUCTION_SHARE: { min: 0, max: 1, description: 'largest share of gross pay deductions may take (0.2 = 20 %)' },
  INCOME_TAX_RATE: { min: 0, max: 1, description: 'personal income tax rate for net estimates (0.13 = 13 %)' },
  FULL_TIME_HOURS_PER_WEEK: { min: 1, max: 60, description: 'the normal full-time working week in hours' },
} as const;
export type LabourParameterKey = keyof typeof LABOUR_PARAMETERS;
export const LABOUR_PARAMETER_KEYS = Object.keys(LABOUR_PARAMETERS) as LabourParameterKey[];

export function isLabourParameterKey(value: string): value is LabourParameterKey {
  return (LABOUR_PARAMETER_KEYS as string[]).includes(value);
}

/** Whether a ban's dates are consistent: no end, or an end after the start. */
export function banDatesValid(effectiveFrom: string, effectiveTo: string | null): boolean {
  return effectiveTo === null || effectiveTo > effectiveFrom;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function dayOf(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}
