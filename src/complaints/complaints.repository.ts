import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import type { RecordScope } from '../access/scope';
import { workerScope } from '../workers/workers.repository';
import type { Viewer } from './complaint.rules';

const FULL = {
  notes: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  transitions: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  consents: { orderBy: [{ givenAt: 'asc' }, { id: 'asc' }] },
  referrals: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  evidence: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.ComplaintInclude;

export type ComplaintRecord = Prisma.ComplaintGetPayload<{ include: typeof FULL }>;
export type ComplaintRow = Prisma.ComplaintGetPayload<object>;

export interface ComplaintFilter {
  status?: string;
  severity?: string;
  category?: string;
  workerId?: string;
  assignedToId?: string;
  overdueAt?: Date;
  before?: { createdAt: Date; id: string };
}

/**
 * Who may see a complaint, as a query (the rule is `visibility` in complaint.rules.ts; a test
 * checks the two agree): out-of-scope complaints are simply not found.
 */
export function visibleTo(viewer: Viewer): Prisma.ComplaintWhereInput {
  switch (viewer.role) {
    case 'ADMIN':
      return {};
    case 'STAFF':
      return { OR: [{ confidential: false }, { assignedToId: viewer.id }] };
    case 'LIAISON':
      return {
        confidential: false,
        AND: [
          { OR: [{ partnerAgencyId: null }, { partnerAgencyId: { notIn: viewer.agencyIds } }] },
          { OR: [{ createdById: viewer.id }, { referrals: { some: { partnerAgencyId: { in: viewer.agencyIds } } } }] },
        ],
      };
    default:
      return { id: { in: [] } };
  }
}

/** The only Prisma access for complaints. */
@Injectable()
export class ComplaintsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(id: string, viewer: Viewer, tx: Tx | PrismaService = this.prisma): Promise<ComplaintRecord | null> {
    return tx.complaint.findFirst({ where: { AND: [{ id }, visibleTo(viewer)] }, include: FULL });
  }

  /** Locks the row for a change (and checks the viewer may see it). */
  async lock(tx: Tx, id: string, viewer: Viewer): Promise<ComplaintRecord | null> {
    await tx.$queryRaw`SELECT id FROM complaints WHERE id = ${id}::uuid FOR UPDATE`;
    return this.find(id, viewer, tx);
  }

  list(viewer: Viewer, f: ComplaintFilter, take: number): Promise<ComplaintRow[]> {
    const b = f.before;
    return this.prisma.complaint.findMany({
      where: {
        AND: [
          visibleTo(viewer),
          f.status ? { status: f.status as never } : {},
          f.severity ? { severity: f.severity as never } : {},
          f.category ? { category: f.category as never } : {},
          f.workerId ? { workerId: f.workerId } : {},
          f.assignedToId ? { assignedToId: f.assignedToId } : {},
          f.overdueAt ? { status: 'RECEIVED', triageDueAt: { lt: f.overdueAt } } : {},
          b ? { OR: [{ createdAt: { lt: b.createdAt } }, { createdAt: b.createdAt, id: { lt: b.id } }] } : {},
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  insert(tx: Tx, data: Prisma.ComplaintUncheckedCreateInput): Promise<ComplaintRow> {
    return tx.complaint.create({ data });
  }

  /** Changes the complaint if it is still at `version`; false when someone else changed it first. */
  async update(tx: Tx, id: string, version: number, data: Prisma.ComplaintUncheckedUpdateManyInput): Promise<boolean> {
    const { count } = await tx.complaint.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    return count === 1;
  }

  addTransition(tx: Tx, data: Prisma.ComplaintTransitionUncheckedCreateInput) {
    return tx.complaintTransition.create({ data });
  }

  addNote(tx: Tx, data: Prisma.ComplaintNoteUncheckedCreateInput) {
    return tx.complaintNote.create({ data });
  }

  addConsent(tx: Tx, data: Prisma.ComplaintConsentUncheckedCreateInput) {
    return tx.complaintConsent.create({ data });
  }

  async withdrawConsent(tx: Tx, complaintId: string, consentId: string, by: string, at: Date, reason: string | null): Promise<boolean> {
    const { count } = await tx.complaintConsent.updateMany({
      where: { id: consentId, complaintId, withdrawnAt: null },
      data: { withdrawnAt: at, withdrawnById: by, withdrawReason: reason },
    });
    return count === 1;
  }

  addReferral(tx: Tx, data: Prisma.ComplaintReferralUncheckedCreateInput) {
    return tx.complaintReferral.create({ data });
  }

  /** Whether these records exist (the links a complaint may carry). */
  async linksExist(l: { employerId?: string | null; intermediaryId?: string | null; partnerAgencyId?: string | null }) {
    const [employer, intermediary, agency] = await Promise.all([
      l.employerId ? this.prisma.employer.count({ where: { id: l.employerId } }) : 1,
      l.intermediaryId ? this.prisma.intermediary.count({ where: { id: l.intermediaryId } }) : 1,
      l.partnerAgencyId ? this.prisma.partnerAgency.count({ where: { id: l.partnerAgencyId } }) : 1,
    ]);
    return { employer: employer > 0, intermediary: intermediary > 0, partnerAgency: agency > 0 };
  }

  /** The worker, if the caller's scope reaches them (a liaison officer: their agencies' workers). */
  worker(id: string, scope: RecordScope) {
    return this.prisma.worker.findFirst({
      where: { AND: [{ id, erasedAt: null }, workerScope(scope)] },
      select: {
        id: true,
        caseNumber: true,
        lastNameCyr: true,
        firstNameCyr: true,
        patronymicCyr: true,
        birthDate: true,
        citizenship: true,
        caseworkerId: true,
      },
    });
  }

  async agencyName(id: string): Promise<string | null> {
    return (await this.prisma.partnerAgency.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
  }

  employerName(id: string | null) {
    return id ? this.prisma.employer.findUnique({ where: { id }, select: { name: true, inn: true } }) : null;
  }

  placement(id: string) {
    return this.prisma.placement.findUnique({ where: { id }, select: { id: true, workerId: true, employerId: true } });
  }

  /** An active caseworker a complaint may be assigned to. */
  async isCaseworker(userId: string): Promise<boolean> {
    return (await this.prisma.user.count({ where: { id: userId, active: true, role: { in: ['STAFF', 'ADMIN'] } } })) > 0;
  }

  /** Who must hear at once of a critical or overdue complaint: active users of these roles, or these users. */
  recipients(tx: Tx, who: { userIds?: string[]; roles?: ('ADMIN' | 'STAFF')[] }) {
    return tx.user.findMany({
      where: { active: true, OR: [...(who.userIds?.length ? [{ id: { in: who.userIds } }] : []), ...(who.roles?.length ? [{ role: { in: who.roles } }] : [])] },
      select: { id: true, email: true, language: true, role: true },
    });
  }

  policy(tx: Tx | PrismaService = this.prisma) {
    return tx.complaintPolicy.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
  }

  async updatePolicy(tx: Tx, version: number, data: Prisma.ComplaintPolicyUpdateManyMutationInput): Promise<boolean> {
    const { count } = await tx.complaintPolicy.updateMany({ where: { id: 1, version }, data: { ...data, version: { increment: 1 } } });
    return count === 1;
  }

  /** Untriaged complaints past their deadline that nobody escalated yet, oldest first, locked for this scan. */
  overdueUntriaged(tx: Tx, now: Date, take: number) {
    return tx.$queryRaw<{ id: string; reference: string; severity: string; category: string; assigned_to_id: string | null; confidential: boolean }[]>`
      SELECT id, reference, severity::text, category::text, assigned_to_id, confidential FROM complaints
      WHERE status = 'RECEIVED' AND triage_due_at < ${now} AND triage_escalated_at IS NULL
      ORDER BY triage_due_at LIMIT ${take} FOR UPDATE SKIP LOCKED`;
  }

  markEscalated(tx: Tx, id: string, at: Date) {
    return tx.complaint.update({ where: { id }, data: { triageEscalatedAt: at } });
  }

  /** Substantiated complaints against an employer: the employer-risk figure staff see. */
  substantiatedAgainstEmployer(employerId: string): Promise<number> {
    return this.prisma.complaint.count({ where: { employerId, against: 'EMPLOYER', finding: 'SUBSTANTIATED', status: 'RESOLVED' } });
  }

  // ---- public intake (src/complaints/public) ----

  /** A complaint by its reference, with what the public status needs (never its content). */
  byReference(reference: string) {
    return this.prisma.complaint.findUnique({
      where: { reference },
      select: { id: true, reference: true, status: true, receivedAt: true, accessCodeHash: true, destroyedAt: true, assignedToId: true },
    });
  }

  /** The messages to and from the complainant, oldest first. */
  complainantNotes(complaintId: string) {
    return this.prisma.complaintNote.findMany({
      where: { complaintId, kind: { in: ['TO_COMPLAINANT', 'FROM_COMPLAINANT'] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { kind: true, textEnc: true, createdAt: true },
    });
  }

  /** A change without a version check (a complainant's message): the complaint's version moves on. */
  async touch(tx: Tx, id: string): Promise<void> {
    await tx.complaint.update({ where: { id }, data: { version: { increment: 1 } } });
  }

  /** Wrong access codes counted under these (hashed) keys. */
  async accessFailures(keys: string[]): Promise<{ failures: number; windowEndsAt: Date }[]> {
    const { rows } = await this.prisma.pool.query<{ failures: number; window_ends_at: Date }>({
      name: 'complaint_access_failures_read',
      text: 'SELECT failures, window_ends_at FROM complaint_access_failures WHERE key = ANY($1::text[])',
      values: [keys],
    });
    return rows.map((r) => ({ failures: r.failures, windowEndsAt: r.window_ends_at }));
  }

  /**
   * Counts a wrong code under each key ($1, sorted: concurrent statements lock rows in one order) at
   * $2; a window that ended starts again, lasting until $3. Up to 20 rows whose window ended are
   * deleted on the way.
   */
  async countAccessFailure(keys: string[], now: Date, windowEndsAt: Date): Promise<void> {
    await this.prisma.pool.query({
      name: 'complaint_access_failures_count',
      text: `
        WITH gone AS (
          DELETE FROM complaint_access_failures WHERE key IN (
            SELECT key FROM complaint_access_failures WHERE window_ends_at < $2 AND key <> ALL($1::text[]) LIMIT 20 FOR UPDATE SKIP LOCKED)
        )
        INSERT INTO complaint_access_failures AS f (key, failures, window_ends_at)
        SELECT k, 1, $3 FROM unnest($1::text[]) AS k ORDER BY k
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN f.window_ends_at <= $2 THEN 1 ELSE f.failures + 1 END,
          window_ends_at = CASE WHEN f.window_ends_at <= $2 THEN $3 ELSE f.window_ends_at END`,
      values: [[...keys].sort(), now, windowEndsAt],
    });
  }

  // ---- retention (complaint-retention.rules.ts) ----

  /**
   * Closed complaints closed before `cutoff` whose content is not destroyed yet, oldest closure first,
   * locked for this run (rows another run holds are skipped). The conditions are those of
   * `dueForDestruction`, and are checked again on the locked row, so a complaint reopened meanwhile is left.
   */
  dueForDestruction(tx: Tx, cutoff: Date, take: number) {
    return tx.$queryRaw<{ id: string; closed_at: Date }[]>`
      SELECT id, closed_at FROM complaints
      WHERE destroyed_at IS NULL AND closed_at IS NOT NULL AND closed_at < ${cutoff} AND status IN ('RESOLVED', 'DISMISSED')
      ORDER BY closed_at, id LIMIT ${take} FOR UPDATE SKIP LOCKED`;
  }

  /** The stored evidence files of these complaints (the keys to delete from storage). */
  async evidenceKeys(tx: Tx, complaintIds: string[]): Promise<{ complaintId: string; storageKey: string }[]> {
    const rows = await tx.complaintEvidence.findMany({
      where: { complaintId: { in: complaintIds }, storageKey: { not: null } },
      select: { complaintId: true, storageKey: true },
    });
    return rows.map((r) => ({ complaintId: r.complaintId, storageKey: r.storageKey! }));
  }

  /**
   * Destroys the content of these (locked) complaints and keeps the rows as anonymous statistics:
   * narrative, what the complainant typed, contact, access code, closing reason; the text of notes,
   * letters and transition reasons; the consents' free text; the evidence's keys and file names. The
   * worker, placement, caseworker and author are unlinked (the worker's citizenship is kept in
   * `worker_citizenship`); category, severity, against, status, finding, dates and the employer,
   * intermediary and partner agency stay. Returns, per complaint, how many notes, letters and stored files it had.
   */
  async destroyContent(tx: Tx, complaintIds: string[], at: Date): Promise<Map<string, { notes: number; letters: number; evidence: number }>> {
    const ids = complaintIds;
    const counts = await tx.$queryRaw<{ id: string; notes: number; letters: number; evidence: number }[]>`
      SELECT c.id,
        (SELECT count(*) FROM complaint_notes n WHERE n.complaint_id = c.id AND n.text_enc IS NOT NULL)::int AS notes,
        (SELECT count(*) FROM complaint_referrals r WHERE r.complaint_id = c.id AND r.letter_enc IS NOT NULL)::int AS letters,
        (SELECT count(*) FROM complaint_evidence e WHERE e.complaint_id = c.id AND e.storage_key IS NOT NULL)::int AS evidence
      FROM complaints c WHERE c.id = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`UPDATE complaint_notes SET text_enc = NULL WHERE complaint_id = ANY(${ids}::uuid[]) AND text_enc IS NOT NULL`;
    await tx.$executeRaw`UPDATE complaint_referrals SET letter_enc = NULL WHERE complaint_id = ANY(${ids}::uuid[]) AND letter_enc IS NOT NULL`;
    await tx.$executeRaw`UPDATE complaint_transitions SET reason = NULL WHERE complaint_id = ANY(${ids}::uuid[]) AND reason IS NOT NULL`;
    await tx.$executeRaw`UPDATE complaint_consents SET given_by = '', purpose = '', withdraw_reason = NULL WHERE complaint_id = ANY(${ids}::uuid[])`;
    // a file name may carry a name ("passport Karimov.jpg"): it becomes the row's id
    await tx.$executeRaw`
      UPDATE complaint_evidence SET storage_key = NULL, name = id::text, destroyed_at = COALESCE(destroyed_at, ${at})
      WHERE complaint_id = ANY(${ids}::uuid[])`;
    await tx.$executeRaw`
      UPDATE complaints c SET
        narrative_enc = NULL, subject_name_enc = NULL, place_enc = NULL, contact_enc = NULL, access_code_hash = NULL, close_reason = NULL,
        worker_citizenship = COALESCE(c.worker_citizenship, (SELECT w.citizenship::text FROM workers w WHERE w.id = c.worker_id)),
        worker_id = NULL, placement_id = NULL, assigned_to_id = NULL, created_by_id = NULL,
        destroyed_at = ${at}, version = c.version + 1, updated_at = ${at}
      WHERE c.id = ANY(${ids}::uuid[])`;
    return new Map(counts.map(({ id, ...n }) => [id, n]));
  }

  // ---- evidence, retaliation watch, consequences ----

  /** Whether the complaint already holds a file of this name (destroyed ones keep their name). */
  async evidenceNamed(complaintId: string, name: string): Promise<boolean> {
    return (await this.prisma.complaintEvidence.count({ where: { complaintId, name } })) > 0;
  }

  addEvidence(tx: Tx, data: Prisma.ComplaintEvidenceUncheckedCreateInput) {
    return tx.complaintEvidence.create({ data });
  }

  /** The retaliation window of the policy, without taking a lock on it (defaults when never written). */
  async retaliationDays(tx: Tx): Promise<number> {
    return (await tx.complaintPolicy.findUnique({ where: { id: 1 }, select: { retaliationDays: true } }))?.retaliationDays ?? 90;
  }

  /** The worker's complaints received in [since, until] that were not dismissed: the ones a dismissal or departure may be retaliation for. */
  watchedComplaints(tx: Tx, workerId: string, since: Date, until: Date) {
    return tx.complaint.findMany({
      where: { workerId, status: { not: 'DISMISSED' }, receivedAt: { gte: since, lte: until } },
      select: {
        id: true,
        reference: true,
        category: true,
        against: true,
        employerId: true,
        status: true,
        receivedAt: true,
        assignedToId: true,
        confidential: true,
      },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
    });
  }

  intermediary(tx: Tx, id: string) {
    return tx.intermediary.findUnique({ where: { id }, select: { id: true, name: true, status: true } });
  }
}
