/**
 * Regional bans (DOMAIN.md, "Rules for employers and requests"): Omsk oblast bars patent
 * holders from some activities, listed by ОКВЭД code, with effective dates (a first list
 * from 1 March 2025, extended from 1 March 2026). The ban list is reference data an admin
 * maintains; callers pass it in. Pure: dates are ISO strings (YYYY-MM-DD), ranges are
 * inclusive at both ends, and malformed dates or codes throw a RangeError (the DTOs and
 * the admin screens validate them first; isOkvedCode serves both).
 *
 * Only the patent regime is concerned: EAEU citizens and visa-regime workers (who work on a
 * permit under the federal quota) are outside these bans.
 */
import { isIsoDate } from '../workers/document.rules';
import { RegimeOverrides, regimeOf } from '../workers/work-authorization.rules';

export interface RegionalBan {
  id: string;
  /** The act that imposes it, e.g. 'Указ Губернатора Омской области от … № …'. */
  title: string;
  /** ОКВЭД codes or code prefixes: '47' (a class) covers 47.11, '49.3' (a subclass) 49.31. */
  activityCodes: readonly string[];
  effectiveFrom: string;
  /** The last day of the ban (inclusive); null while it has no end. */
  effectiveTo: string | null;
}

export interface RegionalBanProblem {
  code: 'REGIONAL_BAN';
  field: string;
  message: string;
  banId: string;
  title: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/**
 * An ОКВЭД 2 code as written: the class (2 digits), then optionally the subclass digit, the
 * group digit, the subgroup digit and the kind digit, with a dot after every two digits:
 * 47, 47.1, 47.11, 47.11.1, 47.11.11. Not 471 or 47.1.1.
 */
const OKVED = /^\d{2}(?:\.\d|\.\d{2}(?:\.\d{1,2})?)?$/;

export function isOkvedCode(value: unknown): value is string {
  return typeof value === 'string' && OKVED.test(value.trim());
}

function okvedDigits(code: string, what: string): string {
  if (!isOkvedCode(code)) throw new RangeError(`${what} must be an ОКВЭД code such as 47 or 49.31, got ${JSON.stringify(code)}`);
  return code.trim().replace(/\./g, '');
}

/**
 * Whether the activity `code` lies inside the branch `prefix` of the classification.
 * ОКВЭД is hierarchical digit by digit (49 → 49.3 → 49.31 → 49.31.2), so '49.3' covers
 * '49.31' and '47' covers '47.11', while '47' does not cover '471' (not a code at all) and
 * '47.11' does not cover the wider '47.1'. Malformed codes never match.
 */
export function activityMatches(code: string, prefix: string): boolean {
  if (!isOkvedCode(code) || !isOkvedCode(prefix)) return false;
  return okvedDigits(code, 'code').startsWith(okvedDigits(prefix, 'prefix'));
}

function isoDate(value: string, what: string): string {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  return value;
}

function checkedBan(ban: RegionalBan): RegionalBan {
  isoDate(ban.effectiveFrom, `ban ${ban.id} effectiveFrom`);
  if (ban.effectiveTo !== null) isoDate(ban.effectiveTo, `ban ${ban.id} effectiveTo`);
  if (ban.effectiveTo !== null && ban.effectiveTo < ban.effectiveFrom) {
    throw new RangeError(`ban ${ban.id} ends (${ban.effectiveTo}) before it starts (${ban.effectiveFrom})`);
  }
  ban.activityCodes.forEach((c) => okvedDigits(c, `ban ${ban.id} activity code`));
  return ban;
}

/** The bans covering `activityCode` in force on some day of [from, to] (ISO strings compare as dates). */
function bansHitting(bans: readonly RegionalBan[], activityCode: string, from: string, to: string): RegionalBan[] {
  okvedDigits(activityCode, 'activityCode');
  return bans
    .map(checkedBan)
    .filter((ban) => ban.effectiveFrom <= to && (ban.effectiveTo === null || from <= ban.effectiveTo))
    .filter((ban) => ban.activityCodes.some((prefix) => activityMatches(activityCode, prefix)))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id));
}

const banDates = (ban: RegionalBan) =>
  ban.effectiveTo === null ? `in force from ${ban.effectiveFrom}` : `in force from ${ban.effectiveFrom} to ${ban.effectiveTo}`;

function problem(ban: RegionalBan, field: string, message: string): RegionalBanProblem {
  const { id: banId, title, effectiveFrom, effectiveTo } = ban;
  return { code: 'REGIONAL_BAN', field, message: `${message}: barred by "${title}", ${banDates(ban)}`, banId, title, effectiveFrom, effectiveTo };
}

const patentCitizenships = (citizenships: readonly string[], regimes?: RegimeOverrides) =>
  citizenships.filter((c) => regimeOf(c, regimes) === 'PATENT').map((c) => c.trim().toUpperCase());

/** A request may bring patent holders when it prefers a patent-regime citizenship or names none at all. */
export function mayBringPatentHolders(citizenships: readonly string[], regimes?: RegimeOverrides): boolean {
  return citizenships.length === 0 || patentCitizenships(citizenships, regimes).length > 0;
}

export interface ActivityCodeMissingProblem {
  code: 'ACTIVITY_CODE_MISSING';
  field: 'employerId';
  message: string;
  /** The bans in force in the period that could not be checked. */
  banIds: string[];
}

/**
 * null, or the problem of a request whose employer has no main activity code (ОКВЭД): then the bans
 * cannot be checked, and a request that may bring patent holders (mayBringPatentHolders) is not
 * approved unchecked while a ban is in force on some day of its period. With no ban in force in the
 * period, or only EAEU / visa-regime citizenships preferred, there is nothing to check.
 */
export function activityCodeMissingProblem(input: Omit<RequestBanInput, 'activityCode'> & { activityCode: string | null }): ActivityCodeMissingProblem | null {
  const from = isoDate(input.periodFrom, 'periodFrom');
  const to = isoDate(input.periodTo, 'periodTo');
  if (input.activityCode !== null && input.activityCode.trim() !== '') return null;
  if (!mayBringPatentHolders(input.citizenships, input.regimes)) return null;
  const inForce = input.bans
    .map(checkedBan)
    .filter((ban) => ban.effectiveFrom <= to && (ban.effectiveTo === null || from <= ban.effectiveTo))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.id.localeCompare(b.id));
  if (inForce.length === 0) return null;
  return {
    code: 'ACTIVITY_CODE_MISSING',
    field: 'employerId',
    message:
      `the employer has no main activity code (ОКВЭД), so the regional bans on ` +
      `patent holders in force between ${from} and ${to} (${inForce.map((b) => `"${b.title}"`).join(', ')}) ` +
      `cannot be checked: enter the employer's code first`,
    banIds: inForce.map((b) => b.id),
  };
}

export interface RequestBanInput {
  /** The activity (ОКВЭД) the workers would be employed in. */
  activityCode: string;
  /** The request's period, inclusive. */
  periodFrom: string;
  periodTo: string;
  /** Preferred citizenships (ISO 3166 alpha-2); empty means any citizenship. */
  citizenships: readonly string[];
  bans: readonly RegionalBan[];
  /** The current country lists (reference data); defaults as in regimeOf. */
  regimes?: RegimeOverrides;
}

/**
 * One problem per ban that refuses the request (empty when none does). A request is refused
 * when it would employ patent holders in a banned activity on a day of a ban: the ban
 * covers its activity code and the ban's dates overlap the request's period (inclusive).
 *
 * It would employ patent holders when a preferred citizenship is in the patent regime, or
 * when it states no preference at all: then the Centre may send anyone, patent holders
 * included, and approving it would promise workers it may not place. Such an employer can
 * state EAEU (or visa-regime) citizenships to be considered.
 */
export function banProblems(input: RequestBanInput): RegionalBanProblem[] {
  const from = isoDate(input.periodFrom, 'periodFrom');
  const to = isoDate(input.periodTo, 'periodTo');
  if (to < from) throw new RangeError(`periodTo (${to}) is before periodFrom (${from})`);
  const patent = patentCitizenships(input.citizenships, input.regimes);
  if (!mayBringPatentHolders(input.citizenships, input.regimes)) return [];
  const who =
    patent.length > 0 ? `citizens of ${[...new Set(patent)].join(', ')} work on a patent` : 'with no preferred citizenship, patent holders could be sent';
  const activity = input.activityCode.trim();
  return bansHitting(input.bans, input.activityCode, from, to).map((ban) =>
    problem(ban, 'activityCode', `patent holders may not be employed in activity ${activity} between ${from} and ${to} (${who})`),
  );
}

export interface PlacementBanInput {
  activityCode: string;
  /** The placement's first day of work. */
  startDate: string;
  /** The worker's citizenship (ISO 3166 alpha-2). */
  citizenship: string;
  bans: readonly RegionalBan[];
  regimes?: RegimeOverrides;
}

/**
 * null, or the problem of placing one worker: a patent holder may not start work in an
 * activity on a day a ban covering it is in force. Only the start date is checked; a
 * placement that began before a ban and runs into it is the caseworker's follow-up.
 */
export function placementBanProblem(input: PlacementBanInput): RegionalBanProblem | null {
  const day = isoDate(input.startDate, 'startDate');
  if (regimeOf(input.citizenship, input.regimes) !== 'PATENT') return null;
  const [ban] = bansHitting(input.bans, input.activityCode, day, day);
  if (!ban) return null;
  const citizenship = input.citizenship.trim().toUpperCase();
  return problem(ban, 'startDate', `a citizen of ${citizenship} working on a patent may not start work in activity ${input.activityCode.trim()} on ${day}`);
}
