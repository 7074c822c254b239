import { ContractNotificationsService } from '../../../src/placements/contract-notifications.service';
import { PlacementsService } from '../../../src/placements/placements.service';
import { createApprovedRequest } from '../../factories/labour-requests';
import { systemActor } from '../../factories/users';
import { readyWorker } from '../../factories/workers';
import { defineArea } from './matrix.types';

/** Placements of the EMPLOYER user's own organisation, so every role that may see them gets 200. */
export const placementsArea = defineArea({
  async setup(t, base) {
    const r = await createApprovedRequest(t, base.employer.id, { preferredCitizenships: ['KG'], workersRequested: 5 });
    const placements = t.app.get(PlacementsService);
    const placeNew = async () =>
      (await placements.create(systemActor(), { labourRequestId: r.id, workerId: (await readyWorker(t)).id, startDate: '2026-05-04' })).id;
    const placementToCorrectId = await placeNew();
    const notice = await t.app.get(ContractNotificationsService).record(systemActor(), placementToCorrectId, { kind: 'CONCLUSION', notifiedOn: '2026-05-12' });
    return {
      labourRequestId: r.id,
      placementId: await placeNew(),
      placementToEndId: await placeNew(),
      readyWorkerId: (await readyWorker(t)).id,
      placementToCorrectId,
      noticeToCorrectId: notice.id,
    };
  },
  rows: {
    'GET /api/v1/placements': { path: () => '/api/v1/placements', ok: 200 },
    'POST /api/v1/placements': {
      path: () => '/api/v1/placements',
      body: (c) => ({ labourRequestId: c.labourRequestId, workerId: c.readyWorkerId, startDate: '2026-05-04' }),
      ok: 201,
      // the next role finds the worker already placed
      alsoOk: [422],
    },
    'GET /api/v1/placements/:id': { path: (c) => `/api/v1/placements/${c.placementId}`, ok: 200 },
    'POST /api/v1/placements/:id/end': {
      path: (c) => `/api/v1/placements/${c.placementToEndId}/end`,
      body: () => ({ endDate: '2026-09-30', reason: 'matrix' }),
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/placements/:id/contract-notifications': {
      path: (c) => `/api/v1/placements/${c.placementId}/contract-notifications`,
      body: () => ({ kind: 'CONCLUSION', notifiedOn: '2026-05-05' }),
      ok: 201,
      // one notice per kind: the next role finds it recorded
      alsoOk: [409],
    },
    'POST /api/v1/placements/:id/contract-notifications/:notificationId/corrections': {
      path: (c) => `/api/v1/placements/${c.placementToCorrectId}/contract-notifications/${c.noticeToCorrectId}/corrections`,
      body: () => ({ notifiedOn: '2026-05-06', reason: 'matrix: date typed wrong' }),
      ok: 201,
      // the next role finds the date already corrected: the same correction changes nothing
      alsoOk: [422],
    },
  },
});
