/**
 * The production calendars seeded at start: the days that differ from Monday–Friday work (public
 * holidays of Labour Code art. 112 on weekdays, days off moved by the government's yearly decree,
 * and Saturdays made working days). An administrator edits them under /reference/calendar/:year;
 * the seed never overwrites a year that exists.
 */
export interface SeedCalendarYear {
  year: number;
  source: string;
  /** True when the figures must still be checked against the decree (docs/domain.md, reference data). */
  verify: boolean;
  days: { date: string; working: boolean; note: string }[];
}

const off = (dates: string[], note: string) => dates.map((date) => ({ date, working: false, note }));
const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(d.toISOString().slice(0, 10)); // weekends are days off anyway
  }
  return out;
};

export const SEED_CALENDARS: SeedCalendarYear[] = [
  {
    year: 2025,
    source: 'Government decree No. 1335 of 04.10.2024 (247 working days)',
    verify: false,
    days: [
      ...off(range('2025-01-01', '2025-01-08'), 'New Year holidays and Christmas'),
      ...off(['2025-05-01', '2025-05-02'], 'Spring and Labour Day; 2 May moved from Saturday 4 January'),
      ...off(['2025-05-08', '2025-05-09'], 'Victory Day; 8 May moved from Sunday 23 February'),
      ...off(['2025-06-12', '2025-06-13'], 'Russia Day; 13 June moved from Saturday 8 March'),
      ...off(['2025-11-03', '2025-11-04'], 'Unity Day; 3 November moved from Saturday 1 November'),
      { date: '2025-11-01', working: true, note: 'working Saturday (its day off moved to 3 November)' },
      ...off(['2025-12-31'], 'moved from Sunday 5 January'),
    ],
  },
  {
    year: 2026,
    source: 'Government decree No. 1466 of 24.09.2025 (247 working days)',
    verify: false,
    days: [
      ...off(range('2026-01-01', '2026-01-09'), 'New Year holidays and Christmas; 9 January moved from Saturday 3 January'),
      ...off(['2026-02-23'], 'Defender of the Fatherland Day'),
      ...off(['2026-03-09'], 'International Women’s Day, moved from Sunday 8 March'),
      ...off(['2026-05-01'], 'Spring and Labour Day'),
      ...off(['2026-05-11'], 'Victory Day, moved from Saturday 9 May'),
      ...off(['2026-06-12'], 'Russia Day'),
      ...off(['2026-11-04'], 'Unity Day'),
      ...off(['2026-12-31'], 'moved from Sunday 4 January'),
    ],
  },
  {
    year: 2027,
    source: 'Labour Code art. 112 only: a holiday on a weekend moves to the next working day; the decree moving the January days off is not entered yet',
    verify: true,
    days: [
      ...off(range('2027-01-01', '2027-01-08'), 'New Year holidays and Christmas'),
      ...off(['2027-02-23'], 'Defender of the Fatherland Day'),
      ...off(['2027-03-08'], 'International Women’s Day'),
      ...off(['2027-05-03'], 'Spring and Labour Day, moved from Saturday 1 May'),
      ...off(['2027-05-10'], 'Victory Day, moved from Sunday 9 May'),
      ...off(['2027-06-14'], 'Russia Day, moved from Saturday 12 June'),
      ...off(['2027-11-04'], 'Unity Day'),
    ],
  },
];
