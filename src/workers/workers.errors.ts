import { AppError, FieldError } from '../common/errors/app-error';

/** A dossier that may be the same person, named only when it is within the caller's scope. */
export interface DuplicateCandidate {
  id: string;
  caseNumber: string;
  name: string;
  birthDate: string;
  score: number;
  reason: 'PASSPORT_NUMBER' | 'NAME_AND_BIRTH_DATE';
}

/** The 409 answers of POST /workers, as the OpenAPI document describes them. */
export const CREATE_WORKER_CONFLICTS = [
  "Duplicates are looked for within the caller's record scope (a liaison officer: their agencies' dossiers), and only dossiers the caller may read are named.",
  '409 DOCUMENT_NUMBER_TAKEN: a VALID passport with this number (and issuing country) is on file; the candidate is named; force=true does not apply.',
  '409 WORKER_DUPLICATE_SUSPECTED: a similar name and the same birth date; the candidates are named; force=true creates anyway.',
  "409 WORKER_POSSIBLY_REGISTERED: the only possible match is a dossier outside the caller's scope; " +
    'it is not named (no candidates) and the caller is asked to contact the Centre.',
  '`reason` says why: PASSPORT_NUMBER (never overridden) or NAME_AND_BIRTH_DATE (force=true creates anyway, once the Centre confirms it is another person).',
].join(' ');

export const WorkerErrors = {
  notFound: () => new AppError(404, 'WORKER_NOT_FOUND', 'The worker was not found.'),
  /** Similar name and the same birth date, in the caller's scope: force=true creates anyway. */
  duplicateSuspected: (candidates: DuplicateCandidate[]) =>
    new AppError(
      409,
      'WORKER_DUPLICATE_SUSPECTED',
      'A worker with a similar name and the same birth date exists; check the candidates, and repeat with force=true only if this is another person.',
      { candidates },
    ),
  /**
   * The possible match is outside the caller's records (another partner agency's): it is not named,
   * since the caller could not read it. A passport number on file cannot be overridden; a name and
   * birth date can, with force=true, once the Centre has confirmed it is another person.
   */
  possiblyRegistered: (reason: 'PASSPORT_NUMBER' | 'NAME_AND_BIRTH_DATE') =>
    new AppError(
      409,
      'WORKER_POSSIBLY_REGISTERED',
      reason === 'PASSPORT_NUMBER'
        ? 'This passport number is already on file in a dossier you cannot see. ' +
            'Contact the Centre: a second dossier is never opened for a passport number on file.'
        : 'A person with a similar name and the same birth date may already be registered ' +
            'in a dossier you cannot see. Contact the Centre before opening a new one; ' +
            'if the Centre confirms it is another person, repeat with force=true.',
      { reason, candidates: [] },
    ),
  /** A VALID passport with this number (and issuing country) is on file: whatever force says. */
  documentNumberTaken: (candidates: DuplicateCandidate[] = []) =>
    new AppError(
      409,
      'DOCUMENT_NUMBER_TAKEN',
      'A passport with this number is already on file; a passport number belongs to one dossier. Open that dossier instead (force does not apply).',
      { candidates },
    ),
  illegalTransition: (from: string, to: string, allowed: string[]) =>
    new AppError(409, 'ILLEGAL_TRANSITION', `A worker cannot go from ${from} to ${to}.`, { from, to, allowed }),
  invalidLinks: (errors: { field: string; message: string }[]) =>
    new AppError(422, 'WORKER_LINKS_INVALID', 'A linked record does not exist or does not fit.', { errors }),
  invalidDates: (errors: { field: string; message: string }[]) => new AppError(422, 'WORKER_DATES_INVALID', 'Dates are not coherent.', { errors }),
  /** An unknown country code, or Russia (its citizens are not labour migrants): errors say which. */
  invalidCitizenship: (errors: FieldError[]) =>
    new AppError(422, 'WORKER_CITIZENSHIP_INVALID', `The citizenship cannot be recorded on a migrant dossier: ${errors.map((e) => e.message).join('; ')}.`, {
      errors,
    }),
};
