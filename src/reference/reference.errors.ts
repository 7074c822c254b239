import { AppError, CommonErrors } from '../common/errors/app-error';

export const ReferenceErrors = {
  banNotFound: () => new AppError(404, 'BAN_NOT_FOUND', 'The regional ban was not found.'),
  banDatesInvalid: () =>
    new AppError(422, 'BAN_DATES_INVALID', 'effectiveTo must be after effectiveFrom.', {
      errors: [{ field: 'effectiveTo', message: 'effectiveTo must be after effectiveFrom' }],
    }),
  /** Another part of the system needs a figure that no administrator has entered yet. */
  missing: (what: string) => new AppError(422, 'REFERENCE_MISSING', `Reference data is missing: ${what}. An administrator must enter it.`),
  occupationUnknown: (code: string) =>
    new AppError(422, 'OCCUPATION_UNKNOWN', `No occupation with the ОКЗ code ${code} is on the list; add it first.`, {
      errors: [{ field: 'occupationCode', message: `unknown occupation ${code}` }],
    }),
  calendarMissing: (year: number) => new AppError(404, 'CALENDAR_NOT_FOUND', `No production calendar has been entered for ${year}.`),
  badParam: (field: string, message: string) => CommonErrors.validation([{ field, message }]),
};
