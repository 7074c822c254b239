/**
 * The employer's notices to the MVD that a labour contract was concluded or ended (DOMAIN.md,
 * "Rules by citizenship": due within 3 working days, in every regime). Pure: dates are ISO
 * strings (YYYY-MM-DD) on whole UTC days; "today" is always passed in.
 */
import { addWorkingDays, ProductionCalendar } from '../deadlines/calendar.rules';
import { isIsoDate } from '../workers/document.rules';

export type ContractNotificationKind = 'CONCLUSION' | 'TERMINATION';

/** Working days the employer has after the contract is concluded or ends. */
export const NOTICE_WORKING_DAYS = 3;

/** `iso` itself when it is a real ISO date (YYYY-MM-DD; such strings compare as dates), else a RangeError naming `what`. */
function checkedDay(iso: string, what: string): string {
  if (!isIsoDate(iso)) throw new RangeError(`${what} must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(iso)}`);
  return iso;
}

/** The last day of the employer's notice: the contract date + 3 working days of the production calendar. */
export function noticeDueOn(calendar: ProductionCalendar, contractDate: string): string {
  return addWorkingDays(calendar, checkedDay(contractDate, 'contract date'), NOTICE_WORKING_DAYS);
}

export interface NotificationInput {
  kind: ContractNotificationKind;
  notifiedOn: string;
  /** The contract's first day (the placement's start date). */
  startDate: string;
  /** The contract's last day; null while it runs (a TERMINATION needs it). */
  endDate: string | null;
  /** From the injected clock. */
  today: string;
  /** The production calendar (a due date in a year it lacks throws CalendarYearMissing). */
  calendar: ProductionCalendar;
}

export interface NotificationProblem {
  field: 'notifiedOn';
  code: 'NOTICE_BEFORE_CONTRACT_DATE' | 'NOTICE_IN_FUTURE';
  message: string;
}

export interface NotificationAssessment {
  problems: NotificationProblem[];
  /** The contract date the notice is about: the start (CONCLUSION) or the end (TERMINATION). */
  contractDate: string;
  /** The contract date + 3 working days. */
  dueOn: string;
  /** Sent after dueOn. */
  late: boolean;
}

/**
 * Checks a notice and computes its deadline. A TERMINATION of a contract that has not ended
 * is a state conflict the caller refuses before (no end date to count from): it throws here.
 */
export function assessNotification(input: NotificationInput): NotificationAssessment {
  const contractDate = input.kind === 'CONCLUSION' ? input.startDate : input.endDate;
  if (contractDate === null) throw new RangeError('a TERMINATION notice needs the contract end date');
  const notified = checkedDay(input.notifiedOn, 'notifiedOn');
  const problems: NotificationProblem[] = [];
  if (notified < checkedDay(contractDate, 'contract date')) {
    const what = input.kind === 'CONCLUSION' ? 'concluded (start date)' : 'ended (end date)';
    problems.push({ field: 'notifiedOn', code: 'NOTICE_BEFORE_CONTRACT_DATE', message: `must not be before the contract was ${what} ${contractDate}` });
  }
  if (notified > checkedDay(input.today, 'today')) {
    problems.push({ field: 'notifiedOn', code: 'NOTICE_IN_FUTURE', message: `must not be in the future (today is ${input.today})` });
  }
  const dueOn = noticeDueOn(input.calendar, contractDate);
  return { problems, contractDate, dueOn, late: notified > dueOn };
}
