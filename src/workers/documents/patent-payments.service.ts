import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { CreatePatentPaymentDto } from './dto/document.dto';
import { patentPaidUntil } from './patent.rules';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

const PaymentErrors = {
  noPatent: () => new AppError(422, 'NO_CURRENT_PATENT', 'The worker has no current patent to pay for.', { errors: [{ field: 'documentId', message: 'no current patent' }] }),
  beforeIssue: () => new AppError(422, 'PAYMENT_BEFORE_PATENT', 'A payment cannot predate the patent.', { errors: [{ field: 'paidOn', message: 'before the patent was issued' }] }),
  future: () => new AppError(422, 'PAYMENT_IN_FUTURE', 'A payment date cannot be in the future.', { errors: [{ field: 'paidOn', message: 'in the future' }] }),
};

/** The payment ledger of a worker's patent; every payment recomputes the paid-up date. */
@Injectable()
export class PatentPaymentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly prisma: PrismaService,
  ) {}

  async record(actor: Actor, workerId: string, dto: CreatePatentPaymentDto) {
    return this.prisma.$transaction(async (tx) => {
      await this.documents.workerInScope(actor, workerId, tx);
      const patent = dto.documentId
        ? await this.repo.findForWorker(workerId, dto.documentId, tx).then((d) => (d?.type === 'PATENT' && d.status === 'VALID' ? d : null))
        : await this.repo.currentPatent(tx, workerId);
      if (!patent || !patent.issuedOn) throw PaymentErrors.noPatent();
      if (dto.paidOn > this.documents.today()) throw PaymentErrors.future();
      if (dto.paidOn < iso(patent.issuedOn)!) throw PaymentErrors.beforeIssue();
      const payment = await this.repo.addPayment(tx, {
        workerId,
        documentId: patent.id,
        paidOn: new Date(`${dto.paidOn}T00:00:00Z`),
        months: dto.months,
        amountRub: dto.amountRub,
        receiptNumber: dto.receiptNumber,
        actorId: actor.id,
      });
      const payments = await this.repo.payments(patent.id, tx);
      const paidUntil = patentPaidUntil(iso(patent.issuedOn)!, iso(patent.expiresOn), payments);
      await this.repo.setPaidUntil(tx, patent.id, paidUntil ? new Date(`${paidUntil}T00:00:00Z`) : null);
      await this.audit.change(tx, actor, 'patent-payment.create', 'worker', workerId, { documentId: patent.id, months: dto.months, amountRub: dto.amountRub, paidUntil });
      return { id: payment.id, documentId: patent.id, paidOn: dto.paidOn, months: dto.months, amountRub: dto.amountRub, receiptNumber: payment.receiptNumber, createdAt: payment.createdAt.toISOString(), paidUntil };
    });
  }

  async ledger(actor: Actor, workerId: string) {
    await this.documents.workerInScope(actor, workerId);
    const payments = await this.repo.paymentsOfWorker(workerId);
    const patent = await this.repo.currentPatent(this.prisma, workerId);
    return {
      documentId: patent?.id ?? null,
      paidUntil: iso(patent?.paidUntil ?? null),
      items: payments.map((p) => ({
        id: p.id,
        documentId: p.documentId,
        paidOn: iso(p.paidOn)!,
        months: p.months,
        amountRub: p.amountRub,
        receiptNumber: p.receiptNumber,
        createdAt: p.createdAt.toISOString(),
      })),
    };
  }
}
