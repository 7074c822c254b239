import { addWorkingDays, assessNotification, NotificationInput } from './contract-notification.rules';

describe('addWorkingDays', () => {
  it.each([
    ['2026-05-04', 3, [], '2026-05-07'], // Monday → Thursday
    ['2026-05-01', 3, [], '2026-05-06'], // Friday → over the weekend to Wednesday
    ['2026-05-06', 3, [], '2026-05-11'], // Wednesday → Monday
    ['2026-05-09', 3, [], '2026-05-13'], // from a Saturday: Monday is the first working day
    ['2026-05-10', 1, [], '2026-05-11'], // from a Sunday
    ['2026-05-04', 0, [], '2026-05-04'],
    ['2026-05-06', 3, ['2026-05-11'], '2026-05-12'], // a holiday on Monday is skipped
    ['2026-12-30', 3, [], '2027-01-04'], // across the year, weekends only
    ['2026-12-30', 3, ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'], '2027-01-12'],
    ['2028-02-28', 2, [], '2028-03-01'], // leap year: 28 Feb is a Monday, 29 Feb exists
  ])('%s + %i working days (holidays %j) → %s', (from, days, holidays, due) =>
    expect(addWorkingDays(from, days, holidays)).toBe(due));

  it.each([
    ['2026-02-30', 3],
    ['04.05.2026', 3],
    ['2026-05-04', -1],
    ['2026-05-04', 1.5],
  ])('refuses %s + %s', (from, days) => expect(() => addWorkingDays(from, days)).toThrow(RangeError));
});

describe('assessNotification', () => {
  const base: NotificationInput = { kind: 'CONCLUSION', notifiedOn: '2026-05-05', startDate: '2026-05-04', endDate: null, today: '2026-06-01' };

  it.each<[string, Partial<NotificationInput>, { dueOn: string; late: boolean; codes: string[] }]>([
    ['on time, the next day', {}, { dueOn: '2026-05-07', late: false, codes: [] }],
    ['on the contract day itself', { notifiedOn: '2026-05-04' }, { dueOn: '2026-05-07', late: false, codes: [] }],
    ['on the last day', { notifiedOn: '2026-05-07' }, { dueOn: '2026-05-07', late: false, codes: [] }],
    ['a day late', { notifiedOn: '2026-05-08' }, { dueOn: '2026-05-07', late: true, codes: [] }],
    ['before the contract', { notifiedOn: '2026-05-03' }, { dueOn: '2026-05-07', late: false, codes: ['NOTICE_BEFORE_CONTRACT_DATE'] }],
    ['in the future', { notifiedOn: '2026-06-02' }, { dueOn: '2026-05-07', late: true, codes: ['NOTICE_IN_FUTURE'] }],
    ['today', { notifiedOn: '2026-06-01' }, { dueOn: '2026-05-07', late: true, codes: [] }],
    ['termination counts from the end date', { kind: 'TERMINATION', endDate: '2026-05-29', notifiedOn: '2026-06-01' }, { dueOn: '2026-06-03', late: false, codes: [] }],
    ['termination before the end date', { kind: 'TERMINATION', endDate: '2026-05-29', notifiedOn: '2026-05-20' }, { dueOn: '2026-06-03', late: false, codes: ['NOTICE_BEFORE_CONTRACT_DATE'] }],
    ['holidays move the deadline', { notifiedOn: '2026-05-08', holidays: ['2026-05-06'] }, { dueOn: '2026-05-08', late: false, codes: [] }],
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
