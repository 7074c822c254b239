import { Injectable } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { MailService } from '../infra/mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ComplaintsRepository } from './complaints.repository';

export type AlertKind = 'COMPLAINT_CRITICAL' | 'COMPLAINT_TRIAGE_OVERDUE' | 'COMPLAINT_RETALIATION_RISK';

interface AlertComplaint {
  id: string;
  reference: string;
  category: string;
  assignedToId: string | null;
  confidential: boolean;
}

const TEXT: Record<AlertKind, Record<'ru' | 'en', (c: AlertComplaint) => { subject: string; text: string }>> = {
  COMPLAINT_CRITICAL: {
    ru: (c) => ({
      subject: `Срочно: жалоба ${c.reference}`,
      text: `Поступила жалоба ${c.reference} с критической степенью (${c.category}). Её нужно разобрать в течение суток. Подробности — в системе.`,
    }),
    en: (c) => ({
      subject: `Urgent: complaint ${c.reference}`,
      text: `Complaint ${c.reference} was received with CRITICAL severity (${c.category}). It must be triaged within a day. Details are in the system.`,
    }),
  },
  COMPLAINT_TRIAGE_OVERDUE: {
    ru: (c) => ({
      subject: `Жалоба ${c.reference} не разобрана в срок`,
      text: `Срок первичного разбора жалобы ${c.reference} истёк. Назначьте ответственного и разберите её. Подробности — в системе.`,
    }),
    en: (c) => ({
      subject: `Complaint ${c.reference} is past its triage deadline`,
      text: `Complaint ${c.reference} was not triaged in time. Assign a caseworker and triage it. Details are in the system.`,
    }),
  },
  COMPLAINT_RETALIATION_RISK: {
    ru: (c) => ({
      subject: `Риск преследования заявителя: ${c.reference}`,
      text: `Заявитель по жалобе ${c.reference} уволен, переведён или выбывает вскоре после жалобы. Свяжитесь с ним немедленно.`,
    }),
    en: (c) => ({
      subject: `Retaliation risk: ${c.reference}`,
      text: `The complainant of ${c.reference} was dismissed, moved or is leaving soon after the complaint. Contact them at once.`,
    }),
  },
};

/**
 * Urgent word about a complaint to the people who handle it: an in-app notification and an e-mail
 * through the outbox, in the caller's transaction. Only the reference and the category travel:
 * never the narrative, never the worker's name (e-mail leaves the Centre's systems).
 */
@Injectable()
export class ComplaintAlerts {
  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly notifications: NotificationsService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
  ) {}

  /** A CRITICAL complaint: its caseworker (or every caseworker, unless it is confidential) and the administrators, at once. */
  critical(tx: Tx, c: AlertComplaint): Promise<number> {
    const who = c.assignedToId
      ? { userIds: [c.assignedToId], roles: ['ADMIN' as const] }
      : { roles: c.confidential ? ['ADMIN' as const] : ['ADMIN' as const, 'STAFF' as const] };
    return this.send(tx, 'COMPLAINT_CRITICAL', c, who);
  }

  /** An untriaged complaint past its deadline: the administrators (who assign) and its caseworker. */
  overdue(tx: Tx, c: AlertComplaint): Promise<number> {
    return this.send(tx, 'COMPLAINT_TRIAGE_OVERDUE', c, { userIds: c.assignedToId ? [c.assignedToId] : [], roles: ['ADMIN'] });
  }

  /** The complainant lost their job or is leaving soon after complaining: the caseworker (administrators when none). */
  retaliation(tx: Tx, c: AlertComplaint, eventKey: string): Promise<number> {
    return this.send(tx, 'COMPLAINT_RETALIATION_RISK', c, c.assignedToId ? { userIds: [c.assignedToId] } : { roles: ['ADMIN'] }, eventKey);
  }

  /** Scans for untriaged complaints past their deadline and escalates each once; returns how many. */
  async escalateOverdue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.transactions.run(async (tx) => {
        const rows = await this.repo.overdueUntriaged(tx, this.clock.now(), 200);
        for (const r of rows) {
          await this.overdue(tx, { id: r.id, reference: r.reference, category: r.category, assignedToId: r.assigned_to_id, confidential: r.confidential });
          await this.repo.markEscalated(tx, r.id, this.clock.now());
        }
        return rows.length;
      });
      total += n;
      if (n < 200) return total;
    }
  }

  private async send(tx: Tx, kind: AlertKind, c: AlertComplaint, who: { userIds?: string[]; roles?: ('ADMIN' | 'STAFF')[] }, key = ''): Promise<number> {
    const users = await this.repo.recipients(tx, who);
    for (const u of users) {
      // a confidential complaint reaches only its caseworker and the administrators
      if (c.confidential && u.role === 'STAFF' && u.id !== c.assignedToId) continue;
      const { subject, text } = TEXT[kind][u.language === 'en' ? 'en' : 'ru'](c);
      await this.notifications.notify(tx, [u.id], { kind, title: subject, body: text, entityType: 'complaint', entityId: c.id });
      await this.mail.queue(tx, {
        userId: u.id,
        toAddress: u.email,
        subject,
        text,
        messageId: `<${kind.toLowerCase()}-${c.id}${key ? `-${key}` : ''}-${u.id}@omsk-centre>`,
      });
    }
    return users.length;
  }
}
