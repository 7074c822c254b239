import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Clock } from '../infra/clock/clock';
import { allowBatchGaps } from '../infra/database/batch-transaction';
import type { Tx } from '../infra/database/prisma.service';
import type { MailInput } from '../infra/mail/mail.repository';
import { MailService } from '../infra/mail/mail.service';
import type { NotificationInput } from '../notifications/notifications.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { addCalendarDays } from './calendar.rules';
import { EMPLOYER_KINDS } from './deadline-rules';
import { deadlineMail, MailLanguage } from './notices';
import { DEFAULT_LEADS, daysBetween, leadDue, localDay } from './reminders.rules';
import { ReminderCandidate, RemindersRepository } from './reminders.repository';

const BATCH = 1000;
const MISSED_BATCH = 5000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The daily scan: marks open deadlines past their day MISSED and escalates every missed one to the
 * administrators once; sends each open deadline the reminder of the latest lead whose day has come,
 * once (deadline_reminders is the ledger). In-app notifications, e-mail rows and their outbox jobs
 * are written in the batch's transaction: nothing is lost when the queue is down, nothing sent twice.
 * Memory is bounded by the batch (a thousand deadlines), whatever the number of deadlines.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly repo: RemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return localDay(this.clock.now(), this.config.deadlines.timeZone);
  }

  async ranOn(day: string): Promise<boolean> {
    return (await this.repo.runOf(day))?.finishedAt != null;
  }

  /** Runs the scan for `day` unless another replica is running it; counts what it did. */
  async scan(day = this.today()): Promise<{ missed: number; escalated: number; reminded: number } | null> {
    return this.repo.exclusively(async () => {
      await this.repo.startRun(day);
      let missed = 0;
      for (let n = MISSED_BATCH; n === MISSED_BATCH; missed += n) n = await this.repo.transaction((tx) => this.repo.markMissed(tx, day, MISSED_BATCH));
      const escalated = await this.each('missed', day, day, () => -1);
      const leads = await this.repo.leads();
      const horizon = addCalendarDays(day, Math.max(...DEFAULT_LEADS, ...[...leads.values()].flat()));
      const reminded = await this.each('open', day, horizon, (d) => leadDue(d.dueDate, day, leads.get(d.kind) ?? DEFAULT_LEADS));
      await this.repo.finishRun(day, this.clock.now());
      this.logger.log(`deadline scan of ${day}: ${missed} missed, ${escalated} escalated, ${reminded} reminders`);
      return { missed, escalated, reminded };
    });
  }

  /**
   * Walks the candidates in id order, a batch per transaction; `leadOf` says which reminder each is
   * due (or null). A batch is a constant number of statements: the claims in one, the recipients in
   * one, the notifications, the e-mails and their jobs in one each. Counts the reminders claimed.
   */
  private async each(where: 'missed' | 'open', today: string, horizon: string, leadOf: (d: ReminderCandidate) => number | null): Promise<number> {
    let after = FIRST_ID;
    let count = 0;
    for (;;) {
      const done = await this.repo.transaction(async (tx) => {
        await allowBatchGaps(tx);
        const batch = await this.repo.batch(tx, where, after, today, horizon, BATCH);
        const due = batch.flatMap((d) => {
          const lead = leadOf(d);
          return lead === null ? [] : [{ d, lead }];
        });
        const claimed = await this.repo.claim(
          tx,
          due.map(({ d, lead }) => ({ deadlineId: d.id, lead })),
          today,
        );
        const sent = due.filter(({ d }) => claimed.has(d.id));
        await this.remind(tx, sent, today);
        count += sent.length;
        return batch;
      });
      if (done.length < BATCH) return count;
      after = done[done.length - 1].id;
    }
  }

  /** The reminders (lead ≥ 0) and escalations (lead −1) of claimed deadlines: to whom, in their language. */
  private async remind(tx: Tx, due: { d: ReminderCandidate; lead: number }[], today: string): Promise<void> {
    if (!due.length) return;
    const recipientsOf = (d: ReminderCandidate, lead: number) => ({
      userIds: d.caseworkerId ? [d.caseworkerId] : [],
      // a missed one goes to the administrators; a reminder too when nobody is assigned (they assign)
      admins: lead < 0 || !d.caseworkerId,
      employerIds: lead >= 0 && EMPLOYER_KINDS.has(d.kind) && d.employerId ? [d.employerId] : [],
    });
    const wanted = due.map(({ d, lead }) => recipientsOf(d, lead));
    const users = await this.repo.recipients(tx, {
      userIds: [...new Set(wanted.flatMap((w) => w.userIds))],
      employerIds: [...new Set(wanted.flatMap((w) => w.employerIds))],
      admins: wanted.some((w) => w.admins),
    });
    const notifications: (NotificationInput & { userId: string })[] = [];
    const mails: MailInput[] = [];
    due.forEach(({ d, lead }, i) => {
      const w = wanted[i];
      const to = users.filter(
        (u) =>
          w.userIds.includes(u.id) ||
          (w.admins && u.role === 'ADMIN') ||
          (u.role === 'EMPLOYER' && u.employerId !== null && w.employerIds.includes(u.employerId)),
      );
      const left = lead < 0 ? -1 : daysBetween(today, d.dueDate);
      for (const r of to) {
        const language: MailLanguage = r.language === 'en' ? 'en' : 'ru';
        // an employer's user is told about its own obligation, never about the worker's papers
        const { subject, text } = deadlineMail(language, { kind: d.kind, lead: left, dueDate: d.dueDate, caseNumber: d.caseNumber, employer: d.employerName });
        notifications.push({
          userId: r.id,
          kind: lead < 0 ? 'DEADLINE_MISSED' : 'DEADLINE_REMINDER',
          title: subject,
          body: text,
          entityType: 'deadline',
          entityId: d.id,
        });
        mails.push({ userId: r.id, toAddress: r.email, subject, text, messageId: `<deadline-${d.id}-${lead}-${r.id}@omsk-centre>` });
      }
    });
    await this.notifications.notifyEach(tx, notifications);
    await this.mail.queueMany(tx, mails);
  }
}
