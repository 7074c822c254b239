/** Patent payments: the monthly fixed advance keeps a patent alive month by month. Pure. */
import { addMonths } from '../document.rules';

export { addMonths };

function parse(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

const fmt = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = parse(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fmt(d);
}

/**
 * The last day a patent is paid up to: the paid months counted from the issue date (a patent
 * lapses the day after the last paid month), never beyond the patent's own expiry. Null when
 * nothing is paid. A reversed payment (the ledger's correction) counts for nothing.
 */
export function patentPaidUntil(issuedOn: string, expiresOn: string | null, payments: { months: number; reversedAt?: Date | string | null }[]): string | null {
  const months = payments.reduce((sum, p) => (p.reversedAt ? sum : sum + p.months), 0);
  if (months === 0) return null;
  const paidUntil = addDays(addMonths(issuedOn, months), -1);
  return expiresOn && expiresOn < paidUntil ? expiresOn : paidUntil;
}
