import { SEED_CALENDARS } from '../reference/calendar.data';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  buildCalendar,
  CalendarYearMissing,
  differsFromWeek,
  isIsoDay,
  isWorkingDay,
  periodEnd,
  PeriodUnit,
} from './calendar.rules';

const calendar = buildCalendar(
  SEED_CALENDARS.map((c) => c.year),
  SEED_CALENDARS.flatMap((c) => c.days),
);

const workingDaysIn = (year: number) => {
  let n = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    if (isWorkingDay(calendar, d.toISOString().slice(0, 10))) n += 1;
  }
  return n;
};

describe('the seeded production calendars', () => {
  it.each([
    [2025, 247],
    [2026, 247],
  ])('%i has %i working days, as its decree says', (year, days) => {
    expect(workingDaysIn(year)).toBe(days);
  });

  it('holds only days that differ from the Monday–Friday week', () => {
    for (const c of SEED_CALENDARS) for (const d of c.days) expect([c.year, d.date, differsFromWeek(d)]).toEqual([c.year, d.date, true]);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-12-31', false, 'New Year’s Eve 2025, moved day off'],
    ['2026-01-09', false, 'moved from Saturday 3 January'],
    ['2026-01-12', true, 'the first working day of 2026'],
    ['2025-11-01', true, 'working Saturday'],
    ['2026-05-11', false, 'Victory Day moved from Saturday'],
    ['2026-06-12', false, 'Russia Day'],
    ['2026-11-04', false, 'Unity Day'],
    ['2026-11-05', true, 'a plain Thursday'],
    ['2026-11-07', false, 'a plain Saturday'],
  ])('%s → %s (%s)', (day, working) => {
    expect(isWorkingDay(calendar, day)).toBe(working);
  });

  it('refuses a year no calendar was entered for, naming it', () => {
    expect(() => isWorkingDay(calendar, '2028-03-01')).toThrow(CalendarYearMissing);
    expect(() => isWorkingDay(calendar, '2028-03-01')).toThrow(/2028/);
  });
});

describe('addWorkingDays: the Nth working day after the event’s day', () => {
  it.each([
    ['2026-03-02', 3, '2026-03-05', 'Monday + 3 → Thursday'],
    ['2026-03-05', 3, '2026-03-11', 'over a weekend and 9 March'],
    ['2025-12-29', 3, '2026-01-13', 'across the New Year: 30 Dec, 12 Jan, 13 Jan'],
    ['2025-12-30', 1, '2026-01-12', '31 Dec 2025 and 1–11 Jan 2026 are off'],
    ['2026-04-29', 7, '2026-05-12', 'the May holidays'],
    ['2026-06-10', 3, '2026-06-16', '12 June'],
    ['2026-11-02', 3, '2026-11-06', '4 November'],
    ['2025-10-30', 2, '2025-11-01', 'a working Saturday counts'],
    ['2026-01-03', 0, '2026-01-03', 'zero days is the day itself'],
    ['2026-12-28', 3, '2027-01-11', 'into 2027 (seeded, to verify)'],
  ])('%s + %i → %s (%s)', (from, n, due) => {
    expect(addWorkingDays(calendar, from, n)).toBe(due);
  });

  it('refuses to count into a year with no calendar', () => {
    expect(() => addWorkingDays(calendar, '2027-12-29', 3)).toThrow(CalendarYearMissing);
  });

  it.each([-1, 1.5, NaN])('refuses %p days', (n) => {
    expect(() => addWorkingDays(calendar, '2026-03-02', n)).toThrow(RangeError);
  });
});

describe('addCalendarDays: not moved off a day off', () => {
  it.each([
    ['2026-01-01', 7, '2026-01-08'],
    ['2026-02-20', 30, '2026-03-22'],
    ['2026-12-25', 15, '2027-01-09'],
    ['2028-02-20', 10, '2028-03-01'],
  ])('%s + %i days → %s', (from, n, due) => {
    expect(addCalendarDays(from, n)).toBe(due);
  });
});

describe('addMonths: the same day number, or the month’s last day', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-15', 2, '2026-05-15'],
    ['2026-11-30', 2, '2027-01-30'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-05-31', -1, '2026-04-30'],
  ])('%s + %i months → %s', (from, n, due) => {
    expect(addMonths(from, n)).toBe(due);
  });
});

describe('periodEnd', () => {
  it.each<[string, number, PeriodUnit, string]>([
    ['2026-03-05', 7, 'WORKING_DAYS', '2026-03-17'],
    ['2026-03-05', 15, 'DAYS', '2026-03-20'],
    ['2026-03-05', 2, 'MONTHS', '2026-05-05'],
  ])('%s + %i %s → %s', (from, n, unit, due) => {
    expect(periodEnd(calendar, from, n, unit)).toBe(due);
  });

  it.each(['2026-02-30', '2026-2-01', 'tomorrow', ''])('refuses the malformed day %p', (day) => {
    expect(isIsoDay(day)).toBe(false);
    expect(() => addCalendarDays(day, 1)).toThrow(RangeError);
  });
});
