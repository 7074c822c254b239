import { addDays } from '../workers/documents/patent.rules';
import {
  RegionalBan,
  RequestBanInput,
  activityCodeMissingProblem,
  activityMatches,
  banProblems,
  isOkvedCode,
  mayBringPatentHolders,
  placementBanProblem,
} from './regional-ban.rules';

// Test data shaped like the Omsk lists (titles and codes illustrative, not the real decrees).
const FIRST: RegionalBan = {
  id: 'ban-2025',
  title: 'Decree No. 1 of 2025',
  activityCodes: ['49.3', '47'],
  effectiveFrom: '2025-03-01',
  effectiveTo: '2026-02-28',
};
const EXTENDED: RegionalBan = {
  id: 'ban-2026',
  title: 'Decree No. 2 of 2026',
  activityCodes: ['49.3', '47', '41.2'],
  effectiveFrom: '2026-03-01',
  effectiveTo: null,
};
const BANS = [EXTENDED, FIRST];

describe('isOkvedCode', () => {
  it.each(['47', '47.1', '47.11', '47.11.1', '47.11.11', '01.13', ' 49.31 '])('%s is a code', (c) => expect(isOkvedCode(c)).toBe(true));
  it.each(['471', '4', '47.', '47.1.1', '47.111', '47.11.111', 'AB.11', '', '47,11'])('%s is not', (c) => expect(isOkvedCode(c)).toBe(false));
});

describe('activityMatches', () => {
  it.each([
    ['47.11', '47', true],
    ['47', '47', true],
    ['47.11.2', '47', true],
    ['471', '47', false],
    ['49.31', '49.3', true],
    ['49.31.21', '49.3', true],
    ['49.3', '49.3', true],
    ['49.41', '49.3', false],
    ['49.2', '49.3', false],
    ['49', '49.3', false], // the wider class is not inside the banned subclass
    ['47.1', '47.11', false],
    ['04.11', '47', false],
    ['74.11', '47', false],
    ['41.20', '41.2', true],
    ['41.10', '41.2', false],
    [' 47.11 ', '47', true],
    ['47.11', 'garbage', false],
  ])('%s in %s: %s', (code, prefix, expected) => expect(activityMatches(code, prefix)).toBe(expected));
});

describe('banProblems', () => {
  const base = { activityCode: '49.31', citizenships: ['UZ'], bans: BANS };
  const banIds = (periodFrom: string, periodTo: string, extra: Partial<RequestBanInput> = {}) =>
    banProblems({ ...base, periodFrom, periodTo, ...extra }).map((p) => p.banId);

  it.each([
    ['ends the day before the first ban starts', '2025-01-01', addDays(FIRST.effectiveFrom, -1), []],
    ['ends on the day the first ban starts', '2025-01-01', FIRST.effectiveFrom, ['ban-2025']],
    ['starts on the first ban’s last day', FIRST.effectiveTo!, FIRST.effectiveTo!, ['ban-2025']],
    ['starts on the first ban’s last day, runs into the open-ended one', FIRST.effectiveTo!, '2026-06-30', ['ban-2025', 'ban-2026']],
    ['inside the open-ended ban, years later', '2030-01-01', '2030-12-31', ['ban-2026']],
    ['a single day inside a ban', '2025-07-01', '2025-07-01', ['ban-2025']],
    ['surrounds a ban', '2024-01-01', '2025-12-31', ['ban-2025']],
  ])('%s', (_name, periodFrom, periodTo, expected) => expect(banIds(periodFrom, periodTo)).toEqual(expected));

  it('a closed ban no longer refuses once over', () => {
    const closed = { ...EXTENDED, effectiveTo: '2026-12-31' };
    expect(banIds(addDays('2026-12-31', 1), '2027-06-30', { bans: [closed] })).toEqual([]);
    expect(banIds('2026-12-31', '2027-06-30', { bans: [closed] })).toEqual(['ban-2026']);
  });

  it.each([
    ['EAEU citizens only', ['KG', 'KZ'], []],
    ['visa-regime citizens only', ['CN'], []],
    ['one patent citizenship among others', ['KG', 'TJ'], ['ban-2026']],
    ['no preference: patent holders could be sent', [], ['ban-2026']],
    ['lower case codes', ['uz'], ['ban-2026']],
  ])('%s', (_name, citizenships, expected) => expect(banIds('2026-04-01', '2026-09-30', { citizenships })).toEqual(expected));

  it('a sector outside the bans is fine', () => {
    expect(banIds('2026-04-01', '2026-09-30', { activityCode: '01.13' })).toEqual([]);
    expect(banIds('2026-04-01', '2026-09-30', { activityCode: '41.10' })).toEqual([]);
  });

  it('a sector added by the extension is fine before it', () => {
    expect(banIds('2025-04-01', '2026-02-28', { activityCode: '41.20' })).toEqual([]);
    expect(banIds('2025-04-01', '2026-03-01', { activityCode: '41.20' })).toEqual(['ban-2026']);
  });

  it('follows the country lists passed in', () => {
    expect(banIds('2026-04-01', '2026-09-30', { citizenships: ['UZ'], regimes: { visaFree: ['TJ'] } })).toEqual([]);
  });

  it('names the ban, its dates and why it applies', () => {
    const [closedProblem] = banProblems({ ...base, periodFrom: '2025-05-01', periodTo: '2025-06-30', citizenships: ['UZ', 'TJ', 'uz'] });
    expect(closedProblem).toEqual({
      code: 'REGIONAL_BAN',
      field: 'activityCode',
      banId: 'ban-2025',
      title: 'Decree No. 1 of 2025',
      effectiveFrom: '2025-03-01',
      effectiveTo: '2026-02-28',
      message: expect.any(String),
    });
    expect(closedProblem.message).toContain('"Decree No. 1 of 2025"');
    expect(closedProblem.message).toContain('from 2025-03-01 to 2026-02-28');
    expect(closedProblem.message).toContain('49.31');
    expect(closedProblem.message).toContain('UZ, TJ');

    const [openProblem] = banProblems({ ...base, periodFrom: '2026-05-01', periodTo: '2026-06-30', citizenships: [] });
    expect(openProblem.message).toContain('in force from 2026-03-01');
    expect(openProblem.message).not.toContain(' to null');
    expect(openProblem.message).toContain('no preferred citizenship');
  });

  it.each([
    ['a malformed period date', { periodFrom: '2026-02-30' }],
    ['a reversed period', { periodFrom: '2026-05-01', periodTo: '2026-04-30' }],
    ['a malformed activity code', { activityCode: '4931' }],
    ['a ban ending before it starts', { bans: [{ ...FIRST, effectiveTo: '2025-02-01' }] }],
    ['a ban with a malformed date', { bans: [{ ...FIRST, effectiveFrom: '1 March 2025' }] }],
    ['a ban with a malformed code', { bans: [{ ...FIRST, activityCodes: ['49 3'] }] }],
  ])('throws on %s', (_name, override) => {
    expect(() => banProblems({ ...base, periodFrom: '2026-04-01', periodTo: '2026-09-30', ...override })).toThrow(RangeError);
  });
});

describe('placementBanProblem', () => {
  const base = { activityCode: '47.11', citizenship: 'UZ', bans: BANS };

  it.each([
    ['the day before the first ban', addDays(FIRST.effectiveFrom, -1), null],
    ['the first ban’s first day', FIRST.effectiveFrom, 'ban-2025'],
    ['the first ban’s last day', FIRST.effectiveTo!, 'ban-2025'],
    ['the extension’s first day', addDays(FIRST.effectiveTo!, 1), 'ban-2026'],
    ['long after, the open-ended ban', '2031-01-15', 'ban-2026'],
  ])('a patent holder starting %s', (_name, startDate, banId) => {
    expect(placementBanProblem({ ...base, startDate })?.banId ?? null).toBe(banId);
  });

  it.each([
    ['KG', null],
    ['BY', null],
    ['CN', null],
    ['TJ', 'ban-2026'],
    ['az', 'ban-2026'],
  ])('citizen of %s', (citizenship, banId) => {
    expect(placementBanProblem({ ...base, citizenship, startDate: '2026-04-01' })?.banId ?? null).toBe(banId);
  });

  it('an activity outside the bans is fine', () => {
    expect(placementBanProblem({ ...base, activityCode: '10.11', startDate: '2026-04-01' })).toBeNull();
  });

  it('names the worker’s citizenship, the date and the ban', () => {
    const problem = placementBanProblem({ ...base, startDate: '2026-04-01' });
    expect(problem).toMatchObject({ code: 'REGIONAL_BAN', field: 'startDate', title: 'Decree No. 2 of 2026', effectiveTo: null });
    expect(problem?.message).toContain('UZ');
    expect(problem?.message).toContain('2026-04-01');
    expect(problem?.message).toContain('"Decree No. 2 of 2026", in force from 2026-03-01');
  });

  it('throws on a malformed start date', () => {
    expect(() => placementBanProblem({ ...base, startDate: '2026-13-01' })).toThrow(RangeError);
  });
});

describe('mayBringPatentHolders', () => {
  it.each([
    [['UZ'], true],
    [['KG'], false],
    [['KG', 'TJ'], true],
    [['KG', 'KZ'], false],
    [['US'], false], // visa regime
    [[], true], // no preference: anyone may be sent
  ])('%j → %s', (citizenships, expected) => expect(mayBringPatentHolders(citizenships)).toBe(expected));
});

describe('activityCodeMissingProblem', () => {
  const input = (activityCode: string | null, citizenships: string[], periodFrom = '2026-04-01', periodTo = '2026-10-31', bans: RegionalBan[] = BANS) => ({
    activityCode,
    citizenships,
    periodFrom,
    periodTo,
    bans,
  });

  it.each([
    ['no code, patent-regime citizenship, a ban in force', input(null, ['UZ']), ['ban-2026']],
    ['no code, no preference', input(null, []), ['ban-2026']],
    ['no code, EAEU and patent mixed', input(null, ['KG', 'TJ']), ['ban-2026']],
    ['an empty code is no code', input('  ', ['UZ']), ['ban-2026']],
    ['no code, across both lists', input(null, ['UZ'], '2026-02-01', '2026-03-31'), ['ban-2025', 'ban-2026']],
    ['no code, EAEU only', input(null, ['KG', 'KZ']), null],
    ['no code, visa regime only', input(null, ['US']), null],
    ['no code, no ban in force in the period', input(null, ['UZ'], '2024-04-01', '2024-10-31'), null],
    ['no code, no bans at all', input(null, ['UZ'], '2026-04-01', '2026-10-31', []), null],
    ['a code: banProblems checks it', input('41.20', ['UZ']), null],
  ] as const)('%s', (_name, i, banIds) => {
    const problem = activityCodeMissingProblem({ ...i, citizenships: [...i.citizenships] });
    if (banIds === null) expect(problem).toBeNull();
    else
      expect(problem).toEqual({
        code: 'ACTIVITY_CODE_MISSING',
        field: 'employerId',
        banIds: [...banIds].sort(),
        message: expect.stringContaining('no main activity code'),
      });
  });

  it('refuses a malformed period like banProblems', () => {
    expect(() => activityCodeMissingProblem(input(null, ['UZ'], '2026-02-30', '2026-03-01'))).toThrow(RangeError);
  });
});
