import { AppError, FieldError } from '../../common/errors/app-error';

export const RecruitmentErrors = {
  requestNotFound: () => new AppError(404, 'LABOUR_REQUEST_NOT_FOUND', 'The labour request was not found.'),
  orderNotFound: () => new AppError(404, 'RECRUITMENT_ORDER_NOT_FOUND', 'The recruitment order was not found.'),
  candidateNotFound: () => new AppError(404, 'CANDIDATE_NOT_FOUND', 'The worker is not a candidate on this recruitment order.'),
  arrivalNotFound: () => new AppError(404, 'ARRIVAL_NOT_FOUND', 'The arrival was not found.'),
  requestNotApproved: (status: string) =>
    new AppError(409, 'LABOUR_REQUEST_NOT_APPROVED', `Candidates can only be ordered for an APPROVED or PARTIALLY_APPROVED request; this one is ${status}.`, {
      requestStatus: status,
    }),
  invalidOrder: (errors: FieldError[]) => new AppError(422, 'RECRUITMENT_ORDER_INVALID', 'The recruitment order cannot be placed.', { errors }),
  orderNotOpen: (status: string) =>
    new AppError(409, 'RECRUITMENT_ORDER_NOT_OPEN', `The recruitment order is ${status}; it takes no more candidates.`, { orderStatus: status }),
  orderCancelled: () => new AppError(409, 'RECRUITMENT_ORDER_CANCELLED', 'The recruitment order is cancelled.', { orderStatus: 'CANCELLED' }),
  alreadyProposed: () => new AppError(409, 'CANDIDATE_ALREADY_PROPOSED', 'The worker is already a candidate on this recruitment order.'),
  invalidCandidate: (errors: FieldError[]) => new AppError(422, 'CANDIDATE_NOT_ELIGIBLE', 'The worker cannot be proposed on this order.', { errors }),
  alreadyDecided: (status: string) =>
    new AppError(409, 'CANDIDATE_ALREADY_DECIDED', `The candidate is already ${status}; only a PROPOSED candidate can be selected or declined.`, {
      candidateStatus: status,
      allowed: [],
    }),
  notSelectable: (errors: FieldError[]) => new AppError(422, 'CANDIDATE_NOT_SELECTABLE', 'The candidate cannot be selected.', { errors }),
  invalidArrival: (errors: FieldError[]) =>
    new AppError(422, 'ARRIVAL_WORKERS_INVALID', 'Only workers selected on this order and waiting to travel can be on an arrival.', { errors }),
  notExpected: (status: string) =>
    new AppError(409, 'ARRIVAL_NOT_EXPECTED', `The arrival is ${status}; only an EXPECTED arrival can be checked in.`, { arrivalStatus: status, allowed: [] }),
  invalidCheckIn: (errors: FieldError[]) => new AppError(422, 'CHECK_IN_INVALID', 'The check-in cannot be recorded.', { errors }),
  alreadyCheckedIn: (errors: FieldError[]) => new AppError(409, 'WORKER_ALREADY_CHECKED_IN', 'A worker can be checked in only once.', { errors }),
  /** `workers`: those the caller may see; `workerCount`: all of them. */
  inProgress: (workers: { workerId: string; caseNumber: string; status: string; orderId: string }[], workerCount: number) =>
    new AppError(
      409,
      'RECRUITMENT_IN_PROGRESS',
      `${workerCount} worker(s) recruited for this labour request are still SELECTED or IN_TRANSIT: check them in, deselect or close them first.`,
      { workers, workerCount },
    ),
};
