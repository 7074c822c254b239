import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { Clock } from '../infra/clock/clock';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { FileStorage } from '../infra/storage/file-storage';
import { DocumentsService } from './documents/documents.service';
import { fullView } from './worker.views';
import { WorkerErrors } from './workers.errors';
import { PersonalDataRepository } from './workers.repository';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Data-subject rights under 152-FZ: access (export) and destruction (erasure). */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly repo: PersonalDataRepository,
    private readonly documents: DocumentsService,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async export(actor: Actor, workerId: string) {
    const w = await this.repo.everything(workerId);
    if (!w || w.erasedAt) throw WorkerErrors.notFound();
    await this.audit.access(actor, 'worker.export', 'worker', workerId);
    const trail = await this.repo.auditTrail(workerId);
    const today = this.clock.now().toISOString().slice(0, 10);
    return {
      exportedAt: this.clock.now().toISOString(),
      worker: fullView({ ...w, documents: w.documents.filter((d) => d.status === 'VALID') }, today),
      partnerAgency: w.partnerAgency,
      intermediary: w.intermediary,
      documents: w.documents.map((d) => this.documents.toDto({ ...d, supersededBy: null })),
      placements: w.placements.map((p) => ({
        id: p.id,
        labourRequestId: p.labourRequestId,
        employerId: p.employerId,
        startDate: iso(p.startDate),
        endDate: p.endDate ? iso(p.endDate) : null,
        endReason: p.endReason,
        monthlyWageRub: p.monthlyWageRub,
        hoursPerWeek: p.hoursPerWeek,
        contractNotifications: p.contractNotifications.map((n) => ({ kind: n.kind, notifiedOn: iso(n.notifiedOn), late: n.late })),
      })),
      patentPayments: w.patentPayments.map((p) => ({
        id: p.id,
        documentId: p.documentId,
        paidOn: iso(p.paidOn),
        months: p.months,
        amountRub: p.amountRub,
        receiptNumber: p.receiptNumber,
      })),
      events: w.events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString(), fromStatus: e.fromStatus, toStatus: e.toStatus, text: e.text })),
      accessLog: trail.map((a) => ({ occurredAt: a.occurredAt.toISOString(), kind: a.kind, action: a.action, actorId: a.actorId, actorRole: a.actorRole })),
    };
  }

  /** Irreversible. The caller repeats the case number to confirm. Files are deleted after the commit. */
  async erase(actor: Actor, workerId: string, confirmCaseNumber: string) {
    const w = await this.repo.everything(workerId);
    if (!w || w.erasedAt) throw WorkerErrors.notFound();
    if (w.caseNumber !== confirmCaseNumber) {
      throw new AppError(422, 'ERASURE_NOT_CONFIRMED', "Repeat the worker's case number exactly to confirm the erasure.", {
        errors: [{ field: 'confirmCaseNumber', message: 'does not match the case number' }],
      });
    }
    const keys = await this.transactions.run(async (tx) => {
      const files = await this.repo.fileKeys(workerId, tx);
      await this.repo.erase(tx, workerId, w.birthDate.getUTCFullYear(), this.clock.now());
      await this.audit.change(tx, actor, 'worker.erase', 'worker', workerId, { caseNumber: w.caseNumber, files: files.length });
      return files.map((f) => f.fileKey!);
    });
    for (const key of keys) await this.storage.delete(key);
    return { caseNumber: w.caseNumber, erasedAt: this.clock.now().toISOString(), filesDeleted: keys.length };
  }
}
