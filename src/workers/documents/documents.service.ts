import { DeadlinesService } from '../../deadlines/deadlines.service';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { AuditService } from '../../audit/audit.service';
import { AppError, CommonErrors } from '../../common/errors/app-error';
import { requiredVersion } from '../../common/http/etag';
import { Clock } from '../../infra/clock/clock';
import { FieldCrypto } from '../../infra/crypto/field-crypto';
import { Tx } from '../../infra/database/prisma.service';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { documentProblems, supersedeProblem } from '../document.rules';
import { coverDates } from '../work-authorization.rules';
import { currentInTheWay, SlotInput, slotFieldProblems } from '../document-slot.rules';
import { violatesIndex } from '../../infra/database/unique-violation';
import { WorkerErrors } from '../workers.errors';
import { WorkersRepository } from '../workers.repository';
import { addDays } from './patent.rules';
import { DocumentRecord, DocumentsRepository } from './documents.repository';
import { CreateDocumentDto, DocumentDto, UpdateDocumentDto } from './dto/document.dto';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const date = (s: string | undefined) => (s ? new Date(`${s}T00:00:00Z`) : undefined);

/** What a correction changed, by field name only (numbers are not repeated on the timeline). */
function changeText(type: string, dto: UpdateDocumentDto): string {
  const fields = (['number', 'issuedOn', 'expiresOn', 'issuer'] as const).filter((f) => dto[f] !== undefined);
  const parts = [...(fields.length ? [`corrected ${fields.join(', ')}`] : []), ...(dto.status === 'REVOKED' ? ['revoked'] : [])];
  return `${type}: ${parts.join('; ') || 'no change'}`;
}

export const DocumentErrors = {
  notFound: () => new AppError(404, 'DOCUMENT_NOT_FOUND', 'The document was not found.'),
  invalid: (errors: { field: string; message: string }[]) => new AppError(422, 'DOCUMENT_INVALID', 'The document breaks the rules for its type.', { errors }),
  alreadyRenewed: () => new AppError(409, 'DOCUMENT_ALREADY_SUPERSEDED', 'That document was already renewed or revoked.'),
  alreadyCurrent: (type: string, current: { id: string }) =>
    new AppError(
      409,
      'DOCUMENT_ALREADY_CURRENT',
      `The worker already has a current ${type} (${current.id}); record the new one as its renewal (supersedes) or revoke that one first.`,
      { currentDocumentId: current.id },
    ),
};

/** The partial unique indexes that hold one current document per slot (migration issue16_docs). */
const ONE_CURRENT_INDEXES = ['worker_documents_one_current_passport', 'worker_documents_one_current_per_worker', 'worker_documents_one_current_contract'];

@Injectable()
export class DocumentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly workers: WorkersRepository,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
  ) {}

  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  toDto(d: DocumentRecord): DocumentDto {
    const today = this.today();
    const expires = iso(d.expiresOn);
    const validity = !expires ? 'NO_EXPIRY' : expires < today ? 'EXPIRED' : expires <= addDays(today, 30) ? 'EXPIRING' : 'CURRENT';
    return {
      id: d.id,
      workerId: d.workerId,
      type: d.type,
      number: d.numberEnc ? this.crypto.decrypt(d.numberEnc) : null,
      issuedOn: iso(d.issuedOn),
      expiresOn: expires,
      issuer: d.issuer,
      status: d.status,
      validity,
      supersedesId: d.supersedesId,
      supersededById: d.supersededBy?.id ?? null,
      paidUntil: iso(d.paidUntil),
      file: d.fileKey ? { contentType: d.fileContentType!, size: d.fileSize!, sha256: d.fileSha256!, uploadedAt: d.fileUploadedAt!.toISOString() } : null,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
      issuingCountry: d.country,
      employerId: d.employerId,
      createdById: d.createdById,
    };
  }

  /** The worker in the caller's scope, or 404. */
  async workerInScope(actor: Actor, workerId: string, tx?: Tx) {
    const worker = await this.workers.findById(workerId, scopeOf(actor), tx);
    if (!worker) throw WorkerErrors.notFound();
    return worker;
  }

  async list(actor: Actor, workerId: string) {
    await this.workerInScope(actor, workerId);
    const docs = await this.repo.listForWorker(workerId);
    await this.audit.access(actor, 'worker.documents.read', 'worker', workerId);
    return { items: docs.map((d) => this.toDto(d)) };
  }

  async create(actor: Actor, workerId: string, dto: CreateDocumentDto) {
    try {
      return await this.transactions.run(async (tx) => {
        const worker = await this.workerInScope(actor, workerId, tx);
        const problems = documentProblems({ ...dto, citizenship: worker.citizenship, today: this.today() });
        problems.push(...(await this.slotProblems(tx, dto)));
        if (dto.supersedes) {
          const old = await this.repo.findForWorker(workerId, dto.supersedes, tx);
          if (!old) problems.push({ field: 'supersedes', message: 'no such document of this worker' });
          else {
            const p = supersedeProblem(old, { type: dto.type, workerId });
            if (p) problems.push(p);
          }
        }
        if (problems.length) throw DocumentErrors.invalid(problems);
        const issuingCountry = dto.type === 'PASSPORT' ? (dto.issuingCountry ?? worker.citizenship) : null;
        const inTheWay = await this.currentInSlot(tx, worker, { ...dto, issuingCountry });
        if (inTheWay) throw DocumentErrors.alreadyCurrent(dto.type, inTheWay);
        if (dto.supersedes && !(await this.repo.supersede(tx, dto.supersedes))) throw DocumentErrors.alreadyRenewed();
        const created = await this.repo.create(tx, {
          workerId,
          type: dto.type,
          numberEnc: dto.number ? this.crypto.encrypt(dto.number) : null,
          numberIndex: dto.number ? this.crypto.blindIndex(dto.number) : null,
          issuedOn: date(dto.issuedOn),
          expiresOn: date(dto.expiresOn),
          issuer: dto.issuer,
          supersedesId: dto.supersedes,
          country: issuingCountry,
          employerId: dto.employerId ?? null,
          createdById: actor.id,
        });
        await this.audit.change(tx, actor, dto.supersedes ? 'document.renew' : 'document.create', 'worker', workerId, {
          documentId: created.id,
          type: dto.type,
          number: dto.number,
          supersedes: dto.supersedes,
        });
        await this.recordCoverDates(tx, workerId);
        await this.deadlines.recompute(tx, workerId, actor.id);
        return this.toDto(created);
      });
    } catch (e) {
      throw (await this.alreadyCurrentFromIndex(e, workerId, dto)) ?? e;
    }
  }

  /** Issuing country and employer: on the types that have them, and an employer that exists. */
  private async slotProblems(tx: Tx, dto: CreateDocumentDto) {
    const problems = slotFieldProblems(dto);
    if (dto.employerId && dto.type === 'LABOUR_CONTRACT' && !(await this.repo.employerExists(tx, dto.employerId))) {
      problems.push({ field: 'employerId', message: 'no such employer' });
    }
    return problems;
  }

  /** The current document of the slot the new one would take (not the one it renews), or null. */
  private async currentInSlot(tx: Tx | undefined, worker: { id: string; citizenship: string }, next: SlotInput & { supersedes?: string }) {
    const held = await this.repo.currentOfType(tx, worker.id, next.type as DocumentRecord['type']);
    // passports recorded with the dossier before the issuing country was kept are of the citizenship
    return currentInTheWay(
      next,
      held.map(({ country, ...d }) => ({ ...d, issuingCountry: d.type === 'PASSPORT' ? (country ?? worker.citizenship) : null })),
    );
  }

  /**
   * A second current document that got past the check because another request recorded its twin at
   * the same moment: the partial unique index refused it. Answered like the check does.
   */
  private async alreadyCurrentFromIndex(e: unknown, workerId: string, dto: CreateDocumentDto): Promise<AppError | null> {
    if (!violatesIndex(e, ONE_CURRENT_INDEXES)) return null;
    const worker = await this.workers.findById(workerId, {});
    if (!worker) return null;
    const issuingCountry = dto.type === 'PASSPORT' ? (dto.issuingCountry ?? worker.citizenship) : null;
    const current = await this.currentInSlot(undefined, worker, { ...dto, issuingCountry });
    return current ? DocumentErrors.alreadyCurrent(dto.type, current) : null;
  }

  async update(actor: Actor, workerId: string, documentId: string, dto: UpdateDocumentDto, ifMatch?: string) {
    return this.transactions.run(async (tx) => {
      const worker = await this.workerInScope(actor, workerId, tx);
      const current = await this.repo.findForWorker(workerId, documentId, tx);
      if (!current) throw DocumentErrors.notFound();
      const version = requiredVersion(ifMatch, current.version);
      if (version !== current.version) throw CommonErrors.preconditionFailed(`"${current.version}"`);
      const merged = {
        type: current.type,
        number: dto.number ?? (current.numberEnc ? this.crypto.decrypt(current.numberEnc) : null),
        issuedOn: dto.issuedOn ?? iso(current.issuedOn),
        expiresOn: dto.expiresOn ?? iso(current.expiresOn),
        issuer: dto.issuer ?? current.issuer,
      };
      const problems = documentProblems({ ...merged, citizenship: worker.citizenship, today: this.today() });
      if (problems.length) throw DocumentErrors.invalid(problems);
      const updated = await this.repo.update(tx, documentId, version, {
        numberEnc: dto.number ? this.crypto.encrypt(dto.number) : undefined,
        numberIndex: dto.number ? this.crypto.blindIndex(dto.number) : undefined,
        issuedOn: date(dto.issuedOn),
        expiresOn: date(dto.expiresOn),
        issuer: dto.issuer,
        status: dto.status,
      });
      if (!updated) throw CommonErrors.preconditionFailed(`"${current.version + 1}"`);
      await this.repo.addEvent(tx, { workerId, documentId, actorId: actor.id, kind: 'DOCUMENT_UPDATED', text: changeText(current.type, dto) });
      await this.audit.change(tx, actor, 'document.update', 'worker', workerId, { documentId, ...dto });
      await this.recordCoverDates(tx, workerId);
      await this.deadlines.recompute(tx, workerId, actor.id);
      return this.toDto(updated);
    });
  }

  /**
   * The dossier's cover dates (coverDates(), the facts the list's work authorisation filter bounds)
   * from its papers as they now stand, written in the transaction of every change of them: a
   * document recorded, renewed, corrected or revoked, a patent payment or its reversal. The same
   * changes as recompute the deadlines.
   */
  async recordCoverDates(tx: Tx, workerId: string): Promise<void> {
    await this.workers.setCoverDates(tx, workerId, coverDates(await this.workers.authorizingDocuments(tx, workerId)));
  }
}
