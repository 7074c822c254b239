/**
 * Date arithmetic of legal periods over the Russian production calendar (docs/domain.md,
 * "Counting periods"). Pure: days are ISO strings (YYYY-MM-DD) on whole UTC days; the calendar is
 * passed in. Every due date in the system is computed here.
 */
import { addMonths as addCalendarMonths, isIsoDate } from '../workers/document.rules';

/** The days of some years that differ from Monday–Friday work, and which years are known. */
export interface ProductionCalendar {
  years: ReadonlySet<number>;
  /** date → working: `false` for a holiday or moved day off on a weekday, `true` for a working Saturday or Sunday. */
  exceptions: ReadonlyMap<string, boolean>;
}

export interface CalendarDayInput {
  date: string;
  working: boolean;
}

/** A date fell in a year no calendar was entered for: never guess. */
export class CalendarYearMissing extends RangeError {
  constructor(readonly year: number) {
    super(`The production calendar of ${year} has not been entered; an administrator must enter it (PUT /reference/calendar/${year}).`);
    this.name = 'CalendarYearMissing';
  }
}

/** A real day written YYYY-MM-DD (2026-02-30 is not): the project's one check of that. */
export const isIsoDay = isIsoDate;

function parse(iso: string): Date {
  if (!isIsoDay(iso)) throw new RangeError(`not an ISO day (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return new Date(`${iso}T00:00:00Z`);
}

const format = (d: Date) => d.toISOString().slice(0, 10);

export function buildCalendar(years: Iterable<number>, days: Iterable<CalendarDayInput>): ProductionCalendar {
  return { years: new Set(years), exceptions: new Map([...days].map((d) => [d.date, d.working])) };
}

/** Whether the day is a working day; throws CalendarYearMissing outside the calendar's years. */
export function isWorkingDay(calendar: ProductionCalendar, iso: string): boolean {
  const day = parse(iso);
  const year = day.getUTCFullYear();
  if (!calendar.years.has(year)) throw new CalendarYearMissing(year);
  const exception = calendar.exceptions.get(iso);
  if (exception !== undefined) return exception;
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether a day entry changes anything: a working weekday or a day-off weekend says nothing. */
export function differsFromWeek(day: CalendarDayInput): boolean {
  const weekday = parse(day.date).getUTCDay();
  return day.working === (weekday === 0 || weekday === 6);
}

/** "N working days after an event": the Nth working day after the event's day (N ≥ 1; 0 is the day itself). */
export function addWorkingDays(calendar: ProductionCalendar, iso: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a number of working days must be a whole number ≥ 0, got ${n}`);
  const day = parse(iso);
  for (let left = n; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(calendar, format(day))) left -= 1;
  }
  return format(day);
}

/** "N days after an event": N calendar days later, not moved off a weekend or holiday. */
export function addCalendarDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`a number of days must be a whole number, got ${n}`);
  const day = parse(iso);
  day.setUTCDate(day.getUTCDate() + n);
  return format(day);
}

/** "N months after an event": the same day number N months later, or that month's last day (document.rules.ts). */
export const addMonths = addCalendarMonths;

export type PeriodUnit = 'WORKING_DAYS' | 'DAYS' | 'MONTHS';

/** The end of a period of `n` units after `iso`, by the conventions above. */
export function periodEnd(calendar: ProductionCalendar, iso: string, n: number, unit: PeriodUnit): string {
  switch (unit) {
    case 'WORKING_DAYS':
      return addWorkingDays(calendar, iso, n);
    case 'DAYS':
      return addCalendarDays(iso, n);
    case 'MONTHS':
      return addMonths(iso, n);
  }
}
