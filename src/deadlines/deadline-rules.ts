/**
 * The rules that date a worker's and an employer's legal obligations (docs/domain.md, "Rules by
 * citizenship"), as reference data with effective dates: a rule change adds a row, history is never
 * edited. Pure: selection of the row in force and the seed rows.
 */
import type { PeriodUnit } from './calendar.rules';
import type { MigrationRegime } from '../workers/work-authorization.rules';

export const DEADLINE_KINDS = [
  'MIGRATION_REGISTRATION',
  'MEDICAL_EXAM',
  'PATENT_APPLICATION',
  'PATENT_PAYMENT',
  'CONTRACT_COPY',
  'CONTRACT_NOTIFICATION',
  'CONTRACT_TERMINATION_NOTIFICATION',
  'DOCUMENT_EXPIRY',
  'STATUS_CLIFF',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The event a period runs from. */
export const DEADLINE_TRIGGERS = [
  'ARRIVAL',
  'MEDICAL_ISSUED',
  'PATENT_ISSUED',
  'PAID_UNTIL',
  'PLACEMENT_START',
  'PLACEMENT_END',
  'DOCUMENT_EXPIRY',
  'REGISTRATION_EXPIRY',
] as const;
export type DeadlineTrigger = (typeof DEADLINE_TRIGGERS)[number];

/** Employers' obligations: the employer is named on the deadline and its users see it. */
export const EMPLOYER_KINDS: ReadonlySet<DeadlineKind> = new Set(['CONTRACT_NOTIFICATION', 'CONTRACT_TERMINATION_NOTIFICATION']);

export interface DeadlineRule {
  kind: DeadlineKind;
  trigger: DeadlineTrigger;
  /** null: every regime. */
  regime: MigrationRegime | null;
  /** A specific citizenship (ISO alpha-2) that overrides its regime's row, or null. */
  citizenship: string | null;
  /** Negative: before the event (a status-cliff warning). */
  offset: number;
  unit: PeriodUnit;
  effectiveFrom: string;
  /** Inclusive; null: open-ended. */
  effectiveTo: string | null;
  note: string;
}

/**
 * The row in force on `on` for this kind, trigger and worker: a row for the worker's own
 * citizenship first, then one for the regime, then one for every regime. None: the obligation does
 * not exist for this worker (e.g. no patent application for an EAEU citizen).
 */
export function ruleInForce(
  rules: readonly DeadlineRule[],
  kind: DeadlineKind,
  trigger: DeadlineTrigger,
  worker: { citizenship: string; regime: MigrationRegime },
  on: string,
): DeadlineRule | null {
  const live = rules.filter((r) => r.kind === kind && r.trigger === trigger && r.effectiveFrom <= on && (r.effectiveTo === null || on <= r.effectiveTo));
  return (
    live.find((r) => r.citizenship === worker.citizenship) ??
    live.find((r) => r.citizenship === null && r.regime === worker.regime) ??
    live.find((r) => r.citizenship === null && r.regime === null) ??
    null
  );
}

/** Whether two rows would both be in force for the same worker on some day (refused: 409). */
export function overlaps(a: DeadlineRule, b: DeadlineRule): boolean {
  if (a.kind !== b.kind || a.trigger !== b.trigger || a.citizenship !== b.citizenship) return false;
  // rows of a citizenship apply to its citizens whatever regime they name (ruleInForce)
  if (a.citizenship === null && a.regime !== b.regime) return false;
  const aTo = a.effectiveTo ?? '9999-12-31';
  const bTo = b.effectiveTo ?? '9999-12-31';
  return a.effectiveFrom <= bTo && b.effectiveFrom <= aTo;
}

const FROM = '2000-01-01';
const row = (
  kind: DeadlineKind,
  trigger: DeadlineTrigger,
  regime: MigrationRegime | null,
  offset: number,
  unit: PeriodUnit,
  note: string,
  citizenship: string | null = null,
): DeadlineRule => ({
  kind,
  trigger,
  regime,
  citizenship,
  offset,
  unit,
  effectiveFrom: FROM,
  effectiveTo: null,
  note,
});

/** Seeded at start; an administrator adds rows when the law changes. */
export const SEED_DEADLINE_RULES: DeadlineRule[] = [
  row('MIGRATION_REGISTRATION', 'ARRIVAL', 'PATENT', 7, 'WORKING_DAYS', '109-FZ art. 20: 7 working days after arrival'),
  row('MIGRATION_REGISTRATION', 'ARRIVAL', 'PATENT', 15, 'DAYS', 'Russia–Tajikistan agreement of 2016: 15 days', 'TJ'),
  row('MIGRATION_REGISTRATION', 'ARRIVAL', 'EAEU', 30, 'DAYS', 'EAEU Treaty art. 97: 30 days'),
  row('MIGRATION_REGISTRATION', 'ARRIVAL', 'VISA', 7, 'WORKING_DAYS', '109-FZ art. 20: 7 working days after arrival'),
  row('MEDICAL_EXAM', 'ARRIVAL', 'PATENT', 30, 'DAYS', '115-FZ art. 5.1: medical exam, fingerprints and photo within 30 days of entry'),
  row('MEDICAL_EXAM', 'ARRIVAL', 'EAEU', 30, 'DAYS', '115-FZ art. 5.1 (Belarus likely exempt: verify)'),
  row('MEDICAL_EXAM', 'MEDICAL_ISSUED', 'PATENT', 12, 'MONTHS', 'the medical exam is repeated yearly'),
  row('PATENT_APPLICATION', 'ARRIVAL', 'PATENT', 30, 'DAYS', '115-FZ art. 13.3: apply for a patent within 30 days of entry'),
  row('PATENT_PAYMENT', 'PAID_UNTIL', 'PATENT', 0, 'DAYS', '115-FZ art. 13.3: the monthly advance, paid before the paid-up date ends'),
  row('CONTRACT_COPY', 'PATENT_ISSUED', 'PATENT', 2, 'MONTHS', '115-FZ art. 13.3: copy of the labour contract within 2 months of the patent’s issue'),
  row('CONTRACT_NOTIFICATION', 'PLACEMENT_START', null, 3, 'WORKING_DAYS', '115-FZ art. 13 p. 8: the employer notifies the MVD within 3 working days'),
  row(
    'CONTRACT_TERMINATION_NOTIFICATION',
    'PLACEMENT_END',
    null,
    3,
    'WORKING_DAYS',
    '115-FZ art. 13 p. 8: the employer notifies the MVD within 3 working days',
  ),
  row('DOCUMENT_EXPIRY', 'DOCUMENT_EXPIRY', null, 0, 'DAYS', 'a document with an expiry date is renewed before it ends'),
  row('STATUS_CLIFF', 'PAID_UNTIL', 'PATENT', -10, 'DAYS', 'the patent lapses the day after its paid-up date'),
  row('STATUS_CLIFF', 'PLACEMENT_END', null, -10, 'DAYS', 'a labour contract ends with no next one'),
  row('STATUS_CLIFF', 'REGISTRATION_EXPIRY', null, -10, 'DAYS', 'the migration registration ends'),
];
