/**
 * Opening a dossier (pure): whose agency it belongs to, and what the duplicate check answers.
 * What the caller may learn of other dossiers follows its record scope: a dossier it could not
 * read (GET /workers/:id → 404) is never named, only reported as possibly registered.
 */
import type { FieldError } from '../common/errors/app-error';

export type AgencyChoice = { agencyId: string | undefined; problem?: undefined } | { agencyId?: undefined; problem: FieldError };

/**
 * The partner agency of a new dossier. `scopeAgencies` is the caller's agency scope (liaison
 * officers; undefined for the Centre's staff, who may name any agency or none): a liaison
 * officer's worker belongs to one of their agencies, their only one when they name none (null,
 * taking the agency away, is not theirs to do).
 */
export function intakeAgency(scopeAgencies: readonly string[] | undefined, given: string | null | undefined): AgencyChoice {
  if (!scopeAgencies) return { agencyId: given ?? undefined };
  const field = 'partnerAgencyId';
  if (given !== undefined) {
    return given !== null && scopeAgencies.includes(given) ? { agencyId: given } : { problem: { field, message: 'must be one of your partner agencies' } };
  }
  if (scopeAgencies.length === 1) return { agencyId: scopeAgencies[0] };
  return {
    problem: {
      field,
      message: scopeAgencies.length
        ? 'is required: choose which of your partner agencies recruited the worker'
        : 'you are linked to no partner agency; ask an administrator',
    },
  };
}

/** A dossier the duplicate check found: `candidate` when the caller may see it, null when outside its scope. */
export interface Suspect<C> {
  candidate: C | null;
}

export type DuplicateVerdict<C> =
  | { kind: 'NONE' }
  /** a VALID passport with the number is on file, in scope: 409 DOCUMENT_NUMBER_TAKEN naming it, force or not */
  | { kind: 'NUMBER_TAKEN'; candidates: C[] }
  /** similar name and same birth date, in scope: 409 WORKER_DUPLICATE_SUSPECTED naming them, unless force */
  | { kind: 'SUSPECTED'; candidates: C[] }
  /** only dossiers outside the scope: 409 WORKER_POSSIBLY_REGISTERED naming none (a number: force or not; a name: unless force) */
  | { kind: 'POSSIBLY_REGISTERED'; reason: 'PASSPORT_NUMBER' | 'NAME_AND_BIRTH_DATE' };

/**
 * What the duplicate check answers. A passport number on file is never overridden (it belongs to
 * one dossier); `force` overrides the suspicion a similar name and the same birth date raise.
 * Dossiers in scope are named; when none is, the caller only learns that one may exist.
 */
export function duplicateVerdict<C>(passportHolders: readonly Suspect<C>[], similar: readonly Suspect<C>[], force: boolean): DuplicateVerdict<C> {
  const named = (suspects: readonly Suspect<C>[]) => suspects.flatMap((s) => (s.candidate === null ? [] : [s.candidate]));
  const holders = named(passportHolders);
  if (holders.length) return { kind: 'NUMBER_TAKEN', candidates: holders };
  if (passportHolders.length) return { kind: 'POSSIBLY_REGISTERED', reason: 'PASSPORT_NUMBER' };
  if (force) return { kind: 'NONE' };
  const alike = named(similar);
  if (alike.length) return { kind: 'SUSPECTED', candidates: alike };
  if (similar.length) return { kind: 'POSSIBLY_REGISTERED', reason: 'NAME_AND_BIRTH_DATE' };
  return { kind: 'NONE' };
}
