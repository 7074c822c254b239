/**
 * Countries and citizenships (pure). The work-authorisation regime of a citizenship is decided by
 * work-authorization.rules.ts; the countries table shows it (seeded from countryRegime()).
 */
import type { FieldError } from '../common/errors/app-error';
import { regimeOf } from '../workers/work-authorization.rules';

export const COUNTRY_REGIMES = ['RUSSIA', 'EAEU', 'PATENT', 'VISA'] as const;
export type CountryRegime = (typeof COUNTRY_REGIMES)[number];

/** The regime a country's citizens are under: RUSSIA for Russia's own, else work-authorization.rules.ts's. */
export function countryRegime(code: string): CountryRegime {
  return code === 'RU' ? 'RUSSIA' : regimeOf(code);
}

/**
 * What is wrong with the citizenships a record names (a worker's citizenship, a labour request's
 * preferred ones): a code not on the countries list, or Russia, whose citizens are not labour
 * migrants. `known` holds the codes found on the list, with their regimes.
 */
export function citizenshipProblems(field: string, codes: readonly string[], known: ReadonlyMap<string, CountryRegime>): FieldError[] {
  const problems: FieldError[] = [];
  for (const code of codes) {
    const regime = known.get(code);
    if (regime === undefined) problems.push({ field, message: `${code} is not an ISO 3166 country code; see GET /reference/countries` });
    else if (regime === 'RUSSIA') {
      problems.push({ field, message: 'a citizen of Russia is not a labour migrant: the Centre keeps no migrant dossier or quota for Russian citizens' });
    }
  }
  return problems;
}
