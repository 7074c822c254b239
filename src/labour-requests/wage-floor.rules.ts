/**
 * The wage floor (DOMAIN.md, "Rules for employers and requests"): no accepted wage may be
 * below the federal minimum wage (МРОТ) of the year times the regional coefficient of Omsk
 * oblast, for full-time work, prorated for part-time. Pure.
 *
 * МРОТ per year and the coefficient are reference data an administrator keeps in tables
 * (*verify* the current figures); callers pass them in. Money is in whole roubles.
 */

/** The normal full-time working week (Labour Code art. 91). A default, overridable per call. */
export const DEFAULT_FULL_TIME_HOURS_PER_WEEK = 40;

export interface WageFloorInput {
  /** The federal МРОТ for the year, in roubles per month. */
  mrotRub: number;
  /** The regional coefficient (1.15 for Omsk oblast, reference data). */
  regionalCoefficient: number;
  /** The hours per week of the offered job. */
  hoursPerWeek: number;
  fullTimeHours?: number;
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${what} must be a positive number, got ${value}`);
  return value;
}

/**
 * The monthly floor in whole roubles, rounded up: МРОТ × coefficient × min(hours /
 * full-time hours, 1). Part-time work is prorated; more hours than full time never raise
 * the floor above the full-time figure (overtime is paid on top, not by moving the floor).
 *
 * The product is rounded to a millionth of a rouble before rounding up, so binary
 * floating-point noise (10 250 × 1.1 = 11 275.000000000002) never adds a rouble.
 */
export function wageFloorRub(input: WageFloorInput): number {
  const mrot = positive(input.mrotRub, 'mrotRub');
  const coefficient = positive(input.regionalCoefficient, 'regionalCoefficient');
  const hours = positive(input.hoursPerWeek, 'hoursPerWeek');
  const fullTime = positive(input.fullTimeHours ?? DEFAULT_FULL_TIME_HOURS_PER_WEEK, 'fullTimeHours');
  const exact = mrot * coefficient * Math.min(hours / fullTime, 1);
  return Math.ceil(Math.round(exact * 1e6) / 1e6);
}

export interface WageFloorCheck {
  /** The offered monthly wage in roubles. */
  monthlyWageRub: number;
  hoursPerWeek: number;
  mrotRub: number;
  regionalCoefficient: number;
  /** The year whose МРОТ applies (named in the message). */
  year: number;
  fullTimeHours?: number;
}

export interface WageBelowFloor {
  code: 'WAGE_BELOW_FLOOR';
  field: 'monthlyWageRub';
  message: string;
  floorRub: number;
}

/** 31157 → '31 157 ₽' (thousands grouped with a space, as written in Russia). */
const rub = (n: number) => `${Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ' ') : n} ₽`;

/** null when the wage is at or above the floor; otherwise the problem naming the floor and the year. */
export function wageFloorProblem(input: WageFloorCheck): WageBelowFloor | null {
  if (!Number.isFinite(input.monthlyWageRub)) throw new RangeError(`monthlyWageRub must be a number, got ${input.monthlyWageRub}`);
  const fullTime = input.fullTimeHours ?? DEFAULT_FULL_TIME_HOURS_PER_WEEK;
  const floorRub = wageFloorRub({ ...input, fullTimeHours: fullTime });
  if (input.monthlyWageRub >= floorRub) return null;
  const basis =
    input.hoursPerWeek < fullTime
      ? `МРОТ ${input.year} of ${rub(input.mrotRub)} × regional coefficient ${input.regionalCoefficient}, ` +
        `prorated for ${input.hoursPerWeek} of ${fullTime} hours a week`
      : `МРОТ ${input.year} of ${rub(input.mrotRub)} × regional coefficient ${input.regionalCoefficient}`;
  return {
    code: 'WAGE_BELOW_FLOOR',
    field: 'monthlyWageRub',
    message: `must be at least the ${input.year} wage floor of ${rub(floorRub)} a month (${basis}); got ${rub(input.monthlyWageRub)}`,
    floorRub,
  };
}
