import { DEFAULT_FULL_TIME_HOURS_PER_WEEK, wageFloorProblem, wageFloorRub } from './wage-floor.rules';

// Test data only: the live figures are reference data in admin tables (*verify*).
const MROT_2025_RUB = 22_440;
const MROT_2026_RUB = 27_093;
const OMSK_COEFFICIENT = 1.15;

describe('wageFloorRub', () => {
  it('defaults to a 40-hour full-time week', () => {
    expect(DEFAULT_FULL_TIME_HOURS_PER_WEEK).toBe(40);
  });

  it.each([
    ['full time, Omsk 2026', MROT_2026_RUB, OMSK_COEFFICIENT, 40, undefined, 31_157], // 31 156.95 rounded up
    ['full time, Omsk 2025', MROT_2025_RUB, OMSK_COEFFICIENT, 40, undefined, 25_806], // exactly 25 806
    ['no coefficient', MROT_2026_RUB, 1, 40, undefined, 27_093],
    ['part time 20 h is half', MROT_2026_RUB, OMSK_COEFFICIENT, 20, undefined, 15_579], // 15 578.475
    ['part time 20 h, round figures', 20_000, 1, 20, undefined, 10_000],
    ['part time 30 h', 20_000, 1.15, 30, undefined, 17_250],
    ['part time 35 h', 16_000, 1.15, 35, undefined, 16_100],
    ['48 h is not above full time', MROT_2026_RUB, OMSK_COEFFICIENT, 48, undefined, 31_157],
    ['60 h is not above full time', 20_000, 1, 60, undefined, 20_000],
    ['a 36-hour full-time week', 20_000, 1, 18, 36, 10_000],
    ['float noise never adds a rouble', 10_250, 1.1, 40, undefined, 11_275], // 11 275.000000000002 in binary
    ['fractions round up', 10_001, 1, 20, undefined, 5_001], // 5 000.5
  ])('%s', (_name, mrotRub, regionalCoefficient, hoursPerWeek, fullTimeHours, expected) => {
    expect(wageFloorRub({ mrotRub, regionalCoefficient, hoursPerWeek, fullTimeHours })).toBe(expected);
  });

  it.each([
    ['mrotRub', { mrotRub: 0 }],
    ['regionalCoefficient', { regionalCoefficient: -1 }],
    ['hoursPerWeek', { hoursPerWeek: 0 }],
    ['hoursPerWeek', { hoursPerWeek: NaN }],
    ['fullTimeHours', { fullTimeHours: 0 }],
  ])('refuses a bad %s', (field, override) => {
    expect(() => wageFloorRub({ mrotRub: 20_000, regionalCoefficient: 1.15, hoursPerWeek: 40, ...override })).toThrow(new RegExp(field));
  });
});

describe('wageFloorProblem', () => {
  const omsk2026 = { mrotRub: MROT_2026_RUB, regionalCoefficient: OMSK_COEFFICIENT, year: 2026 };

  it.each([
    ['exactly the floor', 31_157, 40, null],
    ['floor + 1', 31_158, 40, null],
    ['floor − 1', 31_156, 40, 31_157],
    ['the bare МРОТ without the coefficient', MROT_2026_RUB, 40, 31_157],
    ['zero', 0, 40, 31_157],
    ['part time at its prorated floor', 15_579, 20, null],
    ['part time one rouble short', 15_578, 20, 15_579],
    ['long week, full-time floor suffices', 31_157, 50, null],
    ['long week, one rouble short', 31_156, 50, 31_157],
  ])('%s', (_name, monthlyWageRub, hoursPerWeek, floor) => {
    const problem = wageFloorProblem({ ...omsk2026, monthlyWageRub, hoursPerWeek });
    if (floor === null) expect(problem).toBeNull();
    else expect(problem).toEqual({ code: 'WAGE_BELOW_FLOOR', field: 'monthlyWageRub', floorRub: floor, message: expect.any(String) });
  });

  it('names the floor and the year', () => {
    const problem = wageFloorProblem({ ...omsk2026, monthlyWageRub: 30_000, hoursPerWeek: 40 });
    expect(problem?.message).toContain('31 157 ₽');
    expect(problem?.message).toContain('2026');
    expect(problem?.message).toContain('1.15');
    expect(problem?.message).toContain('30 000 ₽');
  });

  it('says when the floor is prorated', () => {
    const problem = wageFloorProblem({ ...omsk2026, monthlyWageRub: 10_000, hoursPerWeek: 20 });
    expect(problem?.message).toContain('15 579 ₽');
    expect(problem?.message).toContain('prorated for 20 of 40 hours');
  });

  it('uses the year given, whatever the figures', () => {
    const problem = wageFloorProblem({ mrotRub: MROT_2025_RUB, regionalCoefficient: OMSK_COEFFICIENT, year: 2025, monthlyWageRub: 25_805, hoursPerWeek: 40 });
    expect(problem?.floorRub).toBe(25_806);
    expect(problem?.message).toContain('2025');
  });

  it('refuses a wage that is not a number', () => {
    expect(() => wageFloorProblem({ ...omsk2026, monthlyWageRub: NaN, hoursPerWeek: 40 })).toThrow(RangeError);
  });
});
