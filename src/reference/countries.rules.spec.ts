import { regimeOf } from '../workers/work-authorization.rules';
import { ISO_COUNTRIES } from './countries.data';
import { citizenshipProblems, countryRegime, CountryRegime } from './countries.rules';

describe('countries', () => {
  it.each([
    ['RU', 'RUSSIA'],
    ['KG', 'EAEU'],
    ['KZ', 'EAEU'],
    ['AM', 'EAEU'],
    ['BY', 'EAEU'],
    ['UZ', 'PATENT'],
    ['TJ', 'PATENT'],
    ['CN', 'VISA'],
    ['VN', 'VISA'],
  ])('countryRegime(%s) = %s', (code, regime) => expect(countryRegime(code)).toBe(regime));

  it('the list is ISO 3166-1 alpha-2: 249 distinct codes with both names, and each regime agrees with the work-authorisation rule', () => {
    expect(ISO_COUNTRIES).toHaveLength(249);
    expect(new Set(ISO_COUNTRIES.map(([code]) => code)).size).toBe(249);
    for (const [code, alpha3, en, ru] of ISO_COUNTRIES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(alpha3).toMatch(/^[A-Z]{3}$/);
      expect(en.length * ru.length).toBeGreaterThan(0);
      const regime = countryRegime(code);
      expect(regime === 'RUSSIA' ? 'EAEU' : regime).toBe(regimeOf(code));
    }
  });

  const known = new Map<string, CountryRegime>([
    ['UZ', 'PATENT'],
    ['KG', 'EAEU'],
    ['RU', 'RUSSIA'],
  ]);
  it.each([
    [['UZ'], []],
    [['UZ', 'KG'], []],
    [['XX'], ['XX is not an ISO 3166 country code']],
    [['RU'], ['a citizen of Russia is not a labour migrant']],
    [
      ['UZ', 'ZZ', 'RU'],
      ['ZZ is not', 'a citizen of Russia'],
    ],
    [[], []],
  ])('citizenshipProblems(%j)', (codes, messages) => {
    const problems = citizenshipProblems('citizenship', codes, known);
    expect(problems.map((p) => p.field)).toEqual(messages.map(() => 'citizenship'));
    problems.forEach((p, i) => expect(p.message).toContain(messages[i]));
  });
});
