import { DocumentsService } from '../../../src/workers/documents/documents.service';
import { PatentPaymentsService } from '../../../src/workers/documents/patent-payments.service';
import { systemActor } from '../../factories/users';
import { createWorker } from '../../factories/workers';
import { defineArea } from './matrix.types';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The patent payment ledger's corrections (issue 16). */
export const documentsArea = defineArea({
  async setup(t, base) {
    const worker = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: base.agency.id, citizenship: 'UZ' });
    const patent = await t.app.get(DocumentsService).create(systemActor(), worker.id, {
      type: 'PATENT',
      number: '55 7700001',
      issuedOn: day(-30),
      expiresOn: day(300),
      issuer: 'УВМ УМВД России по Омской области',
    });
    const payment = await t.app
      .get(PatentPaymentsService)
      .record(systemActor(), worker.id, { documentId: patent.id, paidOn: day(-30), months: 1, amountRub: 9000 });
    return { paidWorkerId: worker.id, paymentId: payment.id };
  },
  rows: {
    'POST /api/v1/workers/:id/patent-payments/:paymentId/reversal': {
      path: (c) => `/api/v1/workers/${c.paidWorkerId}/patent-payments/${c.paymentId}/reversal`,
      body: () => ({ reason: 'matrix: entered in error' }),
      ok: 200,
      // the second role to try finds the payment already reversed
      alsoOk: [409],
    },
  },
});
