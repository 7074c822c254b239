import { exclusively } from '../infra/database/advisory-lock';
import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import type { DeadlineKind } from './deadline-rules';

export interface ReminderCandidate {
  id: string;
  kind: DeadlineKind;
  dueDate: string;
  caseNumber: string;
  caseworkerId: string | null;
  employerId: string | null;
  employerName: string | null;
}

export interface Recipient {
  id: string;
  email: string;
  language: string;
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The only Prisma access of the deadline scan; every batch is bounded. */
@Injectable()
export class RemindersRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(fn, { timeout: 60_000 });
  }

  async leads(): Promise<Map<DeadlineKind, number[]>> {
    const rows = await this.prisma.reminderLead.findMany();
    return new Map(rows.map((r) => [r.kind, r.days]));
  }

  async setLeads(tx: Tx, kind: DeadlineKind, days: number[]): Promise<void> {
    await tx.reminderLead.upsert({ where: { kind }, create: { kind, days }, update: { days } });
  }

  /** Marks a batch of open deadlines past their day MISSED; how many it marked. */
  async markMissed(tx: Tx, today: string, batch: number): Promise<number> {
    return tx.$executeRaw`
      UPDATE deadlines SET status = 'MISSED', version = version + 1, updated_at = now()
      WHERE id IN (SELECT id FROM deadlines WHERE status = 'OPEN' AND due_date < ${date(today)} LIMIT ${batch} FOR UPDATE SKIP LOCKED)`;
  }

  private candidates(tx: Tx, where: 'missed' | 'open', afterId: string, today: string, horizon: string, batch: number) {
    const which =
      where === 'open'
        ? Prisma.sql`d.status = 'OPEN' AND d.due_date BETWEEN ${date(today)} AND ${date(horizon)}`
        : Prisma.sql`d.status = 'MISSED' AND NOT EXISTS (SELECT 1 FROM deadline_reminders r WHERE r.deadline_id = d.id AND r.lead = -1)`;
    return tx.$queryRaw<
      {
        id: string;
        kind: DeadlineKind;
        due_date: Date;
        case_number: string;
        caseworker_id: string | null;
        employer_id: string | null;
        employer_name: string | null;
      }[]
    >`
      SELECT d.id, d.kind, d.due_date, w.case_number, w.caseworker_id, d.employer_id, e.name AS employer_name
      FROM deadlines d JOIN workers w ON w.id = d.worker_id LEFT JOIN employers e ON e.id = d.employer_id
      WHERE d.id > ${afterId}::uuid AND w.erased_at IS NULL AND ${which}
      ORDER BY d.id LIMIT ${batch}`;
  }

  /** Open deadlines due between today and the horizon, or missed ones not yet escalated, after `afterId`. */
  async batch(tx: Tx, where: 'missed' | 'open', afterId: string, today: string, horizon: string, batch: number): Promise<ReminderCandidate[]> {
    const rows = await this.candidates(tx, where, afterId, today, horizon, batch);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      dueDate: r.due_date.toISOString().slice(0, 10),
      caseNumber: r.case_number,
      caseworkerId: r.caseworker_id,
      employerId: r.employer_id,
      employerName: r.employer_name,
    }));
  }

  /** Claims reminders (deadline, lead), each the first time only: the deadlines claimed now. */
  async claim(tx: Tx, reminders: { deadlineId: string; lead: number }[], remindOn: string): Promise<Set<string>> {
    if (!reminders.length) return new Set();
    const rows = await tx.$queryRaw<{ deadline_id: string }[]>`
      INSERT INTO deadline_reminders (id, deadline_id, lead, remind_on)
      SELECT gen_random_uuid(), r.deadline_id, r.lead, ${date(remindOn)}
      FROM unnest(${reminders.map((r) => r.deadlineId)}::uuid[], ${reminders.map((r) => r.lead)}::int[]) AS r(deadline_id, lead)
      ON CONFLICT (deadline_id, lead) DO NOTHING
      RETURNING deadline_id`;
    return new Set(rows.map((r) => r.deadline_id));
  }

  /** Active users among these ids, employer users of these employers, or administrators. */
  async recipients(
    tx: Tx,
    who: { userIds?: string[]; employerIds?: string[]; admins?: boolean },
  ): Promise<(Recipient & { employerId: string | null; role: string })[]> {
    const or = [
      ...(who.userIds?.length ? [{ id: { in: who.userIds } }] : []),
      ...(who.employerIds?.length ? [{ role: 'EMPLOYER' as const, employerId: { in: who.employerIds } }] : []),
      ...(who.admins ? [{ role: 'ADMIN' as const }] : []),
    ];
    if (!or.length) return [];
    return tx.user.findMany({ where: { active: true, OR: or }, select: { id: true, email: true, language: true, employerId: true, role: true } });
  }

  async runOf(day: string) {
    return this.prisma.deadlineScanRun.findUnique({ where: { day: date(day) } });
  }

  async startRun(day: string): Promise<void> {
    await this.prisma.deadlineScanRun.upsert({ where: { day: date(day) }, create: { day: date(day) }, update: {} });
  }

  async finishRun(day: string, at: Date): Promise<void> {
    await this.prisma.deadlineScanRun.update({ where: { day: date(day) }, data: { finishedAt: at } });
  }

  /** Those of these notices not sent yet, with the worker's phone. */
  unsentNotices(ids: string[]) {
    return this.prisma.workerNotice.findMany({ where: { id: { in: ids }, sentAt: null }, include: { worker: { select: { phone: true } } } });
  }

  async markNoticesSent(ids: string[], at: Date): Promise<void> {
    if (ids.length) await this.prisma.workerNotice.updateMany({ where: { id: { in: ids } }, data: { sentAt: at } });
  }

  /** Marks the escalation of these workers' missed deadlines as done without sending it (the backfill of old records). */
  async acknowledgeMissed(tx: Tx, workerIds: string[], today: string): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO deadline_reminders (id, deadline_id, lead, remind_on)
      SELECT gen_random_uuid(), d.id, -1, ${date(today)} FROM deadlines d WHERE d.worker_id = ANY(${workerIds}::uuid[]) AND d.status = 'MISSED'
      ON CONFLICT (deadline_id, lead) DO NOTHING`;
  }

  /** One scan at a time over every replica. */
  exclusively<T>(fn: () => Promise<T>): Promise<T | null> {
    return exclusively(this.prisma, 'deadline-scan', fn);
  }
}
