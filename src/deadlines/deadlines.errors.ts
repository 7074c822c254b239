import { AppError } from '../common/errors/app-error';

export const DeadlineErrors = {
  notFound: () => new AppError(404, 'DEADLINE_NOT_FOUND', 'The deadline was not found.'),
  reasonRequired: () =>
    new AppError(422, 'WAIVE_REASON_REQUIRED', 'Waiving a deadline needs a reason.', { errors: [{ field: 'reason', message: 'is required to waive' }] }),
  notWaivable: (status: string) =>
    new AppError(
      409,
      'DEADLINE_STATE_CONFLICT',
      `A ${status} deadline cannot be changed this way: only OPEN or MISSED ones are waived, only WAIVED ones reopened.`,
      { status },
    ),
  ruleOverlaps: (id: string) =>
    new AppError(
      409,
      'DEADLINE_RULE_OVERLAPS',
      'Another rule for the same kind, trigger, regime and citizenship is in force on some of these days; end it first (rules are never edited: add a row).',
      { conflictingRuleId: id },
    ),
  ruleOffsetInvalid: () =>
    new AppError(422, 'DEADLINE_RULE_OFFSET_INVALID', 'A period before an event is counted in days or months, not working days.', {
      errors: [{ field: 'offset', message: 'must not be negative with WORKING_DAYS' }],
    }),
  ruleDatesInvalid: () =>
    new AppError(422, 'DEADLINE_RULE_DATES_INVALID', 'effectiveTo must not be before effectiveFrom.', {
      errors: [{ field: 'effectiveTo', message: 'must not be before effectiveFrom' }],
    }),
  calendarMissing: (year: number) =>
    new AppError(
      422,
      'CALENDAR_YEAR_MISSING',
      `A due date falls in ${year}, whose production calendar has not been entered; an administrator must enter it (PUT /reference/calendar/${year}).`,
      { year },
    ),
};
