import { buildCalendar } from '../deadlines/calendar.rules';
import { SEED_CALENDARS } from '../reference/calendar.data';
import { assessNotification, NotificationInput, noticeDueOn } from './contract-notification.rules';

/** Weekends only, so that the rows below read plainly; the production calendar's own days are tested at the end. */
const weekends = buildCalendar([2026, 2027], []);
const production = buildCalendar(
  SEED_CALENDARS.map((c) => c.year),
  SEED_CALENDARS.flatMap((c) => c.days),
);

describe('assessNotification', () => {
  const base: NotificationInput = {
    kind: 'CONCLUSION',
    notifiedOn: '2026-05-05',
    startDate: '2026-05-04',
    endDate: null,
    today: '2026-06-01',
    calendar: weekends,
  };

  it.each<[string, Partial<NotificationInput>, { dueOn: string; late: boolean; codes: string[] }]>([
    ['on time, the next day', {}, { dueOn: '2026-05-07', late: false, codes: [] }],
    ['on the contract day itself', { notifiedOn: '2026-05-04' }, { dueOn: '2026-05-07', late: false, codes: [] }],
    ['on the last day', { notifiedOn: '2026-05-07' }, { dueOn: '2026-05-07', late: false, codes: [] }],
    ['a day late', { notifiedOn: '2026-05-08' }, { dueOn: '2026-05-07', late: true, codes: [] }],
    ['before the contract', { notifiedOn: '2026-05-03' }, { dueOn: '2026-05-07', late: false, codes: ['NOTICE_BEFORE_CONTRACT_DATE'] }],
    ['in the future', { notifiedOn: '2026-06-02' }, { dueOn: '2026-05-07', late: true, codes: ['NOTICE_IN_FUTURE'] }],
    ['today', { notifiedOn: '2026-06-01' }, { dueOn: '2026-05-07', late: true, codes: [] }],
    [
      'termination counts from the end date',
      { kind: 'TERMINATION', endDate: '2026-05-29', notifiedOn: '2026-06-01' },
      { dueOn: '2026-06-03', late: false, codes: [] },
    ],
    [
      'termination before the end date',
      { kind: 'TERMINATION', endDate: '2026-05-29', notifiedOn: '2026-05-20' },
      { dueOn: '2026-06-03', late: false, codes: ['NOTICE_BEFORE_CONTRACT_DATE'] },
    ],
    [
      'holidays move the deadline',
      { notifiedOn: '2026-05-08', calendar: buildCalendar([2026], [{ date: '2026-05-06', working: false }]) },
      { dueOn: '2026-05-08', late: false, codes: [] },
    ],
  ])('%s', (_name, change, expected) => {
    const r = assessNotification({ ...base, ...change });
    expect({ dueOn: r.dueOn, late: r.late, codes: r.problems.map((p) => p.code) }).toEqual(expected);
  });

  it('lists both problems together', () => {
    const r = assessNotification({ ...base, startDate: '2026-07-01', notifiedOn: '2026-06-20', today: '2026-06-10' });
    expect(r.problems.map((p) => p.code)).toEqual(['NOTICE_BEFORE_CONTRACT_DATE', 'NOTICE_IN_FUTURE']);
  });

  it('a termination needs the end date', () => {
    expect(() => assessNotification({ ...base, kind: 'TERMINATION' })).toThrow(RangeError);
  });
});

describe('noticeDueOn with the production calendar', () => {
  it.each([
    ['2026-05-06', '2026-05-12'], // Victory Day moved to Monday 11 May
    ['2026-06-10', '2026-06-16'], // 12 June
    ['2026-12-29', '2027-01-12'], // 30 December, then 31 December and the New Year holidays off, 11 and 12 January
    ['2025-10-29', '2025-11-01'], // a working Saturday counts
  ])('a contract of %s: notice due %s', (contract, due) => expect(noticeDueOn(production, contract)).toBe(due));

  it('refuses a date in a year with no calendar', () => expect(() => noticeDueOn(production, '2029-01-10')).toThrow(/2029/));
});
