import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { DocumentType } from '../../generated/prisma/enums';
import { passportNumberChecked } from '../worker-intake.repository';

const WITH_RENEWAL = { supersededBy: { select: { id: true } } } satisfies Prisma.WorkerDocumentInclude;
export type DocumentRecord = Prisma.WorkerDocumentGetPayload<{ include: typeof WITH_RENEWAL }>;

@Injectable()
export class DocumentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  listForWorker(workerId: string): Promise<DocumentRecord[]> {
    return this.prisma.workerDocument.findMany({ where: { workerId }, include: WITH_RENEWAL, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  findForWorker(workerId: string, id: string, tx: Tx = this.prisma): Promise<DocumentRecord | null> {
    return tx.workerDocument.findFirst({ where: { id, workerId }, include: WITH_RENEWAL });
  }

  create(tx: Tx, data: Prisma.WorkerDocumentUncheckedCreateInput): Promise<DocumentRecord> {
    return passportNumberChecked(tx.workerDocument.create({ data, include: WITH_RENEWAL }));
  }

  /** Marks the renewed document superseded, only if it is still valid (no double renewal). */
  async supersede(tx: Tx, id: string): Promise<boolean> {
    const { count } = await tx.workerDocument.updateMany({ where: { id, status: 'VALID' }, data: { status: 'SUPERSEDED', version: { increment: 1 } } });
    return count === 1;
  }

  async update(tx: Tx, id: string, version: number, data: Prisma.WorkerDocumentUncheckedUpdateManyInput): Promise<DocumentRecord | null> {
    const { count } = await passportNumberChecked(tx.workerDocument.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }));
    return count === 1 ? tx.workerDocument.findUnique({ where: { id }, include: WITH_RENEWAL }) : null;
  }

  /** The worker's current (VALID) documents of a type, for the one-current-per-slot check. */
  currentOfType(tx: Tx | undefined, workerId: string, type: DocumentType) {
    return (tx ?? this.prisma).workerDocument.findMany({
      where: { workerId, type, status: 'VALID' },
      select: { id: true, type: true, status: true, country: true, employerId: true },
    });
  }

  async employerExists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.employer.count({ where: { id } })) === 1;
  }

  /** A dossier event about a document (a correction, a scan): who did it and when, for the timeline. */
  async addEvent(
    tx: Tx,
    data: { workerId: string; documentId: string; actorId: string; kind: 'DOCUMENT_UPDATED' | 'DOCUMENT_FILE_UPLOADED'; text: string },
  ): Promise<void> {
    await tx.workerEvent.create({ data });
  }

  /** Row lock on a document: payments and reversals of one patent are worked out one at a time. */
  async lock(tx: Tx, id: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM worker_documents WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  }

  currentPatent(tx: Tx | undefined, workerId: string) {
    return (tx ?? this.prisma).workerDocument.findFirst({ where: { workerId, type: 'PATENT', status: 'VALID' }, orderBy: { createdAt: 'desc' } });
  }

  addPayment(tx: Tx, data: Prisma.PatentPaymentUncheckedCreateInput) {
    return tx.patentPayment.create({ data });
  }

  findPayment(tx: Tx, workerId: string, id: string) {
    return tx.patentPayment.findFirst({ where: { id, workerId } });
  }

  /** A payment in force with this receipt number, if the worker has one. */
  paymentWithReceipt(tx: Tx | undefined, workerId: string, receiptNumber: string) {
    return (tx ?? this.prisma).patentPayment.findFirst({ where: { workerId, receiptNumber, reversedAt: null }, select: { id: true } });
  }

  /** Marks a payment reversed, only if it is not already (no double reversal); the row stays. */
  async reversePayment(tx: Tx, id: string, data: { reversedAt: Date; reversedById: string; reversalReason: string }) {
    const { count } = await tx.patentPayment.updateMany({ where: { id, reversedAt: null }, data });
    return count === 1 ? tx.patentPayment.findUniqueOrThrow({ where: { id } }) : null;
  }

  payments(documentId: string, tx: Tx = this.prisma) {
    return tx.patentPayment.findMany({ where: { documentId }, orderBy: [{ paidOn: 'asc' }, { createdAt: 'asc' }] });
  }

  paymentsOfWorker(workerId: string) {
    return this.prisma.patentPayment.findMany({ where: { workerId }, orderBy: [{ paidOn: 'asc' }, { createdAt: 'asc' }] });
  }

  async setPaidUntil(tx: Tx, id: string, paidUntil: Date | null): Promise<void> {
    await tx.workerDocument.update({ where: { id }, data: { paidUntil } });
  }

  async setFile(tx: Tx, id: string, file: { fileKey: string; fileSha256: string; fileSize: number; fileContentType: string }): Promise<DocumentRecord> {
    return tx.workerDocument.update({ where: { id }, data: { ...file, fileUploadedAt: new Date(), version: { increment: 1 } }, include: WITH_RENEWAL });
  }
}
