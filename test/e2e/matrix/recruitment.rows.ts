import { RecruitmentService } from '../../../src/labour-requests/recruitment/recruitment.service';
import { ArrivalsService } from '../../../src/labour-requests/recruitment/arrivals.service';
import { createApprovedRequest } from '../../factories/labour-requests';
import { systemActor } from '../../factories/users';
import { createWorker } from '../../factories/workers';
import { defineArea } from './matrix.types';

/**
 * Matrix rows of the recruitment routes (see matrix.types.ts). Everything is on an order to the
 * liaison officer's agency, so every role holding the permission gets the success status; a later
 * role finds the state already moved by an earlier one (alsoOk).
 */
export const recruitmentArea = defineArea({
  async setup(t, base) {
    const actor = systemActor();
    const orders = t.app.get(RecruitmentService);
    const request = await createApprovedRequest(t, base.employer.id, { workersRequested: 20 });
    const order = await orders.create(actor, request.id, { partnerAgencyId: base.agency.id, candidatesRequested: 10 });
    const worker = async () => (await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: base.agency.id, citizenship: 'UZ' })).id;
    const [toPropose, toSelect, toDecline, toAnnounce, travelling] = [await worker(), await worker(), await worker(), await worker(), await worker()];
    for (const id of [toSelect, toDecline, toAnnounce, travelling]) await orders.propose(actor, order.id, { workerId: id });
    for (const id of [toAnnounce, travelling]) await orders.decide(actor, order.id, id, 'SELECTED');
    const arrival = await t.app.get(ArrivalsService).create(actor, order.id, { expectedOn: '2026-05-12', transport: 'train 092Ы', workerIds: [travelling] });
    return {
      recRequestId: request.id,
      recOrderId: order.id,
      recToPropose: toPropose,
      recToSelect: toSelect,
      recToDecline: toDecline,
      recToAnnounce: toAnnounce,
      recTravelling: travelling,
      recArrivalId: arrival.id,
    };
  },
  rows: {
    'POST /api/v1/labour-requests/:id/recruitment-orders': {
      path: (c) => `/api/v1/labour-requests/${c.recRequestId}/recruitment-orders`,
      body: (c) => ({ partnerAgencyId: c.agency.id, candidatesRequested: 1 }),
      ok: 201,
    },
    'GET /api/v1/labour-requests/:id/recruitment-orders': { path: (c) => `/api/v1/labour-requests/${c.recRequestId}/recruitment-orders`, ok: 200 },
    'GET /api/v1/recruitment-orders/:id': { path: (c) => `/api/v1/recruitment-orders/${c.recOrderId}`, ok: 200 },
    'GET /api/v1/recruitment-orders': { path: () => '/api/v1/recruitment-orders?status=OPEN', ok: 200 },
    'POST /api/v1/recruitment-orders/:id/candidates': {
      path: (c) => `/api/v1/recruitment-orders/${c.recOrderId}/candidates`,
      body: (c) => ({ workerId: c.recToPropose }),
      ok: 201,
      alsoOk: [409],
    },
    'POST /api/v1/recruitment-orders/:id/candidates/:workerId/select': {
      path: (c) => `/api/v1/recruitment-orders/${c.recOrderId}/candidates/${c.recToSelect}/select`,
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/recruitment-orders/:id/candidates/:workerId/decline': {
      path: (c) => `/api/v1/recruitment-orders/${c.recOrderId}/candidates/${c.recToDecline}/decline`,
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/recruitment-orders/:id/arrivals': {
      path: (c) => `/api/v1/recruitment-orders/${c.recOrderId}/arrivals`,
      body: (c) => ({ expectedOn: '2026-05-20', transport: 'bus Khujand–Omsk', workerIds: [c.recToAnnounce] }),
      ok: 201,
      // the worker already travels on the arrival an earlier role announced
      alsoOk: [422],
    },
    'GET /api/v1/arrivals': { path: () => '/api/v1/arrivals?from=2026-05-01&to=2026-05-31', ok: 200 },
    'POST /api/v1/arrivals/:id/check-in': {
      path: (c) => `/api/v1/arrivals/${c.recArrivalId}/check-in`,
      body: (c) => ({ workerIds: [c.recTravelling] }),
      ok: 200,
      alsoOk: [409],
    },
  },
});
