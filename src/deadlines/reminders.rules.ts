/**
 * When reminders go out (pure). A deadline's reminder for a lead of N days is due N days before its
 * due date. The scan sends, for each open deadline, only the latest lead whose day has come: after a
 * downtime it catches up once instead of flooding stale reminders, and a lead sent before (one row
 * per deadline and lead) is never sent again.
 */

export const DEFAULT_LEADS = [14, 7, 3, 1, 0];

const DAY = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** The lead to remind of on `today`, or null (not yet, or the day has passed). */
export function leadDue(dueDate: string, today: string, leads: readonly number[]): number | null {
  const left = daysBetween(today, dueDate);
  if (left < 0) return null;
  const reached = leads.filter((l) => l >= left);
  return reached.length ? Math.min(...reached) : null;
}

/** Building a formatter costs far more than using one (it loads the zone's data), and every request asks for today. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day a scan on `now` counts as, in the Centre's time zone. */
export function localDay(now: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** Leads as an administrator enters them: whole days 0–365, each once, largest first. */
export function normaliseLeads(days: readonly number[]): number[] | null {
  if (!days.length || days.some((d) => !Number.isInteger(d) || d < 0 || d > 365) || new Set(days).size !== days.length) return null;
  return [...days].sort((a, b) => b - a);
}
