import { AppError } from '../common/errors/app-error';
import type { MissingPaper } from './worker-lifecycle.rules';

/** Lifecycle moves that the papers or a planned placement forbid (issue 16, item 6). */
export const LifecycleErrors = {
  workAuthorizationRequired: (to: string, errors: MissingPaper[]) =>
    new AppError(422, 'WORK_AUTHORIZATION_REQUIRED', `The worker's papers do not allow ${to} today.`, { errors }),
  plannedPlacement: () =>
    new AppError(
      409,
      'WORKER_HAS_PLANNED_PLACEMENT',
      'The worker has a placement that has not started yet: it moves the worker to EMPLOYED on its start date. Cancel it first (POST /placements/:id/end).',
    ),
};
