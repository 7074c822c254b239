import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
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

  currentPatent(tx: Tx, workerId: string) {
    return tx.workerDocument.findFirst({ where: { workerId, type: 'PATENT', status: 'VALID' }, orderBy: { createdAt: 'desc' } });
  }

  addPayment(tx: Tx, data: Prisma.PatentPaymentUncheckedCreateInput) {
    return tx.patentPayment.create({ data });
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
