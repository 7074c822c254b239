/**
 * Work authorisation, derived from the worker's documents, never typed in (docs/domain.md, "Rules
 * by citizenship"), and decided here only: the views and the lifecycle and placement checks call
 * assessWorkAuthorization(); the `GET /workers?workAuthorization=` filter asks
 * workAuthorizationFilter() for the bounds on the cover dates every dossier row keeps
 * (coverDates()). Pure: the current date is always passed in as an ISO date (YYYY-MM-DD); all
 * arithmetic is on whole UTC days, no time zones.
 */

export type WorkAuthorization = 'NOT_REQUIRED' | 'VALID' | 'EXPIRING' | 'EXPIRED' | 'MISSING';
export type MigrationRegime = 'EAEU' | 'PATENT' | 'VISA';

/**
 * Default country lists (ISO 3166 alpha-2). They are reference data an administrator edits
 * (DOMAIN.md), so callers pass the current lists through `RegimeOverrides`; these are
 * only the defaults used when no list is given.
 */
export const DEFAULT_EAEU_COUNTRIES = ['AM', 'BY', 'KZ', 'KG'] as const;
/** Visa-free countries outside the EAEU: their citizens work on a patent. */
export const DEFAULT_VISA_FREE_COUNTRIES = ['UZ', 'TJ', 'AZ', 'MD', 'UA'] as const;
export const DEFAULT_EXPIRING_WITHIN_DAYS = 30;

export interface RegimeOverrides {
  eaeu?: readonly string[];
  visaFree?: readonly string[];
}

/** The document that authorises work in each regime that needs one. */
export const AUTHORIZING_DOCUMENT = { PATENT: 'PATENT', VISA: 'WORK_PERMIT' } as const;
export type AuthorizingType = (typeof AUTHORIZING_DOCUMENT)[keyof typeof AUTHORIZING_DOCUMENT];

const norm = (code: string) => code.trim().toUpperCase();

/**
 * The regime that applies to a citizenship. A Russian citizen is not a migrant at all and
 * needs no work authorisation, so RU answers 'EAEU' (the regime whose answer is
 * NOT_REQUIRED) whatever the lists say. A code on both lists counts as EAEU (membership of
 * the Union overrides the visa-free list). Anything else, including unknown codes and
 * stateless persons, is the visa regime: the strictest, so a data error never hides an
 * obligation.
 */
export function regimeOf(citizenship: string, overrides: RegimeOverrides = {}): MigrationRegime {
  const code = norm(citizenship);
  const eaeu = overrides.eaeu ?? DEFAULT_EAEU_COUNTRIES;
  const visaFree = overrides.visaFree ?? DEFAULT_VISA_FREE_COUNTRIES;
  if (code === 'RU' || eaeu.some((c) => norm(c) === code)) return 'EAEU';
  if (visaFree.some((c) => norm(c) === code)) return 'PATENT';
  return 'VISA';
}

export interface AuthorizationDocument {
  /** 'PATENT', 'WORK_PERMIT', or any other document type (ignored here). */
  type: string;
  /** Only 'VALID' documents count; 'SUPERSEDED' (renewed) and 'REVOKED' ones are history. */
  status: string;
  /** ISO date, the last day the document is valid (inclusive). */
  expiresOn: string | null;
  /** Patents only: the last day covered by the paid income-tax advance (inclusive). */
  paidUntil?: string | null;
  /** Optional ISO date the document takes effect; a document does not cover days before it. */
  issuedOn?: string | null;
}

export interface AuthorizationOptions {
  /** A document ending within this many days of today (inclusive) is EXPIRING. Default 30. */
  expiringWithinDays?: number;
  regimes?: RegimeOverrides;
}

export interface WorkAuthorizationInput extends AuthorizationOptions {
  citizenship: string;
  documents: readonly AuthorizationDocument[];
  /** ISO date (YYYY-MM-DD), from the injected clock. */
  today: string;
}

export interface WorkAuthorizationAssessment {
  regime: MigrationRegime;
  status: WorkAuthorization;
  /** The last day the current document covers (inclusive); null for NOT_REQUIRED and MISSING. */
  validUntil: string | null;
}

const DAY_MS = 86_400_000;

/** The number written by the ASCII digits s[from..to), or -1 when one is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const daysInMonth = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/**
 * Days since 1970-01-01 (UTC) for a strict, existing ISO calendar date (YYYY-MM-DD, year 0100 or
 * later: Date.UTC reads 0–99 as 1900–1999). Read digit by digit, without a RegExp or a Date: a
 * search page checks some two hundred dates.
 */
function dayNumber(iso: string, what: string): number {
  if (typeof iso === 'string' && iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) {
    const y = digits(iso, 0, 4);
    const m = digits(iso, 5, 7);
    const d = digits(iso, 8, 10);
    if (y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return Date.UTC(y, m - 1, d) / DAY_MS;
  }
  throw new RangeError(`${what} must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
}

/**
 * The last day a document covers. A patent lapses the day after the last paid day, so its
 * end is the earlier of its expiry and `paidUntil`; with no payment recorded the expiry
 * stands (min(expiresOn, paidUntil ?? expiresOn)). null when no end date is known: such a
 * document cannot be vouched for and counts as no document, so the caseworker completes it.
 */
function effectiveEnd(doc: AuthorizationDocument): string | null {
  const ends = [doc.expiresOn, doc.type === 'PATENT' ? doc.paidUntil : null].filter((d): d is string => d !== null && d !== undefined);
  if (ends.length === 0) return null;
  return ends.reduce((a, b) => (dayNumber(b, `${doc.type} end date`) < dayNumber(a, `${doc.type} end date`) ? b : a));
}

/**
 * The last day the longest-lasting VALID document of the type covers, among those in force on day
 * `onDay` (issued on or before it), or among all of them when no day is given; null when none.
 */
function lastCoveredDay(type: AuthorizingType, documents: readonly AuthorizationDocument[], onDay?: number): string | null {
  let best: { end: number; endIso: string } | null = null;
  for (const doc of documents) {
    if (doc.type !== type || doc.status !== 'VALID') continue;
    const endIso = effectiveEnd(doc);
    if (endIso === null) continue;
    if (onDay !== undefined && doc.issuedOn && dayNumber(doc.issuedOn, `${type} issuedOn`) > onDay) continue;
    const end = dayNumber(endIso, `${type} end date`);
    if (best === null || end > best.end) best = { end, endIso };
  }
  return best?.endIso ?? null;
}

/**
 * What the dossier row keeps of its papers (workers.patent_valid_until and work_permit_valid_until),
 * written with every change of them so that the list filter bounds plain date columns: the last
 * day the current patent and the current work permit cover, each null when there is none. Facts
 * about the papers, whatever the regime: which of the two counts is decided from the citizenship
 * when they are read (workAuthorizationFrom, workAuthorizationFilter), so a change of the country
 * lists rewrites nothing. The issue date is not looked at: a document is never recorded before the
 * day it is issued (documentProblems), so from the day it is recorded it is in force.
 */
export interface CoverDates {
  PATENT: string | null;
  WORK_PERMIT: string | null;
}

export function coverDates(documents: readonly AuthorizationDocument[]): CoverDates {
  return { PATENT: lastCoveredDay('PATENT', documents), WORK_PERMIT: lastCoveredDay('WORK_PERMIT', documents) };
}

function windowOf(options: AuthorizationOptions): number {
  const window = options.expiringWithinDays ?? DEFAULT_EXPIRING_WITHIN_DAYS;
  if (!Number.isInteger(window) || window < 0) {
    throw new RangeError(`expiringWithinDays must be a non-negative integer, got ${window}`);
  }
  return window;
}

/** The one classification: where the last day the papers cover stands against today. */
function classify(validUntil: string | null, today: number, window: number): Exclude<WorkAuthorization, 'NOT_REQUIRED'> {
  if (validUntil === null) return 'MISSING';
  const daysLeft = dayNumber(validUntil, 'validUntil') - today;
  return daysLeft < 0 ? 'EXPIRED' : daysLeft <= window ? 'EXPIRING' : 'VALID';
}

function decide(
  citizenship: string,
  validUntil: (type: AuthorizingType) => string | null,
  todayIso: string,
  options: AuthorizationOptions,
): WorkAuthorizationAssessment {
  const today = dayNumber(todayIso, 'today');
  const window = windowOf(options);
  const regime = regimeOf(citizenship, options.regimes);
  if (regime === 'EAEU') return { regime, status: 'NOT_REQUIRED', validUntil: null };
  const until = validUntil(AUTHORIZING_DOCUMENT[regime]);
  return { regime, status: classify(until, today, window), validUntil: until };
}

/** Work authorisation today from the citizenship and the cover dates the dossier row keeps. */
export function workAuthorizationFrom(citizenship: string, cover: CoverDates, today: string, options: AuthorizationOptions = {}): WorkAuthorizationAssessment {
  return decide(citizenship, (type) => cover[type], today, options);
}

/**
 * Work authorisation on `today` from the documents themselves. A document not yet in force that
 * day does not count (this matters when the day is another than today: the placement check asks
 * about the start date). If several are current (a renewal recorded without superseding the old
 * one), the one lasting longest is the one in use.
 */
export function assessWorkAuthorization(input: WorkAuthorizationInput): WorkAuthorizationAssessment {
  return decide(input.citizenship, (type) => lastCoveredDay(type, input.documents, dayNumber(input.today, 'today')), input.today, input);
}

export function workAuthorization(input: WorkAuthorizationInput): WorkAuthorization {
  return assessWorkAuthorization(input).status;
}

/** Bounds on a last covered day: no document at all, or a day within from..to (inclusive; a missing bound is open). */
export type ValidUntilRange = { none: true } | { none?: false; from?: string; to?: string };

const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The last covered days that classify() answers `status` for, on `today`. */
export function validUntilRange(status: Exclude<WorkAuthorization, 'NOT_REQUIRED'>, today: string, options: AuthorizationOptions = {}): ValidUntilRange {
  const day = dayNumber(today, 'today');
  const window = windowOf(options);
  switch (status) {
    case 'MISSING':
      return { none: true };
    case 'EXPIRED':
      return { to: isoDay(day - 1) };
    case 'EXPIRING':
      return { from: isoDay(day), to: isoDay(day + window) };
    case 'VALID':
      return { from: isoDay(day + window + 1) };
  }
}

/**
 * One way to hold a work authorisation: a citizenship within the listed codes (or outside them)
 * and, for a regime that needs papers, the document whose cover date lies in the range.
 */
export interface WorkAuthorizationBranch {
  citizenship: { in: string[] } | { notIn: string[] };
  validUntil?: { document: AuthorizingType; range: ValidUntilRange };
}

/**
 * The dossiers of a work authorisation value on `today`, as conditions on the citizenship and the
 * cover dates (coverDates()) a query can test with plain bounds: a dossier has the value when it
 * passes one of the branches. The citizenship lists are the ones regimeOf() reads; a stored
 * citizenship is an upper-case ISO code, so no normalisation is needed on that side.
 */
export function workAuthorizationFilter(value: WorkAuthorization, today: string, options: AuthorizationOptions = {}): WorkAuthorizationBranch[] {
  const eaeu = [...new Set(['RU', ...(options.regimes?.eaeu ?? DEFAULT_EAEU_COUNTRIES).map(norm)])].sort();
  const patent = [...new Set((options.regimes?.visaFree ?? DEFAULT_VISA_FREE_COUNTRIES).map(norm))].filter((c) => !eaeu.includes(c)).sort();
  if (value === 'NOT_REQUIRED') return [{ citizenship: { in: eaeu } }];
  const range = validUntilRange(value, today, options);
  return [
    { citizenship: { in: patent }, validUntil: { document: AUTHORIZING_DOCUMENT.PATENT, range } },
    { citizenship: { notIn: [...eaeu, ...patent].sort() }, validUntil: { document: AUTHORIZING_DOCUMENT.VISA, range } },
  ];
}
