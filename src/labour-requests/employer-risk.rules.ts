/**
 * The employer risk indicator (DOMAIN.md, "Employer risk"): late MVD notices count against an
 * employer, and a notice never made past its due date counts worse. Pure: dates are ISO strings
 * (YYYY-MM-DD); "today" comes from the injected clock. The due date is the placements' own rule
 * (contract date + NOTICE_WORKING_DAYS working days), imported, not copied.
 */
import { CalendarYearMissing, ProductionCalendar } from '../deadlines/calendar.rules';
import { ContractNotificationKind, noticeDueOn } from '../placements/contract-notification.rules';

export interface NoticePlacement {
  /** The contract's first day. */
  startDate: string;
  /** The contract's last day; null while it runs. */
  endDate: string | null;
  /** Whether the placement has ended (only an ended one owes a TERMINATION notice). */
  ended: boolean;
  /** The notices recorded for it. */
  notices: readonly ContractNotificationKind[];
}

/** The notices a placement owes that are still not made after their due date (0, 1 or 2). */
export function missingNotices(p: NoticePlacement, today: string, calendar: ProductionCalendar): ContractNotificationKind[] {
  // a due date in a year with no calendar entered is not counted (the deadlines list says why)
  const overdue = (contractDate: string) => {
    try {
      return noticeDueOn(calendar, contractDate) < today;
    } catch (e) {
      if (e instanceof CalendarYearMissing) return false;
      throw e;
    }
  };
  const missing: ContractNotificationKind[] = [];
  if (!p.notices.includes('CONCLUSION') && overdue(p.startDate)) missing.push('CONCLUSION');
  if (p.ended && p.endDate !== null && !p.notices.includes('TERMINATION') && overdue(p.endDate)) missing.push('TERMINATION');
  return missing;
}

/** The employer's notices to the MVD never made although their due date has passed. */
export function missingContractNotifications(placements: readonly NoticePlacement[], today: string, calendar: ProductionCalendar): number {
  return placements.reduce((n, p) => n + missingNotices(p, today, calendar).length, 0);
}
