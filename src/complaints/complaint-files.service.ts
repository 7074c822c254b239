import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../infra/clock/clock';
import { FieldCrypto } from '../infra/crypto/field-crypto';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { FileNotFoundError, FileStorage, FileTooLargeError, StoredFile, UnsupportedFileTypeError } from '../infra/storage/file-storage';
import { EVIDENCE_CONTENT_TYPES } from '../infra/storage/sniff';
import type { Viewer } from './complaint.rules';
import { evidenceNameProblem, LetterFormat } from './complaint-files.rules';
import { ComplaintFileErrors } from './complaint-files.errors';
import { ComplaintErrors } from './complaints.errors';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';
import type { ComplaintDto, EvidenceViewDto } from './dto/complaint.dto';
import { referralLetterPdf } from './referral-letter.pdf';

/** Who stores a file: a signed-in user, or (public intake) the request of an anonymous complainant. */
export type EvidenceUploader = Parameters<AuditService['change']>[1];

export interface DownloadedFile {
  stream: NodeJS.ReadableStream;
  contentType: string;
  size: number;
  sha256: string;
  filename: string;
}

/**
 * A complaint's files: evidence (scans, photos, voice recordings) stored like document scans —
 * streamed, sniffed by content, capped in size, hashed — never replaced, every download in the
 * access log; and the referral letters as text or PDF.
 */
@Injectable()
export class ComplaintFilesService {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly repo: ComplaintsRepository,
    private readonly storage: FileStorage,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Staff (or a liaison officer the referral shares evidence with) add a file to a complaint they see. */
  async upload(actor: Actor, complaintId: string, name: string, body: Readable | Buffer | undefined): Promise<ComplaintDto> {
    const problem = evidenceNameProblem(name);
    if (problem) throw ComplaintFileErrors.badName(problem);
    await this.evidenceSeenBy(actor, complaintId);
    await this.store(actor, complaintId, name, body, { fromComplainant: false, uploadedById: actor.id, scope: actor });
    return this.complaints.readAfter(actor, complaintId, 'complaint.evidence_upload');
  }

  /**
   * Stores one file of evidence under `name` on the complaint: 400 for a bad name, 409 when the
   * name is taken (evidence is never silently replaced) or the content was destroyed, 413 over
   * COMPLAINT_EVIDENCE_MAX_BYTES, 415 when the content is not an accepted kind. The caller has
   * checked that `who` may add to this complaint; `scope` (a user) re-checks it under the lock.
   * For the public intake: `fromComplainant: true`, `uploadedById: null`, no scope.
   */
  async store(
    who: EvidenceUploader,
    complaintId: string,
    name: string,
    body: Readable | Buffer | undefined,
    opts: { fromComplainant: boolean; uploadedById: string | null; scope?: Actor },
  ): Promise<EvidenceViewDto> {
    const problem = evidenceNameProblem(name);
    if (problem) throw ComplaintFileErrors.badName(problem);
    if (await this.repo.evidenceNamed(complaintId, name)) throw ComplaintFileErrors.exists(name); // before reading megabytes
    if (!body) throw ComplaintFileErrors.unsupported();
    const key = `complaints/${complaintId}/${randomUUID()}`;
    const maxBytes = this.config.files.evidenceMaxBytes;
    let stored: StoredFile;
    try {
      stored = await this.storage.put(key, body, { maxBytes, accept: EVIDENCE_CONTENT_TYPES });
    } catch (e) {
      if (e instanceof FileTooLargeError) throw ComplaintFileErrors.tooLarge(maxBytes);
      if (e instanceof UnsupportedFileTypeError) throw ComplaintFileErrors.unsupported();
      throw e;
    }
    try {
      return await this.transactions.run(async (tx) => {
        const c = opts.scope ? evidenceOf(await this.complaints.seenBy(opts.scope, complaintId, tx)) : await this.repo.lock(tx, complaintId, INTAKE);
        if (!c) throw ComplaintErrors.notFound();
        if (c.destroyedAt) throw ComplaintErrors.destroyed();
        const row = await this.repo.addEvidence(tx, {
          complaintId,
          name,
          contentType: stored.contentType,
          size: stored.size,
          sha256: stored.sha256,
          storageKey: key,
          fromComplainant: opts.fromComplainant,
          uploadedById: opts.uploadedById,
          createdAt: this.clock.now(),
        });
        if (!(await this.repo.update(tx, c.id, c.version, {}))) throw ComplaintErrors.changed();
        await this.audit.change(tx, who, 'complaint.evidence', 'complaint', c.id, {
          name,
          contentType: stored.contentType,
          size: stored.size,
          sha256: stored.sha256,
          fromComplainant: opts.fromComplainant,
        });
        return {
          name: row.name,
          contentType: row.contentType,
          size: row.size,
          sha256: row.sha256,
          fromComplainant: row.fromComplainant,
          createdAt: row.createdAt.toISOString(),
          destroyedAt: null,
        };
      });
    } catch (e) {
      await this.storage.delete(key).catch(() => undefined);
      if (isUniqueViolation(e)) throw ComplaintFileErrors.exists(name);
      throw e;
    }
  }

  /** A file of evidence, streamed; the download is written to the access log. */
  async download(actor: Actor, complaintId: string, name: string): Promise<DownloadedFile> {
    const c = await this.evidenceSeenBy(actor, complaintId);
    const e = evidenceNameProblem(name) ? undefined : c.evidence.find((x) => x.name === name);
    if (!e) throw ComplaintFileErrors.evidenceNotFound();
    if (e.destroyedAt || !e.storageKey) throw ComplaintFileErrors.evidenceDestroyed();
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.storage.get(e.storageKey);
    } catch (error) {
      if (error instanceof FileNotFoundError) throw ComplaintFileErrors.evidenceNotFound();
      throw error;
    }
    await this.audit.access(actor, 'complaint.evidence.download', 'complaint', c.id);
    return { stream, contentType: e.contentType, size: e.size, sha256: e.sha256, filename: e.name };
  }

  /**
   * The referral letter as sent: only what the consent covered, as text or as a PDF with an
   * embedded Cyrillic font. Only for those who see the whole complaint (never a liaison officer,
   * whose shared view has no referrals). The read is written to the access log.
   */
  async letter(actor: Actor, complaintId: string, referralId: string, format: LetterFormat): Promise<{ body: Buffer | string; filename: string }> {
    const seen = await this.complaints.seenBy(actor, complaintId);
    if (!seen || seen.view !== 'FULL') throw ComplaintErrors.notFound();
    const index = seen.c.referrals.findIndex((r) => r.id === referralId);
    if (index < 0) throw ComplaintFileErrors.referralNotFound();
    const referral = seen.c.referrals[index];
    if (!referral.letterEnc) throw ComplaintFileErrors.letterDestroyed();
    const text = this.crypto.decrypt(referral.letterEnc);
    await this.audit.access(actor, 'complaint.referral_letter.read', 'complaint', seen.c.id);
    const filename = `referral-${seen.c.reference}-${index + 1}`;
    if (format === 'text/plain') return { body: text, filename: `${filename}.txt` };
    return {
      body: await referralLetterPdf(text, { title: `${seen.c.reference}: ${referral.recipientName ?? referral.recipientKind}`, createdAt: referral.createdAt }),
      filename: `${filename}.pdf`,
    };
  }

  /** The complaint, when the caller sees its evidence: all of it, or a referral to their agency shares EVIDENCE. */
  private async evidenceSeenBy(actor: Actor, complaintId: string) {
    const c = evidenceOf(await this.complaints.seenBy(actor, complaintId));
    if (!c) throw ComplaintErrors.notFound();
    return c;
  }
}

/** The complaint when its evidence is seen: the whole complaint, or a referral to the viewer's agency shares EVIDENCE. */
function evidenceOf(seen: Awaited<ReturnType<ComplaintsService['seenBy']>>) {
  return seen && (seen.view === 'FULL' || seen.shares.has('EVIDENCE')) ? seen.c : null;
}

/** The public intake's own view of a complaint (the complainant proved it with the access code). */
const INTAKE: Viewer = { id: '', role: 'ADMIN', agencyIds: [] };
