import type { INestApplicationContext } from '@nestjs/common';
import { SEED_ACTIVITY_CODES, SEED_BANS, SEED_COEFFICIENTS, SEED_LOCAL_WAGES, SEED_MINIMUM_WAGES, SEED_OCCUPATIONS, SEED_PARAMETERS } from './reference.data';
import { SEED_DEADLINE_RULES } from '../deadlines/deadline-rules';
import { DeadlinesRepository } from '../deadlines/deadlines.repository';
import { SEED_CALENDARS } from './calendar.data';
import { CalendarRepository } from './calendar.repository';
import { ISO_COUNTRIES } from './countries.data';
import { countryRegime } from './countries.rules';
import { ReferenceRepository } from './reference.repository';
import { dayOf } from './reference.rules';

/**
 * Reference data, always seeded (before demo data). Idempotent and respectful of edits: rows are
 * created when missing and a row that exists, edited by an administrator or not, is left alone.
 */
export async function seedReferenceData(app: INestApplicationContext): Promise<void> {
  const repo = app.get(ReferenceRepository, { strict: false });
  for (const w of SEED_MINIMUM_WAGES) await repo.createMinimumWageIfMissing(w.year, w.amountRub, w.note);
  for (const c of SEED_COEFFICIENTS) await repo.createCoefficientIfMissing(c.region, c.coefficient, c.note);
  await repo.createBansIfMissing(
    SEED_BANS.map((b) => ({ ...b, effectiveFrom: dayOf(b.effectiveFrom), effectiveTo: b.effectiveTo === null ? null : dayOf(b.effectiveTo) })),
  );
  await repo.createOccupationsIfMissing(SEED_OCCUPATIONS);
  await repo.createLocalWagesIfMissing(SEED_LOCAL_WAGES);
  await repo.createParametersIfMissing(SEED_PARAMETERS);
  await repo.createActivityCodesIfMissing(SEED_ACTIVITY_CODES);
  const calendars = app.get(CalendarRepository, { strict: false });
  for (const c of SEED_CALENDARS) await calendars.createYearIfMissing(c.year, c.source, c.verify, c.days);
  await app.get(DeadlinesRepository, { strict: false }).seedRulesIfEmpty(SEED_DEADLINE_RULES);
  await repo.createCountriesIfMissing(ISO_COUNTRIES.map(([code, alpha3, nameEn, nameRu]) => ({ code, alpha3, nameEn, nameRu, regime: countryRegime(code) })));
}
