import { AppError, FieldError } from '../common/errors/app-error';

/** A failed rule of a decision: the field, the message and the rule's code. */
export interface RuleError extends FieldError {
  code: string;
  [key: string]: unknown;
}

export const LabourRequestErrors = {
  notFound: () => new AppError(404, 'LABOUR_REQUEST_NOT_FOUND', 'The labour request was not found.'),
  invalid: (errors: FieldError[]) => new AppError(422, 'LABOUR_REQUEST_INVALID', 'The labour request breaks a rule; see errors.', { errors }),
  notEditable: (currentStatus: string) =>
    new AppError(409, 'LABOUR_REQUEST_NOT_EDITABLE', `Only a DRAFT request may be changed; this one is ${currentStatus}.`, { currentStatus }),
  illegalTransition: (from: string, to: string, allowed: string[]) =>
    new AppError(409, 'ILLEGAL_TRANSITION', `A ${from} request cannot become ${to}.`, { from, to, allowed }),
  /**
   * Every failed rule of a decision at once. When all failures share one rule code (e.g. only the
   * quota), that code is the top-level code (QUOTA_EXHAUSTED, WAGE_BELOW_FLOOR, REGIONAL_BAN…);
   * failures of several rules answer DECISION_RULES_FAILED.
   */
  decisionRefused: (errors: RuleError[], extra: Record<string, unknown> = {}) => {
    const codes = [...new Set(errors.map((e) => e.code))];
    const code = codes.length === 1 ? codes[0] : 'DECISION_RULES_FAILED';
    return new AppError(422, code, `The decision breaks ${errors.length === 1 ? 'a rule' : `${errors.length} rules`}; see errors.`, { errors, ...extra });
  },
  /**
   * What stops a draft from being submitted, every failure at once: its period is over (PERIOD_ENDED),
   * its wage is below the floor of its year (WAGE_BELOW_FLOOR). One failed rule is the top-level
   * code; both answer SUBMISSION_RULES_FAILED.
   */
  submissionRefused: (errors: RuleError[]) => {
    const codes = [...new Set(errors.map((e) => e.code))];
    const code = codes.length === 1 ? codes[0] : 'SUBMISSION_RULES_FAILED';
    return new AppError(422, code, `The request cannot be submitted: it breaks ${errors.length === 1 ? 'a rule' : `${errors.length} rules`}; see errors.`, {
      errors,
    });
  },
};

export const QuotaErrors = {
  notFound: () => new AppError(404, 'QUOTA_ALLOCATION_NOT_FOUND', 'The quota allocation was not found.'),
  duplicate: () =>
    new AppError(409, 'QUOTA_ALLOCATION_DUPLICATE', 'An allocation for this year, occupation and citizenship already exists; change its limit instead.'),
  limitBelowApproved: (message: string, approved: number) =>
    new AppError(422, 'LIMIT_BELOW_APPROVED', 'The limit cannot be lower than the places already approved.', {
      errors: [{ field: 'limit', message }],
      approved,
    }),
};
