import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Clock } from '../infra/clock/clock';
import type { Tx } from '../infra/database/prisma.service';
import { MailService } from '../infra/mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { addCalendarDays } from './calendar.rules';
import { EMPLOYER_KINDS } from './deadline-rules';
import { deadlineMail, MailLanguage } from './notices';
import { DEFAULT_LEADS, daysBetween, leadDue, localDay } from './reminders.rules';
import { ReminderCandidate, RemindersRepository } from './reminders.repository';

const BATCH = 500;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The daily scan: marks open deadlines past their day MISSED and escalates every missed one to the
 * administrators once; sends each open deadline the reminder of the latest lead whose day has come,
 * once (deadline_reminders is the ledger). In-app notifications, e-mail rows and their outbox jobs
 * are written in the batch's transaction: nothing is lost when the queue is down, nothing sent twice.
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
      for (let n = BATCH; n === BATCH; missed += n) n = await this.repo.transaction((tx) => this.repo.markMissed(tx, day, BATCH));
      const escalated = await this.each('missed', day, day, (tx, d) => this.remind(tx, d, -1, day));
      const leads = await this.repo.leads();
      const horizon = addCalendarDays(day, Math.max(...DEFAULT_LEADS, ...[...leads.values()].flat()));
      const reminded = await this.each('open', day, horizon, (tx, d) => {
        const lead = leadDue(d.dueDate, day, leads.get(d.kind) ?? DEFAULT_LEADS);
        return lead === null ? Promise.resolve(false) : this.remind(tx, d, lead, day);
      });
      await this.repo.finishRun(day, this.clock.now());
      this.logger.log(`deadline scan of ${day}: ${missed} missed, ${escalated} escalated, ${reminded} reminders`);
      return { missed, escalated, reminded };
    });
  }

  /** Walks the candidates in id order, a batch per transaction; counts those `fn` acted on. */
  private async each(where: 'missed' | 'open', today: string, horizon: string, fn: (tx: Tx, d: ReminderCandidate) => Promise<boolean>): Promise<number> {
    let after = FIRST_ID;
    let count = 0;
    for (;;) {
      const done = await this.repo.transaction(async (tx) => {
        const batch = await this.repo.batch(tx, where, after, today, horizon, BATCH);
        for (const d of batch) if (await fn(tx, d)) count += 1;
        return batch;
      });
      if (done.length < BATCH) return count;
      after = done[done.length - 1].id;
    }
  }

  /** One reminder (lead ≥ 0) or escalation (lead −1) of a deadline, the first time only. */
  private async remind(tx: Tx, d: ReminderCandidate, lead: number, today: string): Promise<boolean> {
    if (!(await this.repo.claim(tx, d.id, lead, today))) return false;
    const employerKind = EMPLOYER_KINDS.has(d.kind);
    const recipients =
      lead < 0
        ? await this.repo.recipients(tx, { admins: true, userIds: d.caseworkerId ? [d.caseworkerId] : [] })
        : await this.repo.recipients(tx, {
            userIds: d.caseworkerId ? [d.caseworkerId] : [],
            admins: !d.caseworkerId, // nobody assigned: the administrators, who assign
            employerIds: employerKind && d.employerId ? [d.employerId] : [],
          });
    const left = lead < 0 ? -1 : daysBetween(today, d.dueDate);
    for (const r of recipients) {
      const language: MailLanguage = r.language === 'en' ? 'en' : 'ru';
      // an employer's user is told about its own obligation, never about the worker's papers
      const { subject, text } = deadlineMail(language, { kind: d.kind, lead: left, dueDate: d.dueDate, caseNumber: d.caseNumber, employer: d.employerName });
      await this.notifications.notify(tx, [r.id], { kind: lead < 0 ? 'DEADLINE_MISSED' : 'DEADLINE_REMINDER', title: subject, body: text, entityType: 'deadline', entityId: d.id });
      await this.mail.queue(tx, { userId: r.id, toAddress: r.email, subject, text, messageId: `<deadline-${d.id}-${lead}-${r.id}@omsk-centre>` });
    }
    return true;
  }
}
