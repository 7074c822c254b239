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

/** A deadline as the lists show it, with its worker's case number and caseworker and its employer's name. */
export interface DeadlineRecord {
  id: string;
  workerId: string;
  employerId: string | null;
  key: string;
  kind: DeadlineKind;
  /** ISO dates */
  dueDate: string;
  status: DeadlineStatus;
  sourceType: string;
  sourceId: string;
  doneType: string | null;
  doneId: string | null;
  completedOn: string | null;
  completedById: string | null;
  waiveReason: string | null;
  version: number;
  updatedAt: Date;
  worker: { id: string; caseNumber: string; lastNameLat: string; firstNameLat: string; caseworkerId: string | null };
  employer: { id: string; name: string } | null;
}

export interface SummaryRow {
  kind: DeadlineKind;
  status: DeadlineStatus;
  count: number;
  overdue: number;
  due7: number;
  due30: number;
}

interface ListRow {
  id: string;
  worker_id: string;
  employer_id: string | null;
  key: string;
  kind: DeadlineKind;
  due_date: string;
  status: DeadlineStatus;
  source_type: string;
  source_id: string;
  done_type: string | null;
  done_id: string | null;
  completed_on: string | null;
  completed_by_id: string | null;
  waive_reason: string | null;
  version: number;
  updated_at: Date;
  case_number: string;
  last_name_lat: string;
  first_name_lat: string;
  caseworker_id: string | null;
  employer_name: string | null;
}

/** Scope and filter over `d` (deadlines) joined with `w` (its worker). */
function conditions(scope: RecordScope, f: DeadlineFilter): Prisma.Sql[] {
  const and: Prisma.Sql[] = [Prisma.sql`w.erased_at IS NULL`];
  // scope: an employer sees its own obligations only; a liaison officer its agencies' workers'
  if (scope.agencyIds) and.push(Prisma.sql`w.partner_agency_id = ANY (${scope.agencyIds}::uuid[])`);
  if (scope.employerId) and.push(Prisma.sql`d.employer_id = ${scope.employerId}::uuid`);
  if (f.id) and.push(Prisma.sql`d.id = ${f.id}::uuid`);
  if (f.status) and.push(Prisma.sql`d.status = ${f.status}::"DeadlineStatus"`);
  if (f.kind) and.push(Prisma.sql`d.kind = ${f.kind}::"DeadlineKind"`);
  if (f.workerId) and.push(Prisma.sql`d.worker_id = ${f.workerId}::uuid`);
  if (f.employerId) and.push(Prisma.sql`d.employer_id = ${f.employerId}::uuid`);
  // the worker's caseworker, copied onto each deadline (see the schema): one index range in due-date order
  if (f.assigneeId) and.push(Prisma.sql`d.assignee_id = ${f.assigneeId}::uuid`);
  if (f.dueBefore) and.push(Prisma.sql`d.due_date <= ${f.dueBefore}::date`);
  if (f.overdueOn) and.push(Prisma.sql`d.due_date < ${f.overdueOn}::date AND d.status IN ('OPEN', 'MISSED')`);
  return and;
}

function listRecord(r: ListRow): DeadlineRecord {
  return {
    id: r.id,
    workerId: r.worker_id,
    employerId: r.employer_id,
    key: r.key,
    kind: r.kind,
    dueDate: r.due_date,
    status: r.status,
    sourceType: r.source_type,
    sourceId: r.source_id,
    doneType: r.done_type,
    doneId: r.done_id,
    completedOn: r.completed_on,
    completedById: r.completed_by_id,
    waiveReason: r.waive_reason,
    version: r.version,
    updatedAt: r.updated_at,
    worker: { id: r.worker_id, caseNumber: r.case_number, lastNameLat: r.last_name_lat, firstNameLat: r.first_name_lat, caseworkerId: r.caseworker_id },
    employer: r.employer_id && r.employer_name !== null ? { id: r.employer_id, name: r.employer_name } : null,
  };
}

export interface DeadlineFilter {
  id?: string;
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
        (SELECT coalesce(json_agg(json_build_object('id', p.id, 'employerId', p.employer_id, 'startDate', p.start_date,
                 'endDate', p.end_date, 'status', p.status)), '[]')
           FROM placements p WHERE p.worker_id = w.id) AS placements,
        (SELECT coalesce(json_agg(json_build_object('id', n.id, 'placementId', n.placement_id, 'kind', n.kind, 'notifiedOn', n.notified_on)), '[]')
           FROM contract_notifications n JOIN placements p ON p.id = n.placement_id WHERE p.worker_id = w.id) AS notifications,
        (SELECT coalesce(json_agg(json_build_object('id', pp.id, 'documentId', pp.document_id, 'paidOn', pp.paid_on)), '[]')
           FROM patent_payments pp WHERE pp.worker_id = w.id AND pp.reversed_at IS NULL) AS payments,
        (SELECT coalesce(json_agg(json_build_object('id', dl.id, 'key', dl.key, 'kind', dl.kind, 'dueDate', dl.due_date,
                 'status', dl.status, 'employerId', dl.employer_id, 'sourceId', dl.source_id, 'doneType', dl.done_type,
                 'doneId', dl.done_id, 'completedOn', dl.completed_on)), '[]')
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
        person: {
          caseNumber: w.case_number,
          languages: w.languages,
          firstNameCyr: w.first_name_cyr,
          lastNameCyr: w.last_name_cyr,
          firstNameLat: w.first_name_lat,
          lastNameLat: w.last_name_lat,
        },
      })),
    };
  }

  /**
   * Writes the reconciliations of a batch of workers: one DELETE, one UPDATE and one INSERT at most,
   * whatever the count. `stored` holds the rows the plans were computed from (an update writes the
   * stored row with the plan's changes). Returns the rows created.
   */
  async apply(
    tx: Tx,
    plans: { workerId: string; plan: Reconciliation; stored: readonly StoredDeadline[] }[],
    actorId: string | null,
  ): Promise<CreatedDeadline[]> {
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
    const update = updates.length
      ? Prisma.sql`
        UPDATE deadlines d SET due_date = v.due_date, status = v.status::"DeadlineStatus", employer_id = v.employer_id,
          done_type = CASE WHEN v.done_changed THEN v.done_type ELSE d.done_type END,
          done_id = CASE WHEN v.done_changed THEN v.done_id ELSE d.done_id END,
          completed_on = CASE WHEN v.done_changed THEN v.completed_on ELSE d.completed_on END,
          completed_by_id = CASE WHEN v.done_changed THEN v.completed_by_id ELSE d.completed_by_id END,
          version = d.version + 1, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS v(id uuid, due_date date, status text, employer_id uuid, done_changed boolean,
          done_type text, done_id uuid, completed_on date, completed_by_id uuid)
        WHERE d.id = v.id`
      : null;
    const create = plans.flatMap(({ workerId, plan }) => plan.create.map((c) => ({ ...c, workerId, completedById: c.completedOn ? actorId : null })));
    if (!create.length) {
      if (update) await tx.$executeRaw(update);
      return [];
    }
    // the new rows have keys no stored row has (reconcile updates those), so the update and the
    // insert touch different rows and go as one statement: one round trip after a typical change
    const insert = Prisma.sql`
      INSERT INTO deadlines (id, worker_id, key, kind, due_date, status, employer_id, source_type, source_id, done_type, done_id,
                             completed_on, completed_by_id, updated_at)
      SELECT gen_random_uuid(), v."workerId", v.key, v.kind::"DeadlineKind", v."dueDate", v.status::"DeadlineStatus", v."employerId",
             v."sourceType", v."sourceId", v."doneType", v."doneId", v."completedOn", v."completedById", now()
      FROM jsonb_to_recordset(${JSON.stringify(create)}::jsonb) AS v("workerId" uuid, key text, kind text, "dueDate" date, status text, "employerId" uuid,
        "sourceType" text, "sourceId" uuid, "doneType" text, "doneId" uuid, "completedOn" date, "completedById" uuid)
      ON CONFLICT (worker_id, key) DO NOTHING
      RETURNING id, worker_id AS "workerId", kind::text AS kind, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status::text AS status`;
    return tx.$queryRaw<CreatedDeadline[]>(update ? Prisma.sql`WITH updated AS (${update}) ${insert}` : insert);
  }

  /**
   * The deadlines matching a filter in the caller's scope, in due-date order (then id), after the
   * cursor position: one statement joining the worker and the employer. (Prisma's include reads
   * them in three round trips, which dominated a caseworker's overdue list under load.)
   */
  async list(scope: RecordScope, f: DeadlineFilter, take: number, after?: { value: string; id: string }, tx: Tx = this.prisma): Promise<DeadlineRecord[]> {
    const and = conditions(scope, f);
    if (after) and.push(Prisma.sql`(d.due_date, d.id) > (${after.value}::date, ${after.id}::uuid)`);
    const rows = await tx.$queryRaw<ListRow[]>`
      SELECT d.id, d.worker_id, d.employer_id, d.key, d.kind::text AS kind, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.status::text AS status,
             d.source_type, d.source_id, d.assignee_id, d.done_type, d.done_id, to_char(d.completed_on, 'YYYY-MM-DD') AS completed_on,
             d.completed_by_id, d.waive_reason, d.version, d.created_at, d.updated_at,
             w.case_number, w.last_name_lat, w.first_name_lat, w.caseworker_id, e.name AS employer_name
      FROM deadlines d
      JOIN workers w ON w.id = d.worker_id
      LEFT JOIN employers e ON e.id = d.employer_id
      WHERE ${Prisma.join(and, ' AND ')}
      ORDER BY d.due_date, d.id
      LIMIT ${take}`;
    return rows.map(listRecord);
  }

  async findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<DeadlineRecord | null> {
    const [row] = await this.list(scope, { id }, 1, undefined, tx);
    return row ?? null;
  }

  /** Changes status and reason if the version is still `version`; false when it moved. */
  async setStatus(tx: Tx, id: string, version: number, status: DeadlineStatus, waiveReason: string | null, actorId: string): Promise<boolean> {
    const res = await tx.deadline.updateMany({
      where: { id, version },
      data: { status, waiveReason, completedById: status === 'WAIVED' ? actorId : null, version: { increment: 1 } },
    });
    return res.count === 1;
  }

  /** Counts by kind and status, and of the open ones: overdue, due within 7 and 30 days; one statement. */
  summary(scope: RecordScope, today: string, in7: string, in30: string): Promise<SummaryRow[]> {
    return this.prisma.$queryRaw<SummaryRow[]>`
      SELECT d.kind::text AS kind, d.status::text AS status, count(*)::int AS count,
             count(*) FILTER (WHERE d.status IN ('OPEN', 'MISSED') AND d.due_date < ${today}::date)::int AS overdue,
             count(*) FILTER (WHERE d.status = 'OPEN' AND d.due_date BETWEEN ${today}::date AND ${in7}::date)::int AS due7,
             count(*) FILTER (WHERE d.status = 'OPEN' AND d.due_date BETWEEN ${today}::date AND ${in30}::date)::int AS due30
      FROM deadlines d JOIN workers w ON w.id = d.worker_id
      WHERE ${Prisma.join(conditions(scope, {}), ' AND ')}
      GROUP BY d.kind, d.status`;
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
