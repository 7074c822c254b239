import { exclusively } from '../infra/database/advisory-lock';
import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import type { DeadlineKind, DeadlineRule, DeadlineTrigger } from './deadline-rules';
import type { PeriodUnit } from './calendar.rules';
import type { WorkerFacts } from './obligations.rules';
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

/** The only Prisma access for deadlines and their rules. */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** What the obligations of a worker are computed from; null for an unknown or erased worker. */
  async facts(tx: Tx, workerId: string): Promise<WorkerFacts | null> {
    const w = await tx.worker.findFirst({
      where: { id: workerId, erasedAt: null },
      select: {
        id: true,
        citizenship: true,
        arrivalDate: true,
        documents: { select: { id: true, type: true, status: true, issuedOn: true, expiresOn: true, paidUntil: true, supersedesId: true } },
        placements: { select: { id: true, employerId: true, startDate: true, endDate: true, status: true, contractNotifications: { select: { id: true, kind: true, notifiedOn: true } } } },
        patentPayments: { where: { reversedAt: null }, select: { id: true, documentId: true, paidOn: true } },
      },
    });
    if (!w) return null;
    return {
      workerId: w.id,
      citizenship: w.citizenship,
      regime: regimeOf(w.citizenship),
      arrivalDate: day(w.arrivalDate),
      documents: w.documents.map((d) => ({ ...d, type: d.type, status: d.status, issuedOn: day(d.issuedOn), expiresOn: day(d.expiresOn), paidUntil: day(d.paidUntil) })),
      placements: w.placements.map((p) => ({ id: p.id, employerId: p.employerId, startDate: day(p.startDate)!, endDate: day(p.endDate), status: p.status })),
      notifications: w.placements.flatMap((p) => p.contractNotifications.map((n) => ({ id: n.id, placementId: p.id, kind: n.kind, notifiedOn: day(n.notifiedOn)! }))),
      payments: w.patentPayments.map((p) => ({ id: p.id, documentId: p.documentId, paidOn: day(p.paidOn)! })),
    };
  }

  async stored(tx: Tx, workerId: string): Promise<StoredDeadline[]> {
    const rows = await tx.deadline.findMany({ where: { workerId } });
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      kind: r.kind,
      dueDate: day(r.dueDate)!,
      status: r.status,
      employerId: r.employerId,
      sourceId: r.sourceId,
      doneType: r.doneType,
      doneId: r.doneId,
      completedOn: day(r.completedOn),
    }));
  }

  async apply(tx: Tx, workerId: string, r: Reconciliation, actorId: string | null): Promise<void> {
    if (r.remove.length) await tx.deadline.deleteMany({ where: { id: { in: r.remove }, workerId } });
    for (const u of r.update) {
      const { dueDate, completedOn, ...rest } = u.set;
      await tx.deadline.update({
        where: { id: u.id },
        data: {
          ...rest,
          ...(dueDate ? { dueDate: date(dueDate) } : {}),
          ...(completedOn !== undefined ? { completedOn: completedOn ? date(completedOn) : null, completedById: completedOn ? actorId : null } : {}),
          version: { increment: 1 },
        },
      });
    }
    if (r.create.length) {
      await tx.deadline.createMany({
        data: r.create.map((c) => ({
          ...c,
          workerId,
          dueDate: date(c.dueDate),
          completedOn: c.completedOn ? date(c.completedOn) : null,
          completedById: c.completedOn ? actorId : null,
        })),
        skipDuplicates: true,
      });
    }
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
    if (f.assigneeId) and.push({ worker: { caseworkerId: f.assigneeId } });
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

  /** What a worker's notices need: names, case number, languages, and their open obligations of their own. */
  async noticeInputs(tx: Tx, workerId: string) {
    return tx.worker.findUnique({
      where: { id: workerId },
      select: {
        caseNumber: true,
        languages: true,
        firstNameCyr: true,
        lastNameCyr: true,
        firstNameLat: true,
        lastNameLat: true,
        deadlines: { where: { status: 'OPEN' }, select: { id: true, kind: true, dueDate: true } },
      },
    });
  }

  /** Writes the notices of deadlines that have none in that language yet; the ids of those written. */
  async createNotices(tx: Tx, workerId: string, notices: { deadlineId: string; language: string; title: string; body: string }[]): Promise<string[]> {
    if (!notices.length) return [];
    const created = await tx.workerNotice.createManyAndReturn({ data: notices.map((n) => ({ workerId, ...n })), skipDuplicates: true, select: { id: true } });
    return created.map((n) => n.id);
  }

  /** Writes (or rewrites, when the due date moved) the notice of a deadline in a language. */
  async upsertNotice(tx: Tx, workerId: string, deadlineId: string, language: string, title: string, body: string): Promise<void> {
    await tx.workerNotice.upsert({
      where: { deadlineId_language: { deadlineId, language } },
      create: { workerId, deadlineId, language, title, body },
      update: { title, body },
    });
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
