import { AppError, FieldError } from '../common/errors/app-error';

/** A field error with the rule that failed (`code`), as the 422s of this folder list them. */
export type RuleError = FieldError & { code: string };

export const PlacementErrors = {
  notFound: () => new AppError(404, 'PLACEMENT_NOT_FOUND', 'The placement was not found.'),
  linksInvalid: (errors: RuleError[]) => new AppError(422, 'PLACEMENT_LINKS_INVALID', 'The labour request or the worker does not exist.', { errors }),
  preconditions: (errors: RuleError[]) => new AppError(422, 'PLACEMENT_PRECONDITIONS_FAILED', 'The worker cannot be placed under this request.', { errors }),
  headcountReached: () => {
    const errors: RuleError[] = [{ field: 'labourRequestId', message: 'all approved places are taken', code: 'HEADCOUNT_REACHED' }];
    return new AppError(422, 'HEADCOUNT_REACHED', 'Every approved place of the labour request is taken.', { errors });
  },
  workerAlreadyPlaced: () => new AppError(409, 'WORKER_ALREADY_PLACED', 'The worker already has an active placement.'),
  alreadyEnded: () => new AppError(409, 'PLACEMENT_ALREADY_ENDED', 'The placement has already ended or was cancelled.'),
  startedMeanwhile: () => new AppError(409, 'PLACEMENT_STARTED', 'The placement started meanwhile: end it with the last day of work instead.'),
  endInvalid: (errors: RuleError[]) => new AppError(422, 'PLACEMENT_END_INVALID', 'The end date is not acceptable.', { errors }),
};

export const ContractNotificationErrors = {
  notFound: () => new AppError(404, 'CONTRACT_NOTIFICATION_NOT_FOUND', 'The contract notification was not found on this placement.'),
  cancelled: () => new AppError(409, 'PLACEMENT_CANCELLED', 'The placement was cancelled before it started: there is no contract to notify.'),
  unchanged: () => {
    const errors: RuleError[] = [
      { field: 'notifiedOn', message: 'must differ from the recorded notice (or change the reference)', code: 'CORRECTION_CHANGES_NOTHING' },
    ];
    return new AppError(
      422,
      'CONTRACT_NOTIFICATION_UNCHANGED',
      'The correction changes nothing: give a notifiedOn or reference that differs from the recorded one.',
      { errors },
    );
  },
  notEnded: () => new AppError(409, 'PLACEMENT_NOT_ENDED', 'A termination notice needs the placement to have ended first.'),
  duplicate: (kind: string) => new AppError(409, 'CONTRACT_NOTIFICATION_DUPLICATE', `A ${kind} notice is already recorded for this placement.`),
  invalid: (errors: RuleError[]) => new AppError(422, 'CONTRACT_NOTIFICATION_INVALID', 'The notice date is not acceptable.', { errors }),
};
