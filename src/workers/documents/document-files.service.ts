import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Actor } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AppError } from '../../common/errors/app-error';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { FileNotFoundError, FileStorage, FileTooLargeError, UnsupportedFileTypeError } from '../../infra/storage/file-storage';
import { extensionFor } from '../../infra/storage/sniff';
import { DocumentErrors, DocumentsService } from './documents.service';
import { DocumentsRepository } from './documents.repository';

const FileErrors = {
  tooLarge: (max: number) => new AppError(413, 'FILE_TOO_LARGE', `The file is larger than ${Math.round(max / 1024 / 1024)} MB.`),
  unsupported: () => new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'Only PDF, JPEG and PNG scans are accepted (judged by content, not name).'),
  noFile: () => new AppError(404, 'DOCUMENT_FILE_NOT_FOUND', 'This document has no scan.'),
};

/** Scans of documents: stored through FileStorage, sniffed by content, downloads access-logged. */
@Injectable()
export class DocumentFilesService {
  constructor(
    private readonly storage: FileStorage,
    private readonly documents: DocumentsService,
    private readonly repo: DocumentsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(actor: Actor, workerId: string, documentId: string, body: Readable | Buffer | undefined) {
    await this.documents.workerInScope(actor, workerId);
    const doc = await this.repo.findForWorker(workerId, documentId);
    if (!doc) throw DocumentErrors.notFound();
    if (!body) throw FileErrors.unsupported();
    // a new key per upload: the previous scan stays readable until the row points at the new one
    const key = `documents/${workerId}/${documentId}/${Date.now()}`;
    let stored;
    try {
      stored = await this.storage.put(key, body, { maxBytes: this.config.files.maxBytes });
    } catch (e) {
      if (e instanceof FileTooLargeError) throw FileErrors.tooLarge(this.config.files.maxBytes);
      if (e instanceof UnsupportedFileTypeError) throw FileErrors.unsupported();
      throw e;
    }
    const updated = await this.transactions.run(async (tx) => {
      const row = await this.repo.setFile(tx, documentId, {
        fileKey: key,
        fileSha256: stored.sha256,
        fileSize: stored.size,
        fileContentType: stored.contentType,
      });
      const text = `${doc.type}: scan ${doc.fileKey ? 'replaced' : 'uploaded'} (${stored.contentType}, ${Math.max(1, Math.round(stored.size / 1024))} KB)`;
      await this.repo.addEvent(tx, { workerId, documentId, actorId: actor.id, kind: 'DOCUMENT_FILE_UPLOADED', text });
      await this.audit.change(tx, actor, 'document.file.upload', 'worker', workerId, { documentId, sha256: stored.sha256, size: stored.size });
      return row;
    });
    if (doc.fileKey) await this.storage.delete(doc.fileKey).catch(() => undefined);
    return this.documents.toDto(updated);
  }

  async download(actor: Actor, workerId: string, documentId: string) {
    await this.documents.workerInScope(actor, workerId);
    const doc = await this.repo.findForWorker(workerId, documentId);
    if (!doc) throw DocumentErrors.notFound();
    if (!doc.fileKey) throw FileErrors.noFile();
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.storage.get(doc.fileKey);
    } catch (e) {
      if (e instanceof FileNotFoundError) throw FileErrors.noFile();
      throw e;
    }
    await this.audit.access(actor, 'document.file.read', 'worker', workerId);
    const type = doc.fileContentType as 'application/pdf' | 'image/jpeg' | 'image/png';
    return {
      stream,
      contentType: type,
      size: doc.fileSize!,
      sha256: doc.fileSha256!,
      filename: `${doc.type.toLowerCase()}-${documentId.slice(0, 8)}.${extensionFor(type)}`,
    };
  }
}
