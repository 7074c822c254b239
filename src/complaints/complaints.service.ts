import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import { AuditService } from '../audit/audit.service';
import { decodeCursor, instantPosition, limitOf, Page, toPage } from '../common/pagination/pagination';
import { assertIfMatch, requiredVersion } from '../common/http/etag';
import { Clock } from '../infra/clock/clock';
import { FieldCrypto } from '../infra/crypto/field-crypto';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { canRefer, consentFor, effectiveSeverity, isClosed, moveProblem, Share, Status, statusAfter, triageDueAt, Viewer, visibility } from './complaint.rules';
import { complaintDto, complaintSummaryDto, referralLetter } from './complaint.view';
import { ComplaintAlerts } from './complaint-alerts';
import { ComplaintConsequences } from './complaint-consequences';
import { ComplaintErrors } from './complaints.errors';
import { ComplaintRecord, ComplaintsRepository } from './complaints.repository';
import {
  ComplaintDto,
  ComplaintPolicyDto,
  ComplaintPolicyViewDto,
  ComplaintQueryDto,
  ComplaintSummaryDto,
  CreateComplaintDto,
  CreateConsentDto,
  CreateReferralDto,
  NoteDto,
  PatchComplaintDto,
  TransitionDto,
  WithdrawConsentDto,
} from './dto/complaint.dto';

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud over the phone

export const viewerOf = (a: Actor): Viewer => ({ id: a.id, role: a.role, agencyIds: a.agencyIds });

/** Complaints of abuse: intake by staff, triage, investigation, consent-gated referral, closure. */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly alerts: ComplaintAlerts,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly consequences: ComplaintConsequences,
  ) {}

  async create(actor: Actor, dto: CreateComplaintDto): Promise<ComplaintDto> {
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    if (receivedAt > now) throw ComplaintErrors.field('receivedAt', 'COMPLAINT_IN_FUTURE', 'A complaint cannot be received in the future.');
    const links = await this.checkLinks(actor, dto);
    const confidential = dto.confidential ?? false;
    const assignedToId = dto.assignedToId ?? (confidential && actor.role === 'STAFF' ? actor.id : null);
    if (dto.assignedToId && !(await this.repo.isCaseworker(dto.assignedToId))) throw this.notCaseworker();
    const severity = effectiveSeverity(dto.category, dto.severity);
    const policy = await this.repo.policy();
    const id = await this.withReference(async (reference) =>
      this.transactions.run(async (tx) => {
        const c = await this.repo.insert(tx, {
          reference,
          category: dto.category,
          severity,
          against: dto.against,
          ...links,
          channel: dto.channel,
          narrativeEnc: this.crypto.encrypt(dto.narrative),
          anonymous: !links.workerId,
          assignedToId,
          createdById: actor.id,
          confidential,
          receivedAt,
          triageDueAt: triageDueAt(policy, severity, receivedAt),
        });
        await this.repo.addTransition(tx, { complaintId: c.id, fromStatus: null, toStatus: 'RECEIVED', actorId: actor.id, at: now });
        await this.audit.change(tx, actor, 'complaint.create', 'complaint', c.id, {
          reference,
          category: dto.category,
          severity,
          against: dto.against,
          channel: dto.channel,
          confidential,
          assignedToId,
        });
        if (severity === 'CRITICAL') await this.alerts.critical(tx, c);
        return c.id;
      }),
    );
    return this.read(actor, id, 'complaint.create', true);
  }

  async list(actor: Actor, q: ComplaintQueryDto): Promise<Page<ComplaintSummaryDto>> {
    const limit = limitOf(q);
    const cursor = decodeCursor(q.cursor);
    const before = cursor ? instantPosition(cursor) : undefined;
    const now = this.clock.now();
    const rows = await this.repo.list(
      viewerOf(actor),
      {
        status: q.status,
        severity: q.severity,
        category: q.category,
        workerId: q.workerId,
        assignedToId: q.assignedTo === 'me' ? actor.id : q.assignedTo,
        overdueAt: q.overdue ? now : undefined,
        before,
      },
      limit + 1,
    );
    const page = toPage(rows, limit, (c) => ({ value: c.createdAt.toISOString(), id: c.id }));
    // the query already left out what the caller may not see: a liaison officer's rows are shared views
    const view = actor.role === 'LIAISON' ? 'SHARED' : 'FULL';
    return {
      items: page.items.map((c) => complaintSummaryDto(c, view, now)),
      nextCursor: page.nextCursor,
    };
  }

  /** One complaint, as the caller may see it; every read is written to the access log. */
  get(actor: Actor, id: string): Promise<ComplaintDto> {
    return this.read(actor, id, 'complaint.read');
  }

  async patch(actor: Actor, id: string, dto: PatchComplaintDto, ifMatch: string | undefined): Promise<ComplaintDto> {
    if (dto.assignedToId && !(await this.repo.isCaseworker(dto.assignedToId))) throw this.notCaseworker();
    const links = await this.checkLinks(actor, dto);
    await this.change(actor, id, ifMatch, true, async (tx, c) => {
      if (c.destroyedAt) throw ComplaintErrors.destroyed();
      const category = dto.category ?? c.category;
      const severity = effectiveSeverity(category, dto.severity ?? (dto.category ? null : c.severity));
      const data: Record<string, unknown> = { ...definedOnly(dto), ...links, category, severity };
      const raised = severity === 'CRITICAL' && c.severity !== 'CRITICAL' && c.status === 'RECEIVED';
      if (severity !== c.severity && c.status === 'RECEIVED') {
        data.triageDueAt = triageDueAt(await this.repo.policy(tx), severity, c.receivedAt);
      }
      if (!(await this.repo.update(tx, c.id, c.version, data))) throw ComplaintErrors.changed();
      await this.audit.change(tx, actor, 'complaint.update', 'complaint', c.id, { ...definedOnly(dto), severity });
      if (raised)
        await this.alerts.critical(tx, {
          ...c,
          assignedToId: dto.assignedToId !== undefined ? dto.assignedToId : c.assignedToId,
          confidential: dto.confidential ?? c.confidential,
        });
    });
    return this.read(actor, id, 'complaint.update');
  }

  async transition(actor: Actor, id: string, dto: TransitionDto, ifMatch: string | undefined): Promise<ComplaintDto> {
    await this.change(actor, id, ifMatch, false, async (tx, c) => {
      if (c.destroyedAt && dto.to === 'REOPENED') throw ComplaintErrors.destroyed(); // nothing left to investigate
      const problem = moveProblem({ from: c.status as Status, to: dto.to, reason: dto.reason, finding: dto.finding });
      if (problem) throw ComplaintErrors.move(problem);
      const now = this.clock.now();
      const to = statusAfter(dto.to);
      const closing = isClosed(to);
      const data = {
        status: to,
        finding: dto.to === 'RESOLVED' ? dto.finding! : null,
        closeReason: closing ? dto.reason! : null,
        closedAt: closing ? now : null,
        ...(dto.to === 'TRIAGED' && !c.triagedAt ? { triagedAt: now } : {}),
        // dismissing straight from RECEIVED is a triage decision too
        ...(closing && !c.triagedAt ? { triagedAt: now } : {}),
      };
      if (!(await this.repo.update(tx, c.id, c.version, data))) throw ComplaintErrors.changed();
      await this.repo.addTransition(tx, {
        complaintId: c.id,
        fromStatus: c.status,
        toStatus: to,
        reason: dto.reason ?? null,
        finding: dto.finding ?? null,
        actorId: actor.id,
        at: now,
      });
      await this.audit.change(tx, actor, `complaint.${dto.to.toLowerCase()}`, 'complaint', c.id, {
        from: c.status,
        to,
        reason: dto.reason,
        finding: dto.finding,
      });
      if (dto.to === 'RESOLVED') await this.consequences.resolved(tx, actor, c, dto.finding!);
    });
    return this.read(actor, id, 'complaint.transition');
  }

  async addNote(actor: Actor, id: string, dto: NoteDto): Promise<ComplaintDto> {
    await this.change(actor, id, undefined, false, async (tx, c) => {
      if (c.destroyedAt) throw ComplaintErrors.destroyed();
      const kind = dto.toComplainant ? 'TO_COMPLAINANT' : 'INTERNAL';
      const note = await this.repo.addNote(tx, {
        complaintId: c.id,
        kind,
        textEnc: this.crypto.encrypt(dto.text),
        authorId: actor.id,
        createdAt: this.clock.now(),
      });
      if (!(await this.repo.update(tx, c.id, c.version, {}))) throw ComplaintErrors.changed();
      await this.audit.change(tx, actor, 'complaint.note', 'complaint', c.id, { noteId: note.id, kind });
    });
    return this.read(actor, id, 'complaint.note');
  }

  async addConsent(actor: Actor, id: string, dto: CreateConsentDto): Promise<ComplaintDto> {
    const givenAt = new Date(dto.givenAt);
    if (givenAt > this.clock.now()) throw ComplaintErrors.field('givenAt', 'CONSENT_IN_FUTURE', 'A consent cannot be given in the future.');
    await this.change(actor, id, undefined, false, async (tx, c) => {
      const consent = await this.repo.addConsent(tx, {
        complaintId: c.id,
        recipientKind: dto.recipientKind,
        purpose: dto.purpose,
        scope: dto.scope,
        givenBy: dto.givenBy,
        givenAt,
        method: dto.method,
        recordedById: actor.id,
      });
      if (!(await this.repo.update(tx, c.id, c.version, {}))) throw ComplaintErrors.changed();
      await this.audit.change(tx, actor, 'complaint.consent', 'complaint', c.id, {
        consentId: consent.id,
        recipientKind: dto.recipientKind,
        purpose: dto.purpose,
        scope: dto.scope,
        method: dto.method,
      });
    });
    return this.read(actor, id, 'complaint.consent');
  }

  async withdrawConsent(actor: Actor, id: string, consentId: string, dto: WithdrawConsentDto): Promise<ComplaintDto> {
    await this.change(actor, id, undefined, false, async (tx, c) => {
      const consent = c.consents.find((k) => k.id === consentId);
      if (!consent) throw ComplaintErrors.consentNotFound();
      if (consent.withdrawnAt) throw ComplaintErrors.consentAlreadyWithdrawn();
      if (!(await this.repo.withdrawConsent(tx, c.id, consentId, actor.id, this.clock.now(), dto.reason ?? null)))
        throw ComplaintErrors.consentAlreadyWithdrawn();
      if (!(await this.repo.update(tx, c.id, c.version, {}))) throw ComplaintErrors.changed();
      await this.audit.change(tx, actor, 'complaint.consent_withdrawn', 'complaint', c.id, { consentId, reason: dto.reason });
    });
    return this.read(actor, id, 'complaint.consent');
  }

  /** Refers the complaint under the worker's consent; the letter holds only what the consent covers. */
  async refer(actor: Actor, id: string, dto: CreateReferralDto): Promise<ComplaintDto> {
    if (dto.recipientKind === 'PARTNER_AGENCY' && !dto.partnerAgencyId)
      throw ComplaintErrors.field('partnerAgencyId', 'PARTNER_AGENCY_REQUIRED', 'A referral to a partner agency names the agency.');
    if (dto.recipientKind !== 'PARTNER_AGENCY' && dto.partnerAgencyId)
      throw ComplaintErrors.field('partnerAgencyId', 'PARTNER_AGENCY_NOT_EXPECTED', 'Only a referral to a partner agency names one.');
    if (dto.recipientKind !== 'PARTNER_AGENCY' && !dto.recipientName)
      throw ComplaintErrors.field('recipientName', 'RECIPIENT_NAME_REQUIRED', 'Name the authority or organisation the complaint goes to.');
    let agencyName: string | null = null;
    if (dto.partnerAgencyId) {
      agencyName = await this.repo.agencyName(dto.partnerAgencyId);
      if (!agencyName) throw ComplaintErrors.field('partnerAgencyId', 'PARTNER_AGENCY_NOT_FOUND', 'No such partner agency.');
    }
    await this.change(actor, id, undefined, false, async (tx, c) => {
      if (!canRefer(c.status as Status)) throw ComplaintErrors.closed();
      if (c.destroyedAt) throw ComplaintErrors.destroyed();
      if (dto.partnerAgencyId && dto.partnerAgencyId === c.partnerAgencyId) {
        throw ComplaintErrors.field('partnerAgencyId', 'REFERRAL_TO_SUBJECT', 'The complaint is about this partner agency; it cannot be referred to it.');
      }
      const gate = consentFor(
        { identified: !c.anonymous || c.workerId !== null, recipient: dto.recipientKind, shares: dto.shares, consentId: dto.consentId },
        c.consents.map((k) => ({ ...k, recipientKind: k.recipientKind, scope: k.scope })),
      );
      if ('code' in gate) {
        if (gate.code === 'CONSENT_REQUIRED') throw ComplaintErrors.consentRequired();
        if (gate.code === 'CONSENT_WITHDRAWN') throw ComplaintErrors.consentWithdrawn();
        throw ComplaintErrors.shareNotCovered(gate.shares);
      }
      const now = this.clock.now();
      const letter = referralLetter(await this.letterFacts(c, dto.recipientName ?? agencyName!, now, dto.shares), dto.shares);
      const referral = await this.repo.addReferral(tx, {
        complaintId: c.id,
        recipientKind: dto.recipientKind,
        recipientName: dto.recipientName ?? agencyName,
        partnerAgencyId: dto.partnerAgencyId ?? null,
        consentId: gate.consentId,
        shares: dto.shares,
        letterEnc: this.crypto.encrypt(letter),
        createdById: actor.id,
        createdAt: now,
      });
      const moves = c.status !== 'REFERRED';
      if (!(await this.repo.update(tx, c.id, c.version, moves ? { status: 'REFERRED', triagedAt: c.triagedAt ?? now } : {}))) throw ComplaintErrors.changed();
      if (moves)
        await this.repo.addTransition(tx, {
          complaintId: c.id,
          fromStatus: c.status,
          toStatus: 'REFERRED',
          reason: `referral to ${dto.recipientKind}`,
          actorId: actor.id,
          at: now,
        });
      await this.audit.change(tx, actor, 'complaint.referral', 'complaint', c.id, {
        referralId: referral.id,
        recipientKind: dto.recipientKind,
        recipientName: dto.recipientName ?? agencyName,
        partnerAgencyId: dto.partnerAgencyId,
        consentId: gate.consentId,
        shares: dto.shares,
      });
    });
    return this.read(actor, id, 'complaint.referral');
  }

  async policy(): Promise<ComplaintPolicyViewDto> {
    const { id: _id, updatedAt: _u, ...p } = await this.repo.policy();
    return p;
  }

  async putPolicy(actor: Actor, dto: ComplaintPolicyDto, ifMatch: string | undefined): Promise<ComplaintPolicyViewDto> {
    await this.transactions.run(async (tx) => {
      const current = await this.repo.policy(tx);
      assertIfMatch(ifMatch, current.version);
      if (!(await this.repo.updatePolicy(tx, current.version, { ...dto }))) throw ComplaintErrors.policyChanged();
      await this.audit.change(tx, actor, 'complaint_policy.update', 'complaint_policy', null, { ...dto });
    });
    return this.policy();
  }

  // ---- internals ----

  /** Reads what the caller may see and writes the read to the access log. */
  private async read(actor: Actor, id: string, action: string, justCreated = false): Promise<ComplaintDto> {
    // its author sees what they just entered once, even a confidential complaint they assigned to someone else
    const c = await this.repo.find(id, justCreated ? { id: actor.id, role: 'ADMIN', agencyIds: [] } : viewerOf(actor));
    if (!c) throw ComplaintErrors.notFound();
    const view = justCreated ? (actor.role === 'LIAISON' ? 'SHARED' : 'FULL') : this.viewOf(actor, c);
    await this.audit.access(actor, action === 'complaint.read' ? action : `${action}.read`, 'complaint', c.id);
    return complaintDto(c, view, this.sharesFor(actor, c), (t) => (t ? this.crypto.decrypt(t) : null));
  }

  private viewOf(actor: Actor, c: ComplaintRecord): 'FULL' | 'SHARED' {
    const v = visibility(viewerOf(actor), { ...c, referredAgencyIds: c.referrals.flatMap((r) => (r.partnerAgencyId ? [r.partnerAgencyId] : [])) });
    if (v === 'NONE') throw ComplaintErrors.notFound(); // the query and the rule disagree: fail closed
    return v;
  }

  /** A liaison officer sees what the referrals to their agencies share; what they entered themselves, but internal notes. */
  private sharesFor(actor: Actor, c: ComplaintRecord): Set<Share> {
    const shares = new Set<Share>(
      c.referrals.filter((r) => r.partnerAgencyId && actor.agencyIds.includes(r.partnerAgencyId)).flatMap((r) => r.shares as Share[]),
    );
    if (c.createdById === actor.id) for (const s of ['CATEGORY', 'NARRATIVE', 'WORKER_IDENTITY', 'EMPLOYER'] as const) shares.add(s);
    return shares;
  }

  /**
   * Runs a change on the locked complaint the caller may see. `fullOnly`: a liaison officer sees a
   * shared view and may add to it (notes, evidence, moves), but edits of the record are the Centre's.
   */
  private async change(
    actor: Actor,
    id: string,
    ifMatch: string | undefined,
    fullOnly: boolean,
    work: (tx: Tx, c: ComplaintRecord) => Promise<void>,
  ): Promise<void> {
    try {
      await this.transactions.run(async (tx) => {
        const c = await this.repo.lock(tx, id, viewerOf(actor));
        if (!c) throw ComplaintErrors.notFound();
        if (fullOnly && this.viewOf(actor, c) !== 'FULL') throw ComplaintErrors.notFound();
        if (fullOnly) requiredVersion(ifMatch, c.version);
        assertIfMatch(ifMatch, c.version);
        await work(tx, c);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw ComplaintErrors.changed();
      throw e;
    }
  }

  /** Validates the links a complaint carries against the caller's scope; a placement sets worker and employer. */
  private async checkLinks(
    actor: Actor,
    dto: { workerId?: string | null; employerId?: string | null; intermediaryId?: string | null; partnerAgencyId?: string | null; placementId?: string | null },
  ) {
    const out: {
      workerId?: string | null;
      employerId?: string | null;
      intermediaryId?: string | null;
      partnerAgencyId?: string | null;
      placementId?: string | null;
    } = {};
    if (dto.workerId !== undefined) {
      if (dto.workerId && !(await this.repo.worker(dto.workerId, scopeOf(actor))))
        throw ComplaintErrors.field('workerId', 'WORKER_NOT_FOUND', 'No such worker in your scope.');
      out.workerId = dto.workerId;
    }
    if (dto.placementId) {
      const p = await this.repo.placement(dto.placementId);
      if (!p || (dto.workerId && p.workerId !== dto.workerId))
        throw ComplaintErrors.field('placementId', 'PLACEMENT_NOT_FOUND', 'No such placement of this worker.');
      if (!(await this.repo.worker(p.workerId, scopeOf(actor))))
        throw ComplaintErrors.field('placementId', 'PLACEMENT_NOT_FOUND', 'No such placement of this worker.');
      if (dto.employerId && dto.employerId !== p.employerId)
        throw ComplaintErrors.field('employerId', 'EMPLOYER_MISMATCH', 'The placement is with another employer.');
      Object.assign(out, { placementId: p.id, workerId: p.workerId, employerId: p.employerId });
    }
    const exists = await this.repo.linksExist(dto);
    if (!exists.employer) throw ComplaintErrors.field('employerId', 'EMPLOYER_NOT_FOUND', 'No such employer.');
    if (!exists.intermediary) throw ComplaintErrors.field('intermediaryId', 'INTERMEDIARY_NOT_FOUND', 'No such intermediary.');
    if (!exists.partnerAgency) throw ComplaintErrors.field('partnerAgencyId', 'PARTNER_AGENCY_NOT_FOUND', 'No such partner agency.');
    for (const k of ['employerId', 'intermediaryId', 'partnerAgencyId'] as const) if (dto[k] !== undefined && out[k] === undefined) out[k] = dto[k];
    return out;
  }

  private async letterFacts(c: ComplaintRecord, recipient: string, now: Date, shares: Share[]) {
    const want = new Set(shares);
    const worker = want.has('WORKER_IDENTITY') && c.workerId ? await this.repo.worker(c.workerId, {}) : null;
    const employer = want.has('EMPLOYER') ? await this.repo.employerName(c.employerId) : null;
    return {
      reference: c.reference,
      date: now.toISOString().slice(0, 10),
      recipient,
      category: c.category,
      narrative: want.has('NARRATIVE') && c.narrativeEnc ? this.crypto.decrypt(c.narrativeEnc) : null,
      worker: worker
        ? `${worker.lastNameCyr} ${worker.firstNameCyr}${worker.patronymicCyr ? ` ${worker.patronymicCyr}` : ''}, ` +
          `${worker.birthDate.toISOString().slice(0, 10)}, ${worker.citizenship}`
        : null,
      employer: employer ? `${employer.name}, ИНН ${employer.inn}` : c.subjectNameEnc && want.has('EMPLOYER') ? this.crypto.decrypt(c.subjectNameEnc) : null,
      evidence: want.has('EVIDENCE') ? c.evidence.filter((e) => !e.destroyedAt).map((e) => `${e.name} (sha256 ${e.sha256})`) : [],
    };
  }

  private async withReference<T>(work: (reference: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work(newReference(this.clock.now()));
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 4) throw e;
      }
    }
  }

  private notCaseworker() {
    return ComplaintErrors.field('assignedToId', 'ASSIGNEE_NOT_CASEWORKER', 'A complaint is assigned to an active caseworker (STAFF) or administrator.');
  }

  // ---- for the evidence files and referral letters (complaint-files.service.ts) ----

  /**
   * The complaint as the caller sees it, or null when it is outside their scope: the record, FULL or
   * SHARED, and what the referrals to their agencies share. Locked when a transaction is given.
   */
  async seenBy(actor: Actor, id: string, tx?: Tx): Promise<{ c: ComplaintRecord; view: 'FULL' | 'SHARED'; shares: ReadonlySet<Share> } | null> {
    const viewer = viewerOf(actor);
    const c = tx ? await this.repo.lock(tx, id, viewer) : await this.repo.find(id, viewer);
    if (!c) return null;
    const view = visibility(viewer, { ...c, referredAgencyIds: c.referrals.flatMap((r) => (r.partnerAgencyId ? [r.partnerAgencyId] : [])) });
    return view === 'NONE' ? null : { c, view, shares: this.sharesFor(actor, c) };
  }

  /** The complaint after a change made elsewhere (an evidence file), as the caller sees it; the read is logged. */
  readAfter(actor: Actor, id: string, action: string): Promise<ComplaintDto> {
    return this.read(actor, id, action);
  }
}

/** C-2026-7KQ3MX: the year and 6 random characters (30 bits): it says nothing of how many complaints there are. */
export function newReference(now: Date): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `C-${now.getUTCFullYear()}-${s}`;
}

function definedOnly<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
