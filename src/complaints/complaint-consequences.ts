import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { Tx } from '../infra/database/prisma.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { ComplaintRecord } from './complaints.repository';
import { ComplaintsRepository } from './complaints.repository';

export const BLACKLIST_PROPOSED = 'INTERMEDIARY_BLACKLIST_PROPOSED';

const TEXT = {
  ru: (name: string, reference: string) => ({
    title: `Предложение: внести посредника «${name}» в чёрный список`,
    body: `Жалоба ${reference} против этого посредника признана обоснованной. Если согласны, установите посреднику статус BLACKLISTED (карточка посредника).`,
  }),
  en: (name: string, reference: string) => ({
    title: `Proposal: blacklist the intermediary "${name}"`,
    body:
      `Complaint ${reference} against this intermediary was found substantiated. ` +
      `If you agree, set the intermediary's status to BLACKLISTED (the intermediary's record).`,
  }),
};

/**
 * What a finding changes beyond the complaint. A SUBSTANTIATED complaint against an intermediary
 * proposes blacklisting it: the caseworkers (of a confidential complaint only its caseworker) and
 * the administrators get a notification about the intermediary; staff confirm by setting its status
 * to BLACKLISTED (PATCH /intermediaries/:id). Nothing is blacklisted by the finding itself. (A
 * substantiated complaint against an employer counts in the employer-risk figure, read there.)
 */
@Injectable()
export class ComplaintConsequences {
  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** After a move to RESOLVED with this finding, in its transaction; returns how many were told. */
  async resolved(
    tx: Tx,
    actor: Actor,
    c: Pick<ComplaintRecord, 'id' | 'reference' | 'against' | 'intermediaryId' | 'confidential' | 'assignedToId'>,
    finding: string,
  ): Promise<number> {
    if (finding !== 'SUBSTANTIATED' || c.against !== 'INTERMEDIARY' || !c.intermediaryId) return 0;
    const intermediary = await this.repo.intermediary(tx, c.intermediaryId);
    if (!intermediary || intermediary.status === 'BLACKLISTED') return 0;
    const users = (
      await this.repo.recipients(tx, { userIds: c.assignedToId ? [c.assignedToId] : [], roles: c.confidential ? ['ADMIN'] : ['ADMIN', 'STAFF'] })
    ).filter((u) => u.role === 'ADMIN' || u.role === 'STAFF');
    for (const u of users) {
      const text = TEXT[u.language === 'en' ? 'en' : 'ru'](intermediary.name, c.reference);
      await this.notifications.notify(tx, [u.id], {
        kind: BLACKLIST_PROPOSED,
        title: text.title,
        body: text.body,
        entityType: 'intermediary',
        entityId: intermediary.id,
      });
    }
    await this.audit.change(tx, actor, 'intermediary.blacklist_proposed', 'intermediary', intermediary.id, { complaintId: c.id, notified: users.length });
    return users.length;
  }
}
