import { DeadlinesService } from '../../../src/deadlines/deadlines.service';
import { PrismaService } from '../../../src/infra/database/prisma.service';
import { createWorker } from '../../factories/workers';
import { systemActor } from '../../factories/users';
import { defineArea } from './matrix.types';

/** Deadlines: staff and administrators manage; liaison officers read their agencies'; employers their own notices. */
export const deadlinesArea = defineArea({
  async setup(t, base) {
    const worker = await createWorker(t, {
      citizenship: 'UZ',
      arrivalDate: '2026-03-05',
      recruitmentChannel: 'PARTNER_AGENCY',
      partnerAgencyId: base.agency.id,
    });
    await t.app.get(PrismaService).$transaction((tx) => t.app.get(DeadlinesService).recompute(tx, worker.id, systemActor().id));
    const deadline = (await t.app.get(DeadlinesService).forWorker(systemActor(), worker.id)).items.find((d) => d.kind === 'MIGRATION_REGISTRATION')!;
    return { deadlineWorkerId: worker.id, deadlineId: deadline.id };
  },
  rows: {
    'GET /api/v1/deadlines': { path: () => '/api/v1/deadlines', ok: 200 },
    'GET /api/v1/deadlines/summary': { path: () => '/api/v1/deadlines/summary', ok: 200 },
    'PATCH /api/v1/deadlines/:id': {
      path: (c) => `/api/v1/deadlines/${c.deadlineId}`,
      headers: () => ({ 'If-Match': '*' }),
      body: () => ({ status: 'WAIVED', reason: 'matrix' }),
      ok: 200,
      alsoOk: [409],
    },
    'GET /api/v1/workers/:id/deadlines': { path: (c) => `/api/v1/workers/${c.deadlineWorkerId}/deadlines`, ok: 200 },
    'GET /api/v1/workers/:id/notices': { path: (c) => `/api/v1/workers/${c.deadlineWorkerId}/notices`, ok: 200 },
    'GET /api/v1/reference/reminder-leads': { path: () => '/api/v1/reference/reminder-leads', ok: 200 },
    'PUT /api/v1/reference/reminder-leads/:kind': {
      path: () => '/api/v1/reference/reminder-leads/DOCUMENT_EXPIRY',
      body: () => ({ days: [30, 7, 0] }),
      ok: 200,
    },
    'GET /api/v1/reference/deadline-rules': { path: () => '/api/v1/reference/deadline-rules', ok: 200 },
    'POST /api/v1/reference/deadline-rules': {
      path: () => '/api/v1/reference/deadline-rules',
      body: () => ({
        kind: 'DOCUMENT_EXPIRY',
        trigger: 'DOCUMENT_EXPIRY',
        citizenship: 'ZZ',
        offset: -5,
        unit: 'DAYS',
        effectiveFrom: '2030-01-01',
        note: 'matrix',
      }),
      ok: 201,
    },
  },
});
