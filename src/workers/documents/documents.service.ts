import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { AuditService } from '../../audit/audit.service';
import { AppError, CommonErrors } from '../../common/errors/app-error';
import { requiredVersion } from '../../common/http/etag';
import { Clock } from '../../infra/clock/clock';
import { FieldCrypto } from '../../infra/crypto/field-crypto';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { documentProblems, supersedeProblem } from '../document.rules';
import { WorkerErrors } from '../workers.errors';
import { WorkersRepository } from '../workers.repository';
import { addDays } from './patent.rules';
import { DocumentRecord, DocumentsRepository } from './documents.repository';
import { CreateDocumentDto, DocumentDto, UpdateDocumentDto } from './dto/document.dto';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const date = (s: string | undefined) => (s ? new Date(`${s}T00:00:00Z`) : undefined);

export const DocumentErrors = {
  notFound: () => new AppError(404, 'DOCUMENT_NOT_FOUND', 'The document was not found.'),
  invalid: (errors: { field: string; message: string }[]) =>
    new AppError(422, 'DOCUMENT_INVALID', 'The document breaks the rules for its type.', { errors }),
  alreadyRenewed: () => new AppError(409, 'DOCUMENT_ALREADY_SUPERSEDED', 'That document was already renewed or revoked.'),
};

@Injectable()
export class DocumentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly workers: WorkersRepository,
    private readonly crypto: FieldCrypto,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
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
      file: d.fileKey
        ? { contentType: d.fileContentType!, size: d.fileSize!, sha256: d.fileSha256!, uploadedAt: d.fileUploadedAt!.toISOString() }
        : null,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
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
    return this.prisma.$transaction(async (tx) => {
      const worker = await this.workerInScope(actor, workerId, tx);
      const problems = documentProblems({ ...dto, citizenship: worker.citizenship, today: this.today() });
      if (dto.supersedes) {
        const old = await this.repo.findForWorker(workerId, dto.supersedes, tx);
        if (!old) problems.push({ field: 'supersedes', message: 'no such document of this worker' });
        else {
          const p = supersedeProblem(old, { type: dto.type, workerId });
          if (p) problems.push(p);
        }
      }
      if (problems.length) throw DocumentErrors.invalid(problems);
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
      });
      await this.audit.change(tx, actor, dto.supersedes ? 'document.renew' : 'document.create', 'worker', workerId, {
        documentId: created.id,
        type: dto.type,
        number: dto.number,
        supersedes: dto.supersedes,
      });
      return this.toDto(created);
    });
  }

  async update(actor: Actor, workerId: string, documentId: string, dto: UpdateDocumentDto, ifMatch?: string) {
    return this.prisma.$transaction(async (tx) => {
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
      await this.audit.change(tx, actor, 'document.update', 'worker', workerId, { documentId, ...dto });
      return this.toDto(updated);
    });
  }
}
