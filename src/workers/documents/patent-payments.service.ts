import { DeadlinesService } from '../../deadlines/deadlines.service';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { Clock } from '../../infra/clock/clock';
import { Tx } from '../../infra/database/prisma.service';
import { TransactionRunner } from '../../infra/database/transaction-runner';
import { violatesIndex } from '../../infra/database/unique-violation';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { CreatePatentPaymentDto, PatentPaymentDto, PatentPaymentResultDto, PatentPaymentReversalDto } from './dto/document.dto';
import { patentPaidUntil } from './patent.rules';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The partial unique index on a worker's receipt numbers in force (migration issue16_docs). */
const RECEIPT_INDEX = 'patent_payments_receipt_per_worker';

export const PaymentErrors = {
  noPatent: () =>
    new AppError(422, 'NO_CURRENT_PATENT', 'The worker has no current patent to pay for.', { errors: [{ field: 'documentId', message: 'no current patent' }] }),
  beforeIssue: () =>
    new AppError(422, 'PAYMENT_BEFORE_PATENT', 'A payment cannot predate the patent.', {
      errors: [{ field: 'paidOn', message: 'before the patent was issued' }],
    }),
  future: () => new AppError(422, 'PAYMENT_IN_FUTURE', 'A payment date cannot be in the future.', { errors: [{ field: 'paidOn', message: 'in the future' }] }),
  duplicate: (paymentId: string | null) =>
    new AppError(
      409,
      'PAYMENT_DUPLICATE',
      'A payment with this receipt number is already in the ledger; a receipt is counted once. Reverse that payment first if it was wrong.',
      {
        paymentId,
        errors: [{ field: 'receiptNumber', message: 'is already recorded for this worker' }],
      },
    ),
  notFound: () => new AppError(404, 'PAYMENT_NOT_FOUND', 'The payment was not found.'),
  alreadyReversed: () => new AppError(409, 'PAYMENT_ALREADY_REVERSED', 'That payment was already reversed.'),
};

type PaymentRow = Awaited<ReturnType<DocumentsRepository['addPayment']>>;

function paymentDto(p: PaymentRow): PatentPaymentDto {
  return {
    id: p.id,
    documentId: p.documentId,
    paidOn: iso(p.paidOn)!,
    months: p.months,
    amountRub: p.amountRub,
    receiptNumber: p.receiptNumber,
    createdAt: p.createdAt.toISOString(),
    reversedAt: p.reversedAt?.toISOString() ?? null,
    reversedById: p.reversedById,
    reversalReason: p.reversalReason,
  };
}

/**
 * The payment ledger of a worker's patent; every payment and every reversal recomputes the paid-up
 * date. A receipt number is counted once per worker; a wrong payment is reversed, never deleted.
 */
@Injectable()
export class PatentPaymentsService {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
  ) {}

  async record(actor: Actor, workerId: string, dto: CreatePatentPaymentDto): Promise<PatentPaymentResultDto> {
    try {
      return await this.transactions.run(async (tx) => {
        await this.documents.workerInScope(actor, workerId, tx);
        const patent = dto.documentId
          ? await this.repo.findForWorker(workerId, dto.documentId, tx).then((d) => (d?.type === 'PATENT' && d.status === 'VALID' ? d : null))
          : await this.repo.currentPatent(tx, workerId);
        if (!patent || !patent.issuedOn) throw PaymentErrors.noPatent();
        if (dto.paidOn > this.documents.today()) throw PaymentErrors.future();
        if (dto.paidOn < iso(patent.issuedOn)!) throw PaymentErrors.beforeIssue();
        await this.repo.lock(tx, patent.id);
        if (dto.receiptNumber) {
          const same = await this.repo.paymentWithReceipt(tx, workerId, dto.receiptNumber);
          if (same) throw PaymentErrors.duplicate(same.id);
        }
        const payment = await this.repo.addPayment(tx, {
          workerId,
          documentId: patent.id,
          paidOn: new Date(`${dto.paidOn}T00:00:00Z`),
          months: dto.months,
          amountRub: dto.amountRub,
          receiptNumber: dto.receiptNumber,
          actorId: actor.id,
        });
        const paidUntil = await this.recompute(tx, patent);
        await this.audit.change(tx, actor, 'patent-payment.create', 'worker', workerId, {
          documentId: patent.id,
          months: dto.months,
          amountRub: dto.amountRub,
          paidUntil,
        });
        await this.documents.recordCoverDates(tx, workerId);
        await this.deadlines.recompute(tx, workerId, actor.id);
        return { ...paymentDto(payment), paidUntil };
      });
    } catch (e) {
      // recorded at the same moment by another request: the index refused the second one
      if (violatesIndex(e, [RECEIPT_INDEX]) && dto.receiptNumber) {
        throw PaymentErrors.duplicate((await this.repo.paymentWithReceipt(undefined, workerId, dto.receiptNumber))?.id ?? null);
      }
      throw e;
    }
  }

  /** Takes a payment out of the count, with the reason; the row stays in the ledger. */
  async reverse(actor: Actor, workerId: string, paymentId: string, dto: PatentPaymentReversalDto): Promise<PatentPaymentResultDto> {
    return this.transactions.run(async (tx) => {
      await this.documents.workerInScope(actor, workerId, tx);
      const found = await this.repo.findPayment(tx, workerId, paymentId);
      if (!found) throw PaymentErrors.notFound();
      await this.repo.lock(tx, found.documentId);
      const reversed = await this.repo.reversePayment(tx, paymentId, { reversedAt: this.clock.now(), reversedById: actor.id, reversalReason: dto.reason });
      if (!reversed) throw PaymentErrors.alreadyReversed();
      const patent = (await this.repo.findForWorker(workerId, found.documentId, tx))!;
      const paidUntil = await this.recompute(tx, patent);
      await this.audit.change(tx, actor, 'patent-payment.reverse', 'worker', workerId, {
        documentId: patent.id,
        paymentId,
        months: found.months,
        amountRub: found.amountRub,
        reason: dto.reason,
        paidUntil,
      });
      await this.documents.recordCoverDates(tx, workerId);
      await this.deadlines.recompute(tx, workerId, actor.id);
      return { ...paymentDto(reversed), paidUntil };
    });
  }

  async ledger(actor: Actor, workerId: string) {
    await this.documents.workerInScope(actor, workerId);
    const payments = await this.repo.paymentsOfWorker(workerId);
    const patent = await this.repo.currentPatent(undefined, workerId);
    return { documentId: patent?.id ?? null, paidUntil: iso(patent?.paidUntil ?? null), items: payments.map(paymentDto) };
  }

  /** The patent's paid-up date from the payments in force, written to the patent. */
  private async recompute(tx: Tx, patent: { id: string; issuedOn: Date | null; expiresOn: Date | null }): Promise<string | null> {
    const payments = await this.repo.payments(patent.id, tx);
    const paidUntil = patent.issuedOn ? patentPaidUntil(iso(patent.issuedOn)!, iso(patent.expiresOn), payments) : null;
    await this.repo.setPaidUntil(tx, patent.id, paidUntil ? new Date(`${paidUntil}T00:00:00Z`) : null);
    return paidUntil;
  }
}
