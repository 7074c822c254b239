/**
 * One current document at a time where the law allows only one (issue 16): a worker holds one
 * passport per issuing country, one patent, one work permit, one registration notice, one
 * migration card, and one labour contract per employer. A second one renews the first
 * (`supersedes`) or is refused. The database holds the same rule as partial unique indexes
 * (migration `issue16_docs`); this is the check that names the document in the way. Pure.
 */
import type { DocumentProblem } from './document.rules';

/** What decides the slot of a type held once at a time: the worker alone, the issuing country, the employer. */
export const ONE_CURRENT: Readonly<Record<string, 'worker' | 'issuingCountry' | 'employer'>> = {
  PASSPORT: 'issuingCountry',
  PATENT: 'worker',
  WORK_PERMIT: 'worker',
  REGISTRATION_NOTICE: 'worker',
  MIGRATION_CARD: 'worker',
  LABOUR_CONTRACT: 'employer',
};

export interface SlotInput {
  type: string;
  /** Passports: the issuing country (ISO 3166 alpha-2). */
  issuingCountry?: string | null;
  /** Labour contracts: the employer. */
  employerId?: string | null;
}

export interface SlotDocument extends SlotInput {
  id: string;
  status: string;
}

/**
 * The slot a document occupies while it is current, or null when its type may be held several at
 * once. A labour contract without an employer (recorded before contracts named one) has no slot.
 */
export function slotOf(doc: SlotInput): string | null {
  const by = ONE_CURRENT[doc.type];
  if (by === undefined) return null;
  if (by === 'issuingCountry') return `${doc.type}:${(doc.issuingCountry ?? '').toUpperCase()}`;
  if (by === 'employer') return doc.employerId ? `${doc.type}:${doc.employerId}` : null;
  return doc.type;
}

/**
 * The current (VALID) document that a new one would stand beside in its slot, or null when there
 * is none: the document it renews (`supersedes`) does not count, since it stops being current.
 */
export function currentInTheWay(next: SlotInput & { supersedes?: string | null }, documents: readonly SlotDocument[]): SlotDocument | null {
  const slot = slotOf(next);
  if (slot === null) return null;
  return documents.find((d) => d.status === 'VALID' && d.id !== next.supersedes && slotOf(d) === slot) ?? null;
}

/** The fields that place a new document in its slot: an issuing country only on a passport, an employer on a labour contract and nowhere else. */
export function slotFieldProblems(input: SlotInput): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (input.issuingCountry && input.type !== 'PASSPORT') problems.push({ field: 'issuingCountry', message: 'is only for a PASSPORT' });
  if (input.employerId && input.type !== 'LABOUR_CONTRACT') problems.push({ field: 'employerId', message: 'is only for a LABOUR_CONTRACT' });
  if (!input.employerId && input.type === 'LABOUR_CONTRACT')
    problems.push({ field: 'employerId', message: 'is required for a LABOUR_CONTRACT: the employer it binds the worker to' });
  return problems;
}
