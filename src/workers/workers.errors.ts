import { AppError } from '../common/errors/app-error';

export const WorkerErrors = {
  notFound: () => new AppError(404, 'WORKER_NOT_FOUND', 'The worker was not found.'),
  duplicateSuspected: (candidates: { id: string; caseNumber: string; name: string; birthDate: string; score: number; reason: string }[]) =>
    new AppError(409, 'WORKER_DUPLICATE_SUSPECTED', 'A worker with the same passport number, or a similar name and the same birth date, exists; repeat with force=true to create anyway.', {
      candidates,
    }),
  illegalTransition: (from: string, to: string, allowed: string[]) =>
    new AppError(409, 'ILLEGAL_TRANSITION', `A worker cannot go from ${from} to ${to}.`, { from, to, allowed }),
  invalidLinks: (errors: { field: string; message: string }[]) =>
    new AppError(422, 'WORKER_LINKS_INVALID', 'A linked record does not exist or does not fit.', { errors }),
  invalidDates: (errors: { field: string; message: string }[]) =>
    new AppError(422, 'WORKER_DATES_INVALID', 'Dates are not coherent.', { errors }),
};
