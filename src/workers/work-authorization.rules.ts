/**
 * Work authorisation, derived from the worker's documents, never typed in (DOMAIN.md,
 * "Rules by citizenship"). Pure: the current date is always passed in as an ISO date
 * (YYYY-MM-DD); all arithmetic is on whole UTC days, no time zones.
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

export interface WorkAuthorizationInput {
  citizenship: string;
  documents: readonly AuthorizationDocument[];
  /** ISO date (YYYY-MM-DD), from the injected clock. */
  today: string;
  /** A document ending within this many days of today (inclusive) is EXPIRING. Default 30. */
  expiringWithinDays?: number;
  regimes?: RegimeOverrides;
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
  const ends = [doc.expiresOn, doc.type === 'PATENT' ? doc.paidUntil : null].filter(
    (d): d is string => d !== null && d !== undefined,
  );
  if (ends.length === 0) return null;
  return ends.reduce((a, b) => (dayNumber(b, `${doc.type} end date`) < dayNumber(a, `${doc.type} end date`) ? b : a));
}

interface Cover {
  start: number;
  end: number;
  endIso: string;
}

/** The current authorising documents of the regime, with the days they cover. */
function covers(regime: 'PATENT' | 'VISA', documents: readonly AuthorizationDocument[]): Cover[] {
  const type = AUTHORIZING_DOCUMENT[regime];
  return documents.flatMap((doc) => {
    if (doc.type !== type || doc.status !== 'VALID') return [];
    const endIso = effectiveEnd(doc);
    if (endIso === null) return [];
    const start = doc.issuedOn ? dayNumber(doc.issuedOn, `${type} issuedOn`) : -Infinity;
    return [{ start, end: dayNumber(endIso, `${type} end date`), endIso }];
  });
}

export function assessWorkAuthorization(input: WorkAuthorizationInput): WorkAuthorizationAssessment {
  const today = dayNumber(input.today, 'today');
  const window = input.expiringWithinDays ?? DEFAULT_EXPIRING_WITHIN_DAYS;
  if (!Number.isInteger(window) || window < 0) {
    throw new RangeError(`expiringWithinDays must be a non-negative integer, got ${window}`);
  }
  const regime = regimeOf(input.citizenship, input.regimes);
  if (regime === 'EAEU') return { regime, status: 'NOT_REQUIRED', validUntil: null };

  // A document not yet in force today does not count. If several are current (a renewal
  // recorded without superseding the old one), the one lasting longest is the one in use.
  const current = covers(regime, input.documents)
    .filter((c) => c.start <= today)
    .sort((a, b) => b.end - a.end)[0];
  if (!current) return { regime, status: 'MISSING', validUntil: null };

  const daysLeft = current.end - today;
  const status: WorkAuthorization = daysLeft < 0 ? 'EXPIRED' : daysLeft <= window ? 'EXPIRING' : 'VALID';
  return { regime, status, validUntil: current.endIso };
}

export function workAuthorization(input: WorkAuthorizationInput): WorkAuthorization {
  return assessWorkAuthorization(input).status;
}

