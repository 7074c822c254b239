/**
 * A worker's documents (DOMAIN.md, "Core records" and "Rules by citizenship"): what each
 * type must carry, which migration regime it belongs to, and the checks run on a new or
 * renewed document. Pure: dates are ISO strings (YYYY-MM-DD) and "today" is always passed
 * in from the injected clock; all arithmetic is on calendar dates, no time zones.
 *
 * The legal figures below (validity limits) are *(verify)* reference data in DOMAIN.md;
 * they live in this one table so that moving them into an admin-edited table later means
 * replacing DOCUMENT_RULES, not hunting for constants.
 */
import { isValidInn } from '../employers/employers.rules';
import { AUTHORIZING_DOCUMENT, MigrationRegime, RegimeOverrides, regimeOf } from './work-authorization.rules';

export const DOCUMENT_TYPES = [
  'PASSPORT',
  'MIGRATION_CARD',
  'REGISTRATION_NOTICE',
  'PATENT',
  'WORK_PERMIT',
  'MEDICAL_CERTIFICATE',
  'FINGERPRINT_RECORD',
  'LANGUAGE_CERTIFICATE',
  'VMI_POLICY',
  'LABOUR_CONTRACT',
  'INN',
  'SNILS',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentRule {
  numberRequired: boolean;
  /** Checked against the trimmed, upper-cased number whenever a number is given. */
  numberPattern?: RegExp;
  expiryRequired: boolean;
  issuerRequired: boolean;
  /** The regimes for which this type makes sense; a document outside them is a data error. */
  regimes: MigrationRegime[];
  /** A special category of personal data (152-FZ art. 10): health. */
  health: boolean;
  /** The longest validity the law allows, from issuedOn to expiresOn (calendar months). */
  maxValidityMonths?: number;
}

const ALL_REGIMES: MigrationRegime[] = ['EAEU', 'PATENT', 'VISA'];

export const DOCUMENT_RULES: Record<DocumentType, DocumentRule> = {
  PASSPORT: { numberRequired: true, expiryRequired: true, issuerRequired: false, regimes: ALL_REGIMES, health: false },
  // expiresOn is the permitted stay ("срок пребывания"), extended by a patent or a contract.
  MIGRATION_CARD: { numberRequired: true, expiryRequired: true, issuerRequired: false, regimes: ALL_REGIMES, health: false },
  // The notice of arrival (уведомление о прибытии): expiresOn is the end of the registration.
  REGISTRATION_NOTICE: { numberRequired: false, expiryRequired: true, issuerRequired: false, regimes: ALL_REGIMES, health: false },
  PATENT: {
    numberRequired: true,
    // Series (two characters: the region code, 55 for Omsk, or letters on older forms) and
    // a 6–10 digit number, optionally with a space, hyphen or "№" between them. Lenient on
    // purpose: a strict form would reject real patents typed as printed.
    numberPattern: /^[0-9A-ZА-ЯЁ]{2}[\s-]?(?:№\s?)?\d{6,10}$/u,
    expiryRequired: true,
    issuerRequired: true, // the issuing MVD division
    regimes: ['PATENT'],
    health: false,
    // 1–12 months, extended only by paying the monthly advance; at most 12 months, then
    // reissued (115-FZ art. 13.3; DOMAIN.md "Patent validity").
    maxValidityMonths: 12,
  },
  // Under the federal quota, visa regime only; issued by MVD for the contract's term.
  WORK_PERMIT: { numberRequired: true, expiryRequired: true, issuerRequired: true, regimes: ['VISA'], health: false },
  MEDICAL_CERTIFICATE: {
    numberRequired: false,
    expiryRequired: true,
    issuerRequired: true, // only an authorised medical organisation's certificate counts
    regimes: ALL_REGIMES,
    health: true,
    // The medical exam is repeated yearly (DOMAIN.md, patent regime) *(verify)*.
    maxValidityMonths: 12,
  },
  // Fingerprinting and photo: a one-time registration, it does not expire. The record is
  // biometric data (152-FZ art. 11), not health data: it is not flagged `health`.
  FINGERPRINT_RECORD: { numberRequired: false, expiryRequired: false, issuerRequired: false, regimes: ALL_REGIMES, health: false },
  LANGUAGE_CERTIFICATE: {
    numberRequired: true, // checked by number in the federal register of certificates
    expiryRequired: true,
    issuerRequired: true, // the testing organisation
    // Needed for the patent, and also for a work permit (115-FZ art. 15.1 p. 1: "при
    // обращении за получением разрешения на работу или патента"), so both regimes.
    regimes: ['PATENT', 'VISA'],
    health: false,
    // The certificate for a work permit or patent is valid 3 years (government decree of
    // April 2021, previously 5 years). DOMAIN.md marks the figure *(verify)*: reference data.
    maxValidityMonths: 36,
  },
  // ДМС policy: required for a patent and a work permit; EAEU workers may hold one too.
  VMI_POLICY: { numberRequired: true, expiryRequired: true, issuerRequired: true, regimes: ALL_REGIMES, health: false },
  // Open-ended contracts are the rule, so no expiry is required.
  LABOUR_CONTRACT: { numberRequired: false, expiryRequired: false, issuerRequired: false, regimes: ALL_REGIMES, health: false },
  // A person's INN is 12 digits (the 10-digit form is for organisations); check digits are verified too.
  INN: { numberRequired: true, numberPattern: /^\d{12}$/, expiryRequired: false, issuerRequired: false, regimes: ALL_REGIMES, health: false },
  // 123-456-789 01, with or without the separators; the checksum is verified too (validateSnils).
  SNILS: {
    numberRequired: true,
    numberPattern: /^\d{3}-?\d{3}-?\d{3}[ -]?\d{2}$/,
    expiryRequired: false,
    issuerRequired: false,
    regimes: ALL_REGIMES,
    health: false,
  },
};

/** Check digits beyond the pattern, for the types that have them. */
const NUMBER_CHECKS: Partial<Record<DocumentType, { check: (n: string) => boolean; message: string }>> = {
  INN: { check: isValidInn, message: 'is not a valid INN: the check digits do not match' },
  SNILS: { check: (n) => validateSnils(n), message: 'is not a valid SNILS: the check number does not match' },
};

export interface DocumentProblem {
  field: string;
  message: string;
}

export interface DocumentInput {
  type: string;
  number?: string | null;
  issuedOn?: string | null;
  expiresOn?: string | null;
  issuer?: string | null;
  /** The worker's citizenship (ISO 3166 alpha-2); decides the regime through regimeOf. */
  citizenship: string;
  /** ISO date (YYYY-MM-DD), from the injected clock. */
  today: string;
  /** The current country lists (reference data); defaults as in regimeOf. */
  regimes?: RegimeOverrides;
}

export function isDocumentType(type: string): type is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(type);
}

// ---------------------------------------------------------------------------------------
// Calendar dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function parseIso(value: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** A well-formed ISO date (YYYY-MM-DD) that exists in the calendar (no 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && parseIso(value) !== null;
}

/**
 * The same day `months` calendar months later; when that month is shorter, its last day
 * (2026-01-31 + 1 → 2026-02-28, 2024-02-29 + 12 → 2025-02-28). This is how Russian law
 * counts a term in months (Tax Code art. 6.1 p. 5, Civil Code art. 192 p. 3).
 */
export function addMonths(iso: string, months: number): string {
  const date = parseIso(iso);
  if (!date) throw new RangeError(`expected an ISO date (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(date.d, daysInMonth(y, m)), 2)}`;
}

// ---------------------------------------------------------------------------------------
// SNILS

/**
 * The SNILS checksum: each of the first nine digits times its weight (9 for the first … 1
 * for the ninth), summed; a sum below 100 is the check number, 100 and 101 give 00, a
 * larger sum is taken mod 101 and the same rule applied. Numbers up to 001-001-998 were
 * issued before the checksum existed and are not checked. Accepts 11223344595,
 * 112-233-445 95 and 112-233-445-95.
 */
export function validateSnils(snils: string): boolean {
  if (typeof snils !== 'string') return false;
  const value = snils.trim();
  if (!DOCUMENT_RULES.SNILS.numberPattern!.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  if (Number(body) <= 1_001_998) return true;
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (9 - i), 0);
  const reduced = sum > 101 ? sum % 101 : sum;
  return (reduced < 100 ? reduced : 0) === check;
}

// ---------------------------------------------------------------------------------------
// Checks

/** null, undefined and blank strings are "not given". */
function given(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** A date field: absent, a valid date, or a problem (malformed dates never throw). */
function dateField(field: string, value: string | null | undefined, problems: DocumentProblem[]): string | null {
  if (given(value) === null) return null;
  if (isIsoDate(value)) return value;
  problems.push({ field, message: `must be an ISO date (YYYY-MM-DD) that exists, got ${JSON.stringify(value)}` });
  return null;
}

const article = (type: string) => (/^[AEIOU]/.test(type) ? 'an' : 'a');

/** "a PATENT does not apply under the EAEU regime (citizenship KG); …", with what is needed instead. */
function regimeMismatch(type: DocumentType, regime: MigrationRegime, citizenship: string): string {
  const code =
    String(citizenship ?? '')
      .trim()
      .toUpperCase() || 'unknown';
  const authorizing: string[] = Object.values(AUTHORIZING_DOCUMENT);
  let hint = '';
  if (regime === 'EAEU') hint = '; EAEU citizens need no work authorisation';
  else if (authorizing.includes(type)) {
    const needed = AUTHORIZING_DOCUMENT[regime];
    hint = `; this worker needs ${article(needed)} ${needed}`;
  }
  const fits = DOCUMENT_RULES[type].regimes.join('/');
  return `${article(type)} ${type} does not apply under the ${regime} regime (citizenship ${code}); it is for the ${fits} regime${hint}`;
}

/**
 * Every problem with a document at once (an empty list means none). The worker's
 * citizenship decides the regime, and a type that belongs to another regime is refused (a
 * PATENT for an EAEU citizen, a WORK_PERMIT for a patent-regime citizen). An unknown type
 * is one problem and skips the per-type checks; the date checks still run. Malformed dates
 * are problems for their field. `today` comes from the clock, not from the user: a
 * malformed one is a programming error and throws a RangeError.
 */
export function documentProblems(input: DocumentInput): DocumentProblem[] {
  if (!isIsoDate(input.today)) {
    throw new RangeError(`today must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(input.today)}`);
  }
  const problems: DocumentProblem[] = [];
  const type = input.type;
  const rule = typeof type === 'string' && isDocumentType(type) ? DOCUMENT_RULES[type] : null;
  const name = rule ? `${article(type)} ${type}` : 'this document';

  // type: known, and fitting the worker's regime
  if (!rule) {
    problems.push({ field: 'type', message: `must be one of ${DOCUMENT_TYPES.join(', ')}, got ${JSON.stringify(type)}` });
  } else {
    const regime = regimeOf(input.citizenship ?? '', input.regimes);
    if (!rule.regimes.includes(regime)) {
      problems.push({ field: 'type', message: regimeMismatch(type as DocumentType, regime, input.citizenship) });
    }
  }

  // number: required, pattern, check digits
  const number = given(input.number);
  if (rule && number === null && rule.numberRequired) {
    problems.push({ field: 'number', message: `is required for ${name}` });
  } else if (rule && number !== null) {
    const normalised = number.toUpperCase();
    const extra = NUMBER_CHECKS[type as DocumentType];
    if (rule.numberPattern && !rule.numberPattern.test(normalised)) {
      problems.push({ field: 'number', message: `does not look like ${name} number` });
    } else if (extra && !extra.check(normalised)) {
      problems.push({ field: 'number', message: extra.message });
    }
  }

  // issuer
  if (rule?.issuerRequired && given(input.issuer) === null) {
    problems.push({ field: 'issuer', message: `is required for ${name}` });
  }

  // dates
  const issuedOn = dateField('issuedOn', input.issuedOn, problems);
  const expiresOn = dateField('expiresOn', input.expiresOn, problems);
  if (issuedOn !== null && issuedOn > input.today) {
    problems.push({ field: 'issuedOn', message: `is in the future (today is ${input.today})` });
  }
  if (rule?.expiryRequired && given(input.expiresOn) === null) {
    problems.push({ field: 'expiresOn', message: `is required for ${name}` });
  }
  if (issuedOn !== null && expiresOn !== null && expiresOn <= issuedOn) {
    problems.push({ field: 'expiresOn', message: `must be after issuedOn (${issuedOn})` });
  } else if (rule?.maxValidityMonths !== undefined && expiresOn !== null) {
    // Without an issue date the document was issued on or before today, so its expiry can
    // be no later than today + the maximum: a weaker check, but a sound one.
    const from = issuedOn !== null && issuedOn <= input.today ? issuedOn : input.today;
    const latest = addMonths(from, rule.maxValidityMonths);
    if (expiresOn > latest) {
      const basis = from === issuedOn ? `issued on ${issuedOn}` : `issued on or before today`;
      problems.push({
        field: 'expiresOn',
        message: `${name} is valid for at most ${rule.maxValidityMonths} months: ${basis}, it must expire on or before ${latest}`,
      });
    }
  }
  return problems;
}

/**
 * Whether `next` may renew (supersede) `old`: the same worker, the same type, and an old
 * document still in force (VALID). A document of another worker is reported without
 * saying anything about it. null when the renewal is fine.
 */
export function supersedeProblem(old: { type: string; status: string; workerId: string }, next: { type: string; workerId: string }): DocumentProblem | null {
  if (old.workerId !== next.workerId) {
    return { field: 'supersedes', message: "is not one of this worker's documents" };
  }
  if (old.status !== 'VALID') {
    const what = old.status === 'SUPERSEDED' ? 'has already been renewed' : old.status === 'REVOKED' ? 'has been revoked' : `is ${old.status}`;
    return { field: 'supersedes', message: `${what}; only a VALID document can be renewed` };
  }
  if (old.type !== next.type) {
    return { field: 'supersedes', message: `is ${article(old.type)} ${old.type}; ${article(next.type)} ${next.type} cannot renew it` };
  }
  return null;
}
