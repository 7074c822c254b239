import { ReferenceService } from '../../../src/reference/reference.service';
import { systemActor } from '../../factories/users';
import { defineArea } from './matrix.types';

/** Reference data: every role reads, administrators write. */
export const referenceArea = defineArea({
  async setup(t) {
    const ban = await t.app
      .get(ReferenceService)
      .createBan(systemActor(), { title: 'Matrix ban', activityCodes: ['01.11'], effectiveFrom: '2030-01-01', effectiveTo: null });
    return { banId: ban.id };
  },
  rows: {
    'GET /api/v1/reference/calendar/:year': { path: () => '/api/v1/reference/calendar/2026', ok: 200 },
    'PUT /api/v1/reference/calendar/:year': {
      path: () => '/api/v1/reference/calendar/2031',
      body: () => ({ source: 'matrix', days: [{ date: '2031-01-01', working: false }] }),
      ok: 200,
    },
    'GET /api/v1/reference/wage-floors': { path: () => '/api/v1/reference/wage-floors', ok: 200 },
    'PUT /api/v1/reference/wage-floors/:year': { path: () => '/api/v1/reference/wage-floors/2031', body: () => ({ mrotRub: 40000 }), ok: 200 },
    'GET /api/v1/reference/regional-coefficients': { path: () => '/api/v1/reference/regional-coefficients', ok: 200 },
    'PUT /api/v1/reference/regional-coefficients/:region': {
      path: () => '/api/v1/reference/regional-coefficients/TOMSK',
      body: () => ({ coefficient: 1.3 }),
      ok: 200,
    },
    'GET /api/v1/reference/bans': { path: () => '/api/v1/reference/bans', ok: 200 },
    'POST /api/v1/reference/bans': {
      path: () => '/api/v1/reference/bans',
      body: () => ({ title: 'Matrix ban 2', activityCodes: ['01.12'], effectiveFrom: '2031-01-01' }),
      ok: 201,
    },
    'PATCH /api/v1/reference/bans/:id': { path: (c) => `/api/v1/reference/bans/${c.banId}`, body: () => ({ note: 'checked' }), ok: 200 },
    'GET /api/v1/reference/occupations': { path: () => '/api/v1/reference/occupations', ok: 200 },
    'PUT /api/v1/reference/occupations/:code': {
      path: () => '/api/v1/reference/occupations/9999',
      body: () => ({ title: 'Matrix worker', titleRu: 'Рабочий' }),
      ok: 200,
    },
    'GET /api/v1/reference/local-wages': { path: () => '/api/v1/reference/local-wages?year=2026', ok: 200 },
    'PUT /api/v1/reference/local-wages/:year/:code': {
      path: () => '/api/v1/reference/local-wages/2031/7112',
      body: () => ({ amountRub: 90000 }),
      ok: 200,
    },
    'GET /api/v1/reference/activity-codes': { path: () => '/api/v1/reference/activity-codes?q=41', ok: 200 },
    'PUT /api/v1/reference/activity-codes/:code': {
      path: () => '/api/v1/reference/activity-codes/01.50',
      body: () => ({ title: 'Смешанное сельское хозяйство' }),
      ok: 200,
    },
    'GET /api/v1/reference/labour-parameters': { path: () => '/api/v1/reference/labour-parameters', ok: 200 },
    'PUT /api/v1/reference/labour-parameters/:key': {
      path: () => '/api/v1/reference/labour-parameters/INCOME_TAX_RATE',
      body: () => ({ value: 0.13 }),
      ok: 200,
    },
    'GET /api/v1/reference/countries': { path: () => '/api/v1/reference/countries?regime=PATENT', ok: 200 },
  },
});
