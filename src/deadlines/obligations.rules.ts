/**
 * Which obligations a worker (and their employers) have, when each is due and which record
 * fulfilled it: a pure function of the worker's records, the rules and the calendar. Persisting them
 * (deadlines.repository.ts) only compares this answer with what is stored, so recomputing twice
 * changes nothing.
 */
import { periodEnd, ProductionCalendar } from './calendar.rules';
import { DeadlineKind, DeadlineRule, DeadlineTrigger, ruleInForce } from './deadline-rules';
import type { MigrationRegime } from '../workers/work-authorization.rules';

export interface FactDocument {
  id: string;
  type: string;
  /** VALID, SUPERSEDED or REVOKED. */
  status: string;
  issuedOn: string | null;
  expiresOn: string | null;
  paidUntil: string | null;
  supersedesId: string | null;
}

export interface FactPlacement {
  id: string;
  employerId: string;
  startDate: string;
  endDate: string | null;
  /** PLANNED, ACTIVE, ENDED or CANCELLED. */
  status: string;
}

export interface FactNotification {
  id: string;
  placementId: string;
  kind: 'CONCLUSION' | 'TERMINATION';
  notifiedOn: string;
}

export interface FactPayment {
  id: string;
  documentId: string;
  paidOn: string;
}

export interface WorkerFacts {
  workerId: string;
  citizenship: string;
  regime: MigrationRegime;
  arrivalDate: string | null;
  documents: FactDocument[];
  placements: FactPlacement[];
  notifications: FactNotification[];
  payments: FactPayment[];
}

export interface Obligation {
  /** Unique per worker: the kind and the record the period runs from. */
  key: string;
  kind: DeadlineKind;
  dueDate: string;
  employerId: string | null;
  source: { type: 'worker' | 'document' | 'placement'; id: string };
  /** The record that fulfilled it, if one has. */
  done: { type: 'document' | 'contract_notification' | 'patent_payment' | 'placement'; id: string; on: string } | null;
}

const current = (d: FactDocument) => d.status === 'VALID';
const byIssue = (a: FactDocument, b: FactDocument) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? '');
/** The first document of a type issued on or after `from` (any status but revoked): it fulfils an obligation dated from `from`. */
function firstSince(docs: FactDocument[], type: string, from: string): FactDocument | undefined {
  return docs.filter((d) => d.type === type && d.status !== 'REVOKED' && d.issuedOn !== null && d.issuedOn >= from).sort(byIssue)[0];
}

/** Every obligation of the worker under the rules in force on each triggering day. */
export function obligationsOf(facts: WorkerFacts, rules: readonly DeadlineRule[], calendar: ProductionCalendar): Obligation[] {
  const out: Obligation[] = [];
  const worker = { citizenship: facts.citizenship, regime: facts.regime };
  const add = (
    kind: DeadlineKind,
    trigger: DeadlineTrigger,
    eventDay: string,
    key: string,
    source: Obligation['source'],
    done: Obligation['done'],
    employerId: string | null = null,
  ) => {
    const rule = ruleInForce(rules, kind, trigger, worker, eventDay);
    if (rule) out.push({ key, kind, dueDate: periodEnd(calendar, eventDay, rule.offset, rule.unit), employerId, source, done });
  };
  const docs = facts.documents;
  const asDone = (d: FactDocument | undefined): Obligation['done'] => (d ? { type: 'document', id: d.id, on: d.issuedOn! } : null);

  if (facts.arrivalDate) {
    const arrived = facts.arrivalDate;
    const self = { type: 'worker' as const, id: facts.workerId };
    add(
      'MIGRATION_REGISTRATION',
      'ARRIVAL',
      arrived,
      `MIGRATION_REGISTRATION:arrival:${arrived}`,
      self,
      asDone(firstSince(docs, 'REGISTRATION_NOTICE', arrived)),
    );
    add('MEDICAL_EXAM', 'ARRIVAL', arrived, `MEDICAL_EXAM:arrival:${arrived}`, self, asDone(firstSince(docs, 'MEDICAL_CERTIFICATE', arrived)));
    add('PATENT_APPLICATION', 'ARRIVAL', arrived, `PATENT_APPLICATION:arrival:${arrived}`, self, asDone(firstSince(docs, 'PATENT', arrived)));
  }

  // current documents, and renewed ones: a renewal fulfils what its predecessor owed (it is not forgotten)
  for (const d of docs.filter((x) => current(x) || (x.status === 'SUPERSEDED' && docs.some((r) => r.supersedesId === x.id)))) {
    const src = { type: 'document' as const, id: d.id };
    const renewal = docs.find((r) => r.supersedesId === d.id);
    if (d.type === 'MEDICAL_CERTIFICATE' && d.issuedOn) {
      add(
        'MEDICAL_EXAM',
        'MEDICAL_ISSUED',
        d.issuedOn,
        `MEDICAL_EXAM:renewal:${d.id}`,
        src,
        asDone(
          renewal ??
            firstSince(
              docs.filter((o) => o.id !== d.id),
              'MEDICAL_CERTIFICATE',
              d.issuedOn,
            ),
        ),
      );
    }
    if (d.type === 'PATENT' && d.issuedOn && current(d)) {
      const copy = firstSince(docs, 'LABOUR_CONTRACT', d.issuedOn);
      add('CONTRACT_COPY', 'PATENT_ISSUED', d.issuedOn, `CONTRACT_COPY:${d.id}`, src, asDone(copy));
    }
    if (d.type === 'PATENT' && d.paidUntil && current(d)) {
      // one obligation per paid-up date: a payment that moves the date fulfils it, and the next one is due
      add('PATENT_PAYMENT', 'PAID_UNTIL', d.paidUntil, `PATENT_PAYMENT:${d.id}:${d.paidUntil}`, src, null);
      add('STATUS_CLIFF', 'PAID_UNTIL', d.paidUntil, `STATUS_CLIFF:patent:${d.id}:${d.paidUntil}`, src, null);
    }
    if (d.type === 'REGISTRATION_NOTICE' && d.expiresOn) {
      add('STATUS_CLIFF', 'REGISTRATION_EXPIRY', d.expiresOn, `STATUS_CLIFF:registration:${d.id}:${d.expiresOn}`, src, asDone(renewal));
    }
    if (d.expiresOn) add('DOCUMENT_EXPIRY', 'DOCUMENT_EXPIRY', d.expiresOn, `DOCUMENT_EXPIRY:${d.id}:${d.expiresOn}`, src, asDone(renewal));
  }

  const live = facts.placements.filter((p) => p.status !== 'CANCELLED');
  for (const p of live) {
    const src = { type: 'placement' as const, id: p.id };
    const notice = (kind: FactNotification['kind']) => {
      const n = facts.notifications.find((x) => x.placementId === p.id && x.kind === kind);
      return n ? { type: 'contract_notification' as const, id: n.id, on: n.notifiedOn } : null;
    };
    add('CONTRACT_NOTIFICATION', 'PLACEMENT_START', p.startDate, `CONTRACT_NOTIFICATION:${p.id}`, src, notice('CONCLUSION'), p.employerId);
    if (p.endDate) {
      if (p.status === 'ENDED') {
        add(
          'CONTRACT_TERMINATION_NOTIFICATION',
          'PLACEMENT_END',
          p.endDate,
          `CONTRACT_TERMINATION_NOTIFICATION:${p.id}`,
          src,
          notice('TERMINATION'),
          p.employerId,
        );
      }
      const next = live.find((o) => o.id !== p.id && o.startDate > p.startDate && o.startDate <= addOne(p.endDate!));
      add(
        'STATUS_CLIFF',
        'PLACEMENT_END',
        p.endDate,
        `STATUS_CLIFF:placement:${p.id}:${p.endDate}`,
        src,
        next ? { type: 'placement', id: next.id, on: next.startDate } : null,
      );
    }
  }
  return out;
}

function addOne(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
