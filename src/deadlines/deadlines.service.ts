import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import ical from 'ical-generator';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/errors/app-error';
import { requiredVersion } from '../common/http/etag';
import { decodeCursor, dayPosition, limitOf, toPage } from '../common/pagination/pagination';
import { Clock } from '../infra/clock/clock';
import { allowBatchGaps } from '../infra/database/batch-transaction';
import { groupBy } from '../infra/group-by';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { CalendarService } from '../reference/calendar.service';
import { addCalendarDays, CalendarYearMissing, ProductionCalendar } from './calendar.rules';
import { DEADLINE_KINDS, DeadlineKind, DeadlineRule, overlaps } from './deadline-rules';
import { DeadlineErrors } from './deadlines.errors';
import { CreatedDeadline, DeadlineFilter, DeadlineRecord, DeadlinesRepository, NoticeWrite, WorkerSnapshot } from './deadlines.repository';
import { CreateDeadlineRuleDto, DeadlineDto, DeadlineQueryDto, DeadlineSummaryDto, PatchDeadlineDto, PutReminderLeadDto } from './dto/deadline.dto';
import { obligationsOf } from './obligations.rules';
import { reconcile, Reconciliation, StoredDeadline } from './reconcile.rules';
import { DEFAULT_LEADS, localDay, normaliseLeads } from './reminders.rules';
import { RemindersRepository } from './reminders.repository';
import { batchesOf, JobName } from '../infra/queue/jobs';
import { OutboxService } from '../infra/queue/outbox/outbox.service';
import { isWorkerKind, noticeLanguage, workerNotice } from './notices';
import { WorkerErrors } from '../workers/workers.errors';

interface Reference {
  rules: DeadlineRule[];
  calendar: ProductionCalendar;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function deadlineView(d: DeadlineRecord): DeadlineDto {
  return {
    id: d.id,
    workerId: d.workerId,
    caseNumber: d.worker.caseNumber,
    employerId: d.employerId,
    employer: d.employer ? { id: d.employer.id, name: d.employer.name } : null,
    kind: d.kind,
    dueDate: d.dueDate,
    status: d.status,
    source: { type: d.sourceType, id: d.sourceId },
    doneBy: d.doneType && d.doneId ? { type: d.doneType, id: d.doneId } : null,
    assigneeId: d.worker.caseworkerId,
    completedAt: d.completedOn,
    completedBy: d.completedById,
    waiveReason: d.waiveReason,
    version: d.version,
  };
}

@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);
  private cached?: { stamp: string; reference: Reference };

  constructor(
    private readonly repo: DeadlinesRepository,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly reminders: RemindersRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The Centre's day (DEADLINE_TIMEZONE), as the daily scan counts it. */
  private today(): string {
    return localDay(this.clock.now(), this.config.deadlines.timeZone);
  }

  /**
   * Brings a worker's deadlines in line with their records, inside the transaction of the change
   * that caused it, so that both commit or neither does. Idempotent.
   */
  async recompute(tx: Tx, workerId: string, actorId: string | null): Promise<void> {
    await this.recomputeMany(tx, [workerId], actorId);
  }

  /**
   * recompute() for a batch of workers with a constant number of statements: one read of their
   * facts and stored deadlines, then at most one DELETE, UPDATE and INSERT of deadlines and the
   * writes of their notices. A worker dated in a year with no calendar fails the whole call
   * (calendarMissing), unless `skip` collects it instead: then the others go on.
   */
  async recomputeMany(tx: Tx, workerIds: string[], actorId: string | null, skip?: Set<string>): Promise<void> {
    const { workers, referenceStamp } = await this.repo.facts(tx, workerIds);
    if (!workers.length) return;
    const { rules, calendar } = await this.reference(tx, referenceStamp);
    const today = this.today();
    const plans = [];
    for (const w of workers) {
      let desired;
      try {
        desired = obligationsOf(w.facts, rules, calendar);
      } catch (e) {
        if (!(e instanceof CalendarYearMissing)) throw e;
        if (!skip) throw DeadlineErrors.calendarMissing(e.year);
        skip.add(w.facts.workerId);
        continue;
      }
      const paidUntil = new Map(w.facts.documents.filter((d) => d.type === 'PATENT' && d.status === 'VALID' && d.paidUntil).map((d) => [d.id, d.paidUntil!]));
      plans.push({ workerId: w.facts.workerId, plan: reconcile(w.stored, desired, w.facts.payments, today, paidUntil), stored: w.stored, person: w.person });
    }
    const created = await this.repo.apply(tx, plans, actorId);
    await this.writeNotices(tx, plans, created);
  }

  /**
   * The worker's notice of each open obligation of their own, in their language (notices.ts),
   * written when a deadline was created or moved: new ones are sent once through the outbox; one
   * whose due date moved is rewritten and sent again, so the worker never keeps a stale date.
   */
  private async writeNotices(
    tx: Tx,
    plans: { workerId: string; plan: Reconciliation; stored: StoredDeadline[]; person: WorkerSnapshot['person'] }[],
    created: CreatedDeadline[],
  ): Promise<void> {
    const createdBy = groupBy(created, (d) => d.workerId);
    const notices: NoticeWrite[] = [];
    const moved = new Set<string>();
    for (const { workerId, plan, stored, person } of plans) {
      const movedHere = plan.update.filter((u) => u.set.dueDate).map((u) => u.id);
      if (!plan.create.length && !movedHere.length) continue;
      movedHere.forEach((id) => moved.add(id));
      // the worker's open deadlines after the change: the stored ones as updated, less those removed, and those created
      const removed = new Set(plan.remove);
      const changes = new Map(plan.update.map((u) => [u.id, u.set]));
      const open = [...stored.filter((d) => !removed.has(d.id)).map((d) => ({ ...d, ...changes.get(d.id) })), ...(createdBy.get(workerId) ?? [])].filter(
        (d) => d.status === 'OPEN',
      );
      const language = noticeLanguage(person.languages);
      const cyrillic = language === 'ru' || language === 'tg' || language === 'ky';
      const name = cyrillic ? `${person.firstNameCyr} ${person.lastNameCyr}` : `${person.firstNameLat} ${person.lastNameLat}`;
      for (const d of open) {
        if (!isWorkerKind(d.kind)) continue;
        notices.push({ workerId, deadlineId: d.id, language, ...workerNotice(d.kind, language, { name, dueDate: d.dueDate, caseNumber: person.caseNumber }) });
      }
    }
    if (!notices.length) return;
    const fresh = await this.repo.createNotices(tx, notices);
    const reissued = await this.repo.reissueNotices(
      tx,
      notices.filter((n) => moved.has(n.deadlineId)),
    );
    await this.outbox.enqueueMany(
      tx,
      JobName.SendWorkerNotice,
      batchesOf([...fresh, ...reissued]).map((noticeIds) => ({ noticeIds })),
    );
  }

  async notices(actor: Actor, workerId: string) {
    if (!(await this.repo.workerVisible(workerId, scopeOf(actor)))) throw WorkerErrors.notFound();
    const rows = await this.repo.notices(workerId);
    return {
      items: rows.map((n) => ({
        id: n.id,
        deadlineId: n.deadlineId,
        kind: n.deadline.kind,
        dueDate: day(n.deadline.dueDate)!,
        deadlineStatus: n.deadline.status,
        language: n.language,
        title: n.title,
        body: n.body,
        createdAt: n.createdAt.toISOString(),
      })),
    };
  }

  /**
   * The rules and the calendar, read again only when `stamp` (read with the worker's facts) says
   * that they changed; in the caller's transaction, on its connection (another from the pool could
   * wait for ever under load).
   */
  private async reference(tx: Tx, stamp: string): Promise<Reference> {
    if (this.cached?.stamp === stamp) return this.cached.reference;
    const rules = await this.repo.rules(tx);
    const reference = { rules, calendar: await this.calendars.calendar(tx) };
    this.cached = { stamp, reference };
    return reference;
  }

  /**
   * Computes the deadlines of workers that have none yet (existing data at start), in batches, in
   * one process at a time (others return 0 at once). Obligations of old records already missed are
   * listed and counted like any other, but not escalated one e-mail each: on the first start over
   * a year of records that would be thousands of messages to the administrators in one morning.
   */
  async backfill(batch = 250): Promise<number> {
    return (await this.repo.exclusively('deadline-backfill', () => this.backfillBatches(batch))) ?? 0;
  }

  private async backfillBatches(batch: number): Promise<number> {
    let after: string | null = null;
    let done = 0;
    for (;;) {
      const ids = await this.repo.workersWithoutDeadlines(after, batch);
      if (!ids.length) return done;
      // a batch per transaction; a worker dated in a year with no calendar is left out, and waits (alone) for an administrator to enter it
      const run = (group: string[]) =>
        this.transactions.run(
          async (tx) => {
            await allowBatchGaps(tx);
            const skipped = new Set<string>();
            await this.recomputeMany(tx, group, null, skipped);
            await this.reminders.acknowledgeMissed(tx, group, this.today());
          },
          { timeout: 120_000 },
        );
      // should the batch fail as a whole, one worker at a time, so that one bad record holds back no other
      await run(ids).catch(async (e: unknown) => {
        this.logger.warn(`deadline backfill: a batch of ${ids.length} failed (${(e as Error).message}); one worker at a time`);
        for (const id of ids) await run([id]).catch(() => undefined);
      });
      done += ids.length;
      after = ids[ids.length - 1];
    }
  }

  private filterOf(actor: Actor, q: DeadlineQueryDto): DeadlineFilter {
    return {
      status: q.status,
      kind: q.kind,
      dueBefore: q.dueBefore,
      overdueOn: q.overdue === 'true' ? this.today() : undefined,
      assigneeId: q.assignee === 'me' ? actor.id : undefined,
      workerId: q.workerId,
      employerId: q.employerId,
    };
  }

  async list(actor: Actor, q: DeadlineQueryDto) {
    const limit = limitOf(q);
    const cursor = decodeCursor(q.cursor);
    const after = cursor ? dayPosition(cursor) : undefined;
    const rows = await this.repo.list(scopeOf(actor), this.filterOf(actor, q), limit + 1, after ? { value: after.day, id: after.id } : undefined);
    const page = toPage(rows, limit, (d) => ({ value: d.dueDate, id: d.id }));
    return { items: page.items.map(deadlineView), nextCursor: page.nextCursor };
  }

  /** The same list as an iCalendar file: one all-day event per deadline (at most 1,000). */
  async listAsIcal(actor: Actor, q: DeadlineQueryDto): Promise<string> {
    const rows = await this.repo.list(scopeOf(actor), this.filterOf(actor, q), 1000);
    const cal = ical({ name: 'Omsk Centre deadlines', prodId: { company: 'Omsk Centre', product: 'case-management', language: 'EN' } });
    for (const d of rows) {
      const due = d.dueDate;
      cal.createEvent({
        id: `${d.id}@omsk-centre`,
        start: new Date(`${due}T00:00:00Z`),
        end: new Date(`${addCalendarDays(due, 1)}T00:00:00Z`),
        allDay: true,
        summary: `${d.kind.replace(/_/g, ' ').toLowerCase()}: ${d.worker.caseNumber}${d.employer ? ` (${d.employer.name})` : ''}`,
        description: `Status ${d.status}. Worker ${d.worker.caseNumber}.`,
        stamp: d.updatedAt,
      });
    }
    return cal.toString();
  }

  async forWorker(actor: Actor, workerId: string) {
    if (!(await this.repo.workerVisible(workerId, scopeOf(actor)))) throw WorkerErrors.notFound();
    const rows = await this.repo.list(scopeOf(actor), { workerId }, 1000);
    return { items: rows.map(deadlineView), nextCursor: null };
  }

  async summary(actor: Actor): Promise<DeadlineSummaryDto> {
    const today = this.today();
    const rows = await this.repo.summary(scopeOf(actor), today, addCalendarDays(today, 7), addCalendarDays(today, 30));
    const kinds = DEADLINE_KINDS.map((kind) => {
      const ofKind = rows.filter((r) => r.kind === kind);
      const total = (f: (r: (typeof rows)[number]) => number) => ofKind.reduce((s, r) => s + f(r), 0);
      return {
        kind,
        byStatus: Object.fromEntries(['OPEN', 'DONE', 'MISSED', 'WAIVED'].map((s) => [s, ofKind.find((r) => r.status === s)?.count ?? 0])),
        overdue: total((r) => r.overdue),
        dueIn7Days: total((r) => r.due7),
        dueIn30Days: total((r) => r.due30),
      };
    });
    const sum = (f: (k: (typeof kinds)[number]) => number) => kinds.reduce((s, k) => s + f(k), 0);
    return {
      today,
      kinds,
      total: {
        byStatus: Object.fromEntries(['OPEN', 'DONE', 'MISSED', 'WAIVED'].map((s) => [s, sum((k) => k.byStatus[s])])),
        overdue: sum((k) => k.overdue),
        dueIn7Days: sum((k) => k.dueIn7Days),
        dueIn30Days: sum((k) => k.dueIn30Days),
      },
    };
  }

  /** Waive (with a reason) or reopen; If-Match required; audited. */
  patch(actor: Actor, id: string, dto: PatchDeadlineDto, ifMatch: string | undefined): Promise<DeadlineDto> {
    if (dto.status === 'WAIVED' && !dto.reason) throw DeadlineErrors.reasonRequired();
    return this.transactions.run(async (tx) => {
      const current = await this.repo.findById(id, scopeOf(actor), tx);
      if (!current) throw DeadlineErrors.notFound();
      const version = requiredVersion(ifMatch, current.version);
      const allowed = dto.status === 'WAIVED' ? ['OPEN', 'MISSED'] : ['WAIVED'];
      if (!allowed.includes(current.status)) throw DeadlineErrors.notWaivable(current.status);
      const next = dto.status === 'OPEN' && current.dueDate < this.today() ? 'MISSED' : dto.status;
      if (!(await this.repo.setStatus(tx, id, version, next, dto.status === 'WAIVED' ? dto.reason! : null, actor.id))) {
        throw CommonErrors.preconditionFailed(`"${current.version}"`);
      }
      await this.audit.change(tx, actor, dto.status === 'WAIVED' ? 'deadline.waive' : 'deadline.reopen', 'deadline', id, {
        status: { from: current.status, to: next },
        ...(dto.reason ? { reason: dto.reason } : {}),
        workerId: current.workerId,
      });
      return deadlineView((await this.repo.findById(id, {}, tx))!);
    });
  }

  // ── reminder leads ──────────────────────────────────────────────────────────────────────────
  async reminderLeads() {
    const set = await this.reminders.leads();
    return DEADLINE_KINDS.map((kind) => ({ kind, days: set.get(kind) ?? DEFAULT_LEADS }));
  }

  putReminderLeads(actor: Actor, kind: DeadlineKind, dto: PutReminderLeadDto) {
    const days = normaliseLeads(dto.days);
    if (!days) throw CommonErrors.validation([{ field: 'days', message: 'must list whole days from 0 to 365, each once' }]);
    return this.transactions.run(async (tx) => {
      await this.reminders.setLeads(tx, kind, days);
      await this.audit.change(tx, actor, 'reminder_lead.update', 'reminder_lead', kind, { days });
      return { kind, days };
    });
  }

  // ── rules ──────────────────────────────────────────────────────────────────────────────────
  rules() {
    return this.repo.rules();
  }

  /** Adds a rule row (history is never edited); 409 when it would overlap a row of the same key. */
  addRule(actor: Actor, dto: CreateDeadlineRuleDto) {
    const rule: DeadlineRule = {
      kind: dto.kind,
      trigger: dto.trigger,
      regime: dto.regime ?? null,
      citizenship: dto.citizenship ?? null,
      offset: dto.offset,
      unit: dto.unit,
      effectiveFrom: dto.effectiveFrom,
      effectiveTo: dto.effectiveTo ?? null,
      note: dto.note,
    };
    if (rule.effectiveTo !== null && rule.effectiveTo < rule.effectiveFrom) throw DeadlineErrors.ruleDatesInvalid();
    if (rule.unit === 'WORKING_DAYS' && rule.offset < 0) throw DeadlineErrors.ruleOffsetInvalid();
    return this.transactions.run(async (tx) => {
      await this.repo.lockRules(tx);
      const clash = (await this.repo.rules(tx)).find((r) => overlaps(r, rule));
      if (clash) throw DeadlineErrors.ruleOverlaps(clash.id);
      const id = await this.repo.addRule(tx, rule, actor.id);
      await this.audit.change(tx, actor, 'deadline_rule.create', 'deadline_rule', id, { ...rule });
      return { id, ...rule };
    });
  }
}
