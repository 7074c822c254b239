import { localWageGapPct, maxDeductionRub, netEstimateRub, offerFloorRub, offerProblems, OfferTerms } from './offer.rules';

const ref = { year: 2026, mrotRub: 27_093, regionalCoefficient: 1.15, fullTimeHours: 40, maxDeductionShare: 0.2 };
const ok: OfferTerms = { monthlyWageRub: 60_000, hoursPerWeek: 40, includesOvertime: false, housingProvided: true, mealsProvided: false, deductionsRub: 5_000 };

describe('offerProblems', () => {
  it.each<[string, Partial<OfferTerms>, string[]]>([
    ['an acceptable offer', {}, []],
    ['exactly the full-time floor (31 157)', { monthlyWageRub: 31_157, deductionsRub: 0 }, []],
    ['one rouble below the floor', { monthlyWageRub: 31_156, deductionsRub: 0 }, ['WAGE_BELOW_FLOOR']],
    ['part time: 20 h prorates the floor to 15 579', { monthlyWageRub: 15_579, hoursPerWeek: 20, deductionsRub: 0 }, []],
    ['part time: 20 h one rouble below', { monthlyWageRub: 15_578, hoursPerWeek: 20, deductionsRub: 0 }, ['WAGE_BELOW_FLOOR']],
    ['41 hours without overtime', { hoursPerWeek: 41 }, ['HOURS_OVER_LIMIT']],
    ['48 hours marked as including overtime', { hoursPerWeek: 48, includesOvertime: true }, []],
    ['40 hours is the limit itself', { hoursPerWeek: 40 }, []],
    ['deductions exactly 20 %', { deductionsRub: 12_000 }, []],
    ['deductions one rouble over 20 %', { deductionsRub: 12_001 }, ['DEDUCTIONS_OVER_SHARE']],
    ['deductions without housing or meals', { housingProvided: false, deductionsRub: 1_000 }, ['DEDUCTIONS_WITHOUT_BENEFIT']],
    ['no deductions, nothing provided', { housingProvided: false, deductionsRub: 0 }, []],
    ['meals alone justify deductions', { housingProvided: false, mealsProvided: true, deductionsRub: 3_000 }, []],
    [
      'below floor, over hours and over the share at once',
      { monthlyWageRub: 30_000, hoursPerWeek: 50, deductionsRub: 9_000 },
      ['WAGE_BELOW_FLOOR', 'HOURS_OVER_LIMIT', 'DEDUCTIONS_OVER_SHARE'],
    ],
    [
      'over the share with nothing provided: both named',
      { housingProvided: false, deductionsRub: 20_000 },
      ['DEDUCTIONS_OVER_SHARE', 'DEDUCTIONS_WITHOUT_BENEFIT'],
    ],
  ])('%s → %j', (_name, change, codes) => {
    expect(offerProblems({ ...ok, ...change }, ref).map((p) => p.code)).toEqual(codes);
  });

  it('names the field and the figures in each message', () => {
    const problems = offerProblems({ ...ok, monthlyWageRub: 30_000, hoursPerWeek: 50, deductionsRub: 9_000 }, ref);
    expect(problems.map((p) => p.field)).toEqual(['monthlyWageRub', 'hoursPerWeek', 'deductionsRub']);
    expect(problems[0].message).toContain('31 157 ₽');
    expect(problems[1].message).toContain('40 hours');
    expect(problems[2].message).toContain('20 %');
  });

  it('takes the share and the week from the reference data', () => {
    expect(offerProblems({ ...ok, deductionsRub: 12_000 }, { ...ref, maxDeductionShare: 0.1 }).map((p) => p.code)).toEqual(['DEDUCTIONS_OVER_SHARE']);
    expect(offerProblems({ ...ok, hoursPerWeek: 40 }, { ...ref, fullTimeHours: 36 }).map((p) => p.code)).toEqual(['HOURS_OVER_LIMIT']);
  });
});

describe('figures', () => {
  it.each([
    [60_000, 0.2, 12_000],
    [50_001, 0.2, 10_000],
    [31_157, 0.2, 6_231],
  ])('maxDeductionRub(%d, %d) = %d', (gross, share, max) => expect(maxDeductionRub(gross, share)).toBe(max));

  it.each([
    [40, 31_157],
    [20, 15_579],
    [48, 31_157], // overtime is paid on top; the floor stays the full-time one
  ])('offerFloorRub(%d h) = %d', (hours, floor) => expect(offerFloorRub(hours, ref)).toBe(floor));

  it.each([
    [60_000, 0, 0.13, 52_200],
    [60_000, 5_000, 0.13, 47_200],
    [31_157, 0, 0.13, 27_107], // tax 4 050.41 → 4 050
    [45_555, 1_000, 0.13, 38_633], // tax 5 922.15 → 5 922
  ])('netEstimateRub(%d, %d, %d) = %d', (gross, deductions, rate, net) => expect(netEstimateRub(gross, deductions, rate)).toBe(net));

  it.each<[number, number | null, number | null]>([
    [60_000, 78_000, -23.1],
    [78_000, 78_000, 0],
    [85_800, 78_000, 10],
    [66_027, 78_000, -15.4], // −15.35 rounds away from zero
    [60_000, null, null],
    [60_000, 0, null],
  ])('localWageGapPct(%d, %p) = %p', (gross, local, gap) => expect(localWageGapPct(gross, local)).toBe(gap));
});
