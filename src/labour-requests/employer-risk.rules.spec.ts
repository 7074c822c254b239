import { buildCalendar } from '../deadlines/calendar.rules';
import { missingContractNotifications, missingNotices, NoticePlacement } from './employer-risk.rules';

const weekends = buildCalendar([2026, 2027], []);

const placement = (startDate: string, o: Partial<NoticePlacement> = {}): NoticePlacement => ({ startDate, endDate: null, ended: false, notices: [], ...o });

describe('missingNotices', () => {
  // 2026-04-01 is a Wednesday: the CONCLUSION notice is due on Monday 2026-04-06
  it.each([
    ['started today', placement('2026-04-01'), '2026-04-01', []],
    ['on the due date: not yet missing', placement('2026-04-01'), '2026-04-06', []],
    ['the day after the due date', placement('2026-04-01'), '2026-04-07', ['CONCLUSION']],
    ['the weekend does not count', placement('2026-04-01'), '2026-04-05', []],
    ['made (even late): not missing', placement('2026-04-01', { notices: ['CONCLUSION'] }), '2026-06-01', []],
    ['ended, no notice at all', placement('2026-04-01', { ended: true, endDate: '2026-05-04' }), '2026-05-08', ['CONCLUSION', 'TERMINATION']],
    ['ended, termination due that day', placement('2026-04-01', { ended: true, endDate: '2026-05-04', notices: ['CONCLUSION'] }), '2026-05-07', []],
    ['ended, termination overdue', placement('2026-04-01', { ended: true, endDate: '2026-05-04', notices: ['CONCLUSION'] }), '2026-05-08', ['TERMINATION']],
    ['ended, both made', placement('2026-04-01', { ended: true, endDate: '2026-05-04', notices: ['TERMINATION', 'CONCLUSION'] }), '2027-01-01', []],
    ['an end date still ahead is not an ending', placement('2026-04-01', { endDate: '2026-05-04', notices: ['CONCLUSION'] }), '2026-06-01', []],
    ['starts in the future', placement('2026-12-01'), '2026-04-01', []],
  ] as const)('%s', (_name, p, today, expected) => {
    expect(missingNotices(p, today, weekends)).toEqual(expected);
  });

  it('holidays move the due date', () => {
    // due 2026-04-06 without holidays; with 2026-04-02 off, due 2026-04-07
    const holiday = buildCalendar([2026], [{ date: '2026-04-02', working: false }]);
    expect(missingNotices(placement('2026-04-01'), '2026-04-07', holiday)).toEqual([]);
    expect(missingNotices(placement('2026-04-01'), '2026-04-08', holiday)).toEqual(['CONCLUSION']);
  });

  it('a due date in a year with no calendar is not counted', () => {
    expect(missingNotices(placement('2029-04-01'), '2029-06-01', weekends)).toEqual([]);
  });
});

describe('missingContractNotifications', () => {
  it('counts every notice missing past its due date', () => {
    const placements = [
      placement('2026-04-01'),
      placement('2026-04-01', { notices: ['CONCLUSION'] }),
      placement('2026-04-01', { ended: true, endDate: '2026-05-04' }),
      placement('2026-12-01'),
    ];
    expect(missingContractNotifications(placements, '2026-06-01', weekends)).toBe(3);
    expect(missingContractNotifications([], '2026-06-01', weekends)).toBe(0);
  });
});
