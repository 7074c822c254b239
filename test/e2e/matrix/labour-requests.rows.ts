import { QuotaAllocationsService } from '../../../src/labour-requests/quota-allocations.service';
import { createApprovedRequest, createDraftRequest, createSubmittedRequest, ensureQuota, requestInput } from '../../factories/labour-requests';
import { systemActor } from '../../factories/users';
import { defineArea } from './matrix.types';

/**
 * Matrix rows of the labour-requests and quota-allocations routes (see matrix.types.ts). Every
 * request belongs to the EMPLOYER user's own organisation, so the outsider employer gets 404.
 */
export const labourRequestsArea = defineArea({
  async setup(t, base) {
    const own = base.employer.id;
    const [readable, editable, toSubmit, toWithdraw] = [
      await createDraftRequest(t, own),
      await createDraftRequest(t, own),
      // submitted over HTTP with the real clock: a period that is not over whatever the date
      await createDraftRequest(t, own, { periodStart: '2098-04-01', periodEnd: '2098-11-30' }),
      await createDraftRequest(t, own),
    ];
    const toDecide = await createSubmittedRequest(t, own, { workersRequested: 1 });
    await ensureQuota(t, requestInput({ workersRequested: 1 }), 1);
    const toClose = await createApprovedRequest(t, own, { workersRequested: 1 });
    const allocation = await t.app.get(QuotaAllocationsService).create(systemActor(), { year: 2098, limit: 10 });
    return {
      lrReadableId: readable.id,
      lrEditableId: editable.id,
      lrToSubmitId: toSubmit.id,
      lrToWithdrawId: toWithdraw.id,
      lrToDecideId: toDecide.id,
      lrToCloseId: toClose.id,
      quotaAllocationId: allocation.id,
    };
  },
  rows: {
    'GET /api/v1/labour-requests': { path: () => '/api/v1/labour-requests', ok: 200 },
    // staff name the employer; an employer user may not (its own is implied), so it gets 400 for the same body
    'POST /api/v1/labour-requests': {
      path: () => '/api/v1/labour-requests',
      body: (c) => ({ ...requestInput(), employerId: c.employer.id }),
      ok: 201,
      employer: 400,
    },
    'GET /api/v1/labour-requests/:id': { path: (c) => `/api/v1/labour-requests/${c.lrReadableId}`, ok: 200 },
    'PATCH /api/v1/labour-requests/:id': { path: (c) => `/api/v1/labour-requests/${c.lrEditableId}`, body: () => ({ notes: 'matrix' }), ok: 200 },
    // the first permitted role moves the request; the next ones find it moved
    'POST /api/v1/labour-requests/:id/submit': { path: (c) => `/api/v1/labour-requests/${c.lrToSubmitId}/submit`, ok: 200, alsoOk: [409] },
    'POST /api/v1/labour-requests/:id/withdraw': { path: (c) => `/api/v1/labour-requests/${c.lrToWithdrawId}/withdraw`, ok: 200, alsoOk: [409] },
    'POST /api/v1/labour-requests/:id/decision': {
      path: (c) => `/api/v1/labour-requests/${c.lrToDecideId}/decision`,
      body: () => ({ decision: 'APPROVED' }),
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/labour-requests/:id/close': { path: (c) => `/api/v1/labour-requests/${c.lrToCloseId}/close`, ok: 200, alsoOk: [409] },
    'GET /api/v1/quota-allocations': { path: () => '/api/v1/quota-allocations', ok: 200 },
    'POST /api/v1/quota-allocations': { path: () => '/api/v1/quota-allocations', body: () => ({ year: 2099, limit: 5 }), ok: 201 },
    'PATCH /api/v1/quota-allocations/:id': { path: (c) => `/api/v1/quota-allocations/${c.quotaAllocationId}`, body: () => ({ note: 'matrix' }), ok: 200 },
  },
});
