import { DEFAULT_LEADS, leadDue, localDay, normaliseLeads } from './reminders.rules';

describe('leadDue: the latest lead whose day has come', () => {
  it.each<[string, string, number | null, string]>([
    ['2026-03-31', '2026-03-16', null, 'fifteen days ahead: nothing yet'],
    ['2026-03-31', '2026-03-17', 14, 'fourteen days ahead'],
    ['2026-03-31', '2026-03-20', 14, 'eleven days ahead: still the 14-day reminder (sent once)'],
    ['2026-03-31', '2026-03-24', 7, 'seven days ahead'],
    ['2026-03-31', '2026-03-29', 3, 'two days ahead, after a downtime: the 3-day one, not 14 and 7 as well'],
    ['2026-03-31', '2026-03-30', 1, 'the day before'],
    ['2026-03-31', '2026-03-31', 0, 'on the day'],
    ['2026-03-31', '2026-04-01', null, 'the day after: missed, not reminded'],
  ])('due %s, today %s → %p (%s)', (due, today, lead) => {
    expect(leadDue(due, today, DEFAULT_LEADS)).toBe(lead);
  });

  it('with leads 10 and 2 only', () => {
    expect(leadDue('2026-03-31', '2026-03-25', [10, 2])).toBe(10);
    expect(leadDue('2026-03-31', '2026-03-31', [10, 2])).toBe(2);
  });
});

describe('localDay', () => {
  it.each([
    ['2026-03-16T17:59:00Z', '2026-03-16'],
    ['2026-03-16T18:00:00Z', '2026-03-17'], // midnight in Omsk (UTC+6)
  ])('%s is %s in Omsk', (instant, day) => {
    expect(localDay(new Date(instant), 'Asia/Omsk')).toBe(day);
  });
});

describe('normaliseLeads', () => {
  it.each([
    [
      [0, 14, 7],
      [14, 7, 0],
    ],
    [[], null],
    [[3, 3], null],
    [[-1], null],
    [[1.5], null],
    [[400], null],
  ])('%j → %j', (days, expected) => {
    expect(normaliseLeads(days)).toEqual(expected);
  });
});
