/**
 * What to write so that the stored deadlines of a worker match their obligations (pure). Running
 * it on its own output changes nothing. A fulfilled, waived or missed deadline is history and stays;
 * an open one whose obligation no longer exists (the arrival date was corrected, the document
 * revoked, the placement cancelled) is removed, except a paid-up date that a payment moved on: that
 * one is done by the payment.
 */
import type { DeadlineKind } from './deadline-rules';
import type { FactPayment, Obligation } from './obligations.rules';

export type DeadlineStatus = 'OPEN' | 'DONE' | 'MISSED' | 'WAIVED';

export interface StoredDeadline {
  id: string;
  key: string;
  kind: DeadlineKind;
  dueDate: string;
  status: DeadlineStatus;
  employerId: string | null;
  sourceId: string;
  doneType: string | null;
  doneId: string | null;
  completedOn: string | null;
}

export interface DeadlineWrite {
  key: string;
  kind: DeadlineKind;
  dueDate: string;
  status: DeadlineStatus;
  employerId: string | null;
  sourceType: string;
  sourceId: string;
  doneType: string | null;
  doneId: string | null;
  completedOn: string | null;
}

export interface Reconciliation {
  create: DeadlineWrite[];
  update: { id: string; set: Partial<DeadlineWrite> }[];
  remove: string[];
}

function statusOf(o: Obligation, stored: StoredDeadline | undefined, today: string): DeadlineStatus {
  if (o.done) return 'DONE';
  if (stored?.status === 'WAIVED') return 'WAIVED';
  return o.dueDate < today ? 'MISSED' : 'OPEN';
}

/**
 * A paid-up date moved on by a payment (`PATENT_PAYMENT:<patent>:<date>` or
 * `STATUS_CLIFF:patent:<patent>:<date>`): only while that patent is current and now paid past it.
 */
function paidOnBy(s: StoredDeadline, payments: readonly FactPayment[], paidUntil: ReadonlyMap<string, string>): FactPayment | undefined {
  const patentKey = s.kind === 'PATENT_PAYMENT' || s.key.startsWith('STATUS_CLIFF:patent:');
  if (!patentKey) return undefined;
  // both keys end with the paid-up date they were about
  const now = paidUntil.get(s.sourceId);
  if (now === undefined || now <= s.key.slice(-10)) return undefined;
  return payments.filter((p) => p.documentId === s.sourceId).sort((a, b) => b.paidOn.localeCompare(a.paidOn))[0];
}

/** `paidUntil`: each current patent's paid-up date, by document id. */
export function reconcile(
  stored: readonly StoredDeadline[],
  desired: readonly Obligation[],
  payments: readonly FactPayment[],
  today: string,
  paidUntil: ReadonlyMap<string, string> = new Map(),
): Reconciliation {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const out: Reconciliation = { create: [], update: [], remove: [] };
  for (const o of desired) {
    const s = byKey.get(o.key);
    const want: DeadlineWrite = {
      key: o.key,
      kind: o.kind,
      dueDate: o.dueDate,
      status: statusOf(o, s, today),
      employerId: o.employerId,
      sourceType: o.source.type,
      sourceId: o.source.id,
      doneType: o.done?.type ?? null,
      doneId: o.done?.id ?? null,
      completedOn: o.done?.on ?? null,
    };
    if (!s) {
      out.create.push(want);
      continue;
    }
    const set: Partial<DeadlineWrite> = {};
    if (s.dueDate !== want.dueDate) set.dueDate = want.dueDate;
    if (s.status !== want.status) set.status = want.status;
    if (s.employerId !== want.employerId) set.employerId = want.employerId;
    if (s.doneId !== want.doneId) Object.assign(set, { doneType: want.doneType, doneId: want.doneId, completedOn: want.completedOn });
    if (Object.keys(set).length) out.update.push({ id: s.id, set });
  }
  const wanted = new Set(desired.map((o) => o.key));
  for (const s of stored) {
    if (wanted.has(s.key) || s.status === 'DONE' || s.status === 'WAIVED') continue;
    const payment = paidOnBy(s, payments, paidUntil);
    if (payment) out.update.push({ id: s.id, set: { status: 'DONE', doneType: 'patent_payment', doneId: payment.id, completedOn: payment.paidOn } });
    else if (s.status === 'OPEN') out.remove.push(s.id);
  }
  return out;
}
