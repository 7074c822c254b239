import { exclusively } from '../infra/database/advisory-lock';
import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import type { DeadlineKind, DeadlineRule, DeadlineTrigger } from './deadline-rules';
import type { PeriodUnit } from './calendar.rules';
import type { FactDocument, FactNotification, FactPayment, FactPlacement, WorkerFacts } from './obligations.rules';
import type { DeadlineStatus, Reconciliation, StoredDeadline } from './reconcile.rules';
import { regimeOf } from '../workers/work-authorization.rules';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const DEADLINE_INCLUDE = {
  worker: { select: { id: true, caseNumber: true, lastNameLat: true, firstNameLat: true, caseworkerId: true } },
  employer: { select: { id: true, name: true } },
} as const;
export type DeadlineRecord = Prisma.DeadlineGetPayload<{ include: typeof DEADLINE_INCLUDE }>;

export interface DeadlineFilter {
  status?: DeadlineStatus;
  kind?: DeadlineKind;
  dueBefore?: string;
  overdueOn?: string;
  assigneeId?: string;
  workerId?: string;
  employerId?: string;
}

/** A worker as a recomputation sees them: facts, stored deadlines, and what their notices need. */
export interface WorkerSnapshot {
  facts: WorkerFacts;
  stored: StoredDeadline[];
  person: { caseNumber: string; languages: string[]; firstNameCyr: string; lastNameCyr: string; firstNameLat: string; lastNameLat: string };
}

export interface CreatedDeadline {
  id: string;
  workerId: string;
  kind: DeadlineKind;
  dueDate: string;
  status: DeadlineStatus;
}

export interface NoticeWrite {
  workerId: string;
  deadlineId: string;
  language: string;
  title: string;
  body: string;
}

interface FactsRow {
  id: string;
  citizenship: string;
  arrival_date: string | null;
  case_number: string;
  languages: string[];
  first_name_cyr: string;
  last_name_cyr: string;
  first_name_lat: string;
  last_name_lat: string;
  documents: FactDocument[];
  placements: FactPlacement[];
  notifications: FactNotification[];
  payments: FactPayment[];
  deadlines: StoredDeadline[];
  reference_stamp: string;
}

/** The only Prisma access for deadlines and their rules. */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Everything a recomputation reads, for a batch of workers, in one statement: each worker's facts
   * (what the obligations are computed from), the deadlines stored, and what their notices need;
   * plus a stamp of the reference data (rules and calendar) so that the caller can tell whether the
   * copy it holds is still current. Erased or unknown workers are absent.
   */
  async facts(tx: Tx, workerIds: string[]): Promise<{ workers: WorkerSnapshot[]; referenceStamp: string }> {
    const rows = await tx.$queryRaw<FactsRow[]>`
      SELECT w.id, w.citizenship, to_char(w.arrival_date, 'YYYY-MM-DD') AS arrival_date, w.case_number, w.languages,
        w.first_name_cyr, w.last_name_cyr, w.first_name_lat, w.last_name_lat,
        (SELECT coalesce(json_agg(json_build_object('id', d.id, 'type', d.type, 'status', d.status, 'issuedOn', d.issued_on, 'expiresOn', d.expires_on,
                 'paidUntil', d.paid_until, 'supersedesId', d.supersedes_id)), '[]') FROM worker_documents d WHERE d.worker_id = w.id) AS documents,
        (SELECT coalesce(json_agg(json_build_object('id', p.id, 'employerId', p.employer_id, 'startDate', p.start_date, 'endDate', p.end_date, 'status', p.status)), '[]')
           FROM placements p WHERE p.worker_id = w.id) AS placements,
        (SELECT coalesce(json_agg(json_build_object('id', n.id, 'placementId', n.placement_id, 'kind', n.kind, 'notifiedOn', n.notified_on)), '[]')
           FROM contract_notifications n JOIN placements p ON p.id = n.placement_id WHERE p.worker_id = w.id) AS notifications,
        (SELECT coalesce(json_agg(json_build_object('id', pp.id, 'documentId', pp.document_id, 'paidOn', pp.paid_on)), '[]')
           FROM patent_payments pp WHERE pp.worker_id = w.id AND pp.reversed_at IS NULL) AS payments,
        (SELECT coalesce(json_agg(json_build_object('id', dl.id, 'key', dl.key, 'kind', dl.kind, 'dueDate', dl.due_date, 'status', dl.status, 'employerId', dl.employer_id,
                 'sourceId', dl.source_id, 'doneType', dl.done_type, 'doneId', dl.done_id, 'completedOn', dl.completed_on)), '[]')
           FROM deadlines dl WHERE dl.worker_id = w.id) AS deadlines,
        (SELECT count(*) || '/' || coalesce(max(created_at)::text, '') FROM deadline_rules)
          || '|' || (SELECT coalesce(string_agg(year || ':' || version, ',' ORDER BY year), '') FROM calendar_years) AS reference_stamp
      FROM workers w WHERE w.id = ANY(${workerIds}::uuid[]) AND w.erased_at IS NULL`;
    const stamp = rows[0]?.reference_stamp ?? '';
    return {
      referenceStamp: stamp,
      workers: rows.map((w) => ({
        facts: {
          workerId: w.id,
          citizenship: w.citizenship,
          regime: regimeOf(w.citizenship),
          arrivalDate: w.arrival_date,
          documents: w.documents,
          placements: w.placements,
          notifications: w.notifications,
          payments: w.payments,
        },
        stored: w.deadlines,
        person: { caseNumber: w.case_number, languages: w.languages, firstNameCyr: w.first_name_cyr, lastNameCyr: w.last_name_cyr, firstNameLat: w.first_name_lat, lastNameLat: w.last_name_lat },
      })),
    };
  }

  /**
   * Writes the reconciliations of a batch of workers: one DELETE, one UPDATE and one INSERT at most,
   * whatever the count. `stored` holds the rows the plans were computed from (an update writes the
   * stored row with the plan's changes). Returns the rows created.
   */
  async apply(tx: Tx, plans: { workerId: string; plan: Reconciliation; stored: readonly StoredDeadline[] }[], actorId: string | null): Promise<CreatedDeadline[]> {
    const remove = plans.flatMap((p) => p.plan.remove);
    if (remove.length) await tx.deadline.deleteMany({ where: { id: { in: remove } } });
    const updates = plans.flatMap(({ plan, stored }) => {
      const byId = new Map(stored.map((s) => [s.id, s]));
      return plan.update.map((u) => {
        const row = { ...byId.get(u.id)!, ...u.set };
        const doneChanged = u.set.completedOn !== undefined;
        return {
          id: u.id,
          due_date: row.dueDate,
          status: row.status,
          employer_id: row.employerId,
          done_changed: doneChanged,
          done_type: row.doneType,
          done_id: row.doneId,
          completed_on: row.completedOn,
          completed_by_id: doneChanged && row.completedOn ? actorId : null,
        };
      });
    });
    if (updates.length) {
      await tx.$executeRaw`
        UPDATE deadlines d SET due_date = v.due_date, status = v.status::"DeadlineStatus", employer_id = v.employer_id,
          done_type = CASE WHEN v.done_changed THEN v.done_type ELSE d.done_type END,
          done_id = CASE WHEN v.done_changed THEN v.done_id ELSE d.done_id END,
          completed_on = CASE WHEN v.done_changed THEN v.completed_on ELSE d.completed_on END,
          completed_by_id = CASE WHEN v.done_changed THEN v.completed_by_id ELSE d.completed_by_id END,
          version = d.version + 1, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS v(id uuid, due_date date, status text, employer_id uuid, done_changed boolean,
          done_type text, done_id uuid, completed_on date, completed_by_id uuid)
        WHERE d.id = v.id`;
    }
    const create = plans.flatMap(({ workerId, plan }) =>
      plan.create.map((c) => ({
        ...c,
        workerId,
        dueDate: date(c.dueDate),
        completedOn: c.completedOn ? date(c.completedOn) : null,
        completedById: c.completedOn ? actorId : null,
      })),
    );
    if (!create.length) return [];
    const rows = await tx.deadline.createManyAndReturn({ data: create, skipDuplicates: true, select: { id: true, workerId: true, kind: true, dueDate: true, status: true } });
    return rows.map((r) => ({ id: r.id, workerId: r.workerId, kind: r.kind, dueDate: day(r.dueDate)!, status: r.status }));
  }

  private where(scope: RecordScope, f: DeadlineFilter): Prisma.DeadlineWhereInput {
    const and: Prisma.DeadlineWhereInput[] = [
      // scope: an employer sees its own obligations only; a liaison officer its agencies' workers'
      { worker: { erasedAt: null, ...(scope.agencyIds ? { partnerAgencyId: { in: scope.agencyIds } } : {}) } },
    ];
    if (scope.employerId) and.push({ employerId: scope.employerId });
    if (f.status) and.push({ status: f.status });
    if (f.kind) and.push({ kind: f.kind });
    if (f.workerId) and.push({ workerId: f.workerId });
    if (f.employerId) and.push({ employerId: f.employerId });
    // the worker's caseworker, copied onto each deadline (see the schema): one index range in due-date order
    if (f.assigneeId) and.push({ assigneeId: f.assigneeId });
    if (f.dueBefore) and.push({ dueDate: { lte: date(f.dueBefore) } });
    if (f.overdueOn) and.push({ dueDate: { lt: date(f.overdueOn) }, status: { in: ['OPEN', 'MISSED'] } });
    return { AND: and };
  }

  /** A page in due-date order (then id), after the cursor position. */
  list(scope: RecordScope, f: DeadlineFilter, take: number, after?: { value: string; id: string }): Promise<DeadlineRecord[]> {
    const where = this.where(scope, f);
    const cursor: Prisma.DeadlineWhereInput = after
      ? { OR: [{ dueDate: { gt: date(after.value) } }, { dueDate: date(after.value), id: { gt: after.id } }] }
      : {};
    return this.prisma.deadline.findMany({ where: { AND: [where, cursor] }, include: DEADLINE_INCLUDE, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }], take });
  }

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<DeadlineRecord | null> {
    return tx.deadline.findFirst({ where: { AND: [{ id }, this.where(scope, {})] }, include: DEADLINE_INCLUDE });
  }

  /** Changes status and reason if the version is still `version`; false when it moved. */
  async setStatus(tx: Tx, id: string, version: number, status: DeadlineStatus, waiveReason: string | null, actorId: string): Promise<boolean> {
    const res = await tx.deadline.updateMany({
      where: { id, version },
      data: { status, waiveReason, completedById: status === 'WAIVED' ? actorId : null, version: { increment: 1 } },
    });
    return res.count === 1;
  }

  /** Counts by kind and status, and of the open ones: overdue, due within 7 and 30 days. */
  async summary(scope: RecordScope, today: string, in7: string, in30: string) {
    const where = this.where(scope, {});
    const [byStatus, overdue, due7, due30] = await Promise.all([
      this.prisma.deadline.groupBy({ by: ['kind', 'status'], where, _count: { _all: true } }),
      this.prisma.deadline.groupBy({ by: ['kind'], where: { AND: [where, { status: { in: ['OPEN', 'MISSED'] }, dueDate: { lt: date(today) } }] }, _count: { _all: true } }),
      this.prisma.deadline.groupBy({ by: ['kind'], where: { AND: [where, { status: 'OPEN', dueDate: { gte: date(today), lte: date(in7) } }] }, _count: { _all: true } }),
      this.prisma.deadline.groupBy({ by: ['kind'], where: { AND: [where, { status: 'OPEN', dueDate: { gte: date(today), lte: date(in30) } }] }, _count: { _all: true } }),
    ]);
    return { byStatus, overdue, due7, due30 };
  }

  /** Writes the notices of deadlines that have none in that language yet; the ids of those written. */
  async createNotices(tx: Tx, notices: NoticeWrite[]): Promise<string[]> {
    if (!notices.length) return [];
    const created = await tx.workerNotice.createManyAndReturn({ data: notices, skipDuplicates: true, select: { id: true } });
    return created.map((n) => n.id);
  }

  /**
   * Rewrites the notices whose text changed (their deadline's due date moved) and marks them unsent,
   * so that the worker is told the new date; the ids of those rewritten.
   */
  async reissueNotices(tx: Tx, notices: NoticeWrite[]): Promise<string[]> {
    if (!notices.length) return [];
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE worker_notices n SET title = v.title, body = v.body, sent_at = NULL
      FROM jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) AS v("deadlineId" uuid, language text, title text, body text)
      WHERE n.deadline_id = v."deadlineId" AND n.language = v.language AND (n.title <> v.title OR n.body <> v.body)
      RETURNING n.id`;
    return rows.map((r) => r.id);
  }

  notices(workerId: string) {
    return this.prisma.workerNotice.findMany({
      where: { workerId },
      include: { deadline: { select: { kind: true, dueDate: true, status: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
  }

  /** Whether the worker exists and is in the scope (a liaison officer's agencies; employers never come here). */
  async workerVisible(id: string, scope: RecordScope): Promise<boolean> {
    const found = await this.prisma.worker.findFirst({
      where: { id, erasedAt: null, ...(scope.agencyIds ? { partnerAgencyId: { in: scope.agencyIds } } : {}) },
      select: { id: true },
    });
    return found !== null;
  }

  // ── rules ────────────────────────────────────────────────────────────────────────────────
  async rules(tx: Tx = this.prisma): Promise<(DeadlineRule & { id: string })[]> {
    const rows = await tx.deadlineRuleRow.findMany({ orderBy: [{ kind: 'asc' }, { effectiveFrom: 'asc' }] });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      trigger: r.trigger as DeadlineTrigger,
      regime: r.regime as DeadlineRule['regime'],
      citizenship: r.citizenship,
      offset: r.offset,
      unit: r.unit as PeriodUnit,
      effectiveFrom: day(r.effectiveFrom)!,
      effectiveTo: day(r.effectiveTo),
      note: r.note,
    }));
  }

  async addRule(tx: Tx, rule: DeadlineRule, actorId: string | null): Promise<string> {
    const row = await tx.deadlineRuleRow.create({
      data: { ...rule, effectiveFrom: date(rule.effectiveFrom), effectiveTo: rule.effectiveTo ? date(rule.effectiveTo) : null, createdById: actorId },
    });
    return row.id;
  }

  /** Runs `fn` while holding a lock named `name` over every process, or answers null when another holds it. */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T | null> {
    return exclusively(this.prisma, name, fn, 24 * 3_600_000);
  }

  /** Serialises rule additions so that two overlapping rows cannot both pass the check. */
  async lockRules(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('deadline_rules'))`;
  }

  async seedRulesIfEmpty(rules: DeadlineRule[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await this.lockRules(tx);
      if ((await tx.deadlineRuleRow.count()) > 0) return;
      for (const r of rules) await this.addRule(tx, r, null);
    });
  }

  /** Workers whose deadlines were never computed (backfill at start), a batch at a time. */
  async workersWithoutDeadlines(afterId: string | null, take: number): Promise<string[]> {
    const rows = await this.prisma.worker.findMany({
      where: { erasedAt: null, deadlines: { none: {} }, ...(afterId ? { id: { gt: afterId } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
      take,
    });
    return rows.map((r) => r.id);
  }
}
