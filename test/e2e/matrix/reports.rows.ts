import { defineArea } from './matrix.types';

/** Management reports: administrators and staff read them; liaison officers and employers never. */
export const reportsArea = defineArea({
  setup: () => Promise.resolve({}),
  rows: {
    'GET /api/v1/reports/quota-summary': { path: () => '/api/v1/reports/quota-summary?year=2026&groupBy=employer', ok: 200 },
    'GET /api/v1/reports/wage-summary': { path: () => '/api/v1/reports/wage-summary?year=2026', ok: 200 },
    'GET /api/v1/reports/pipeline': { path: () => '/api/v1/reports/pipeline?year=2026&groupBy=partnerAgency&asOf=2026-06-30', ok: 200 },
    'GET /api/v1/reports/deadline-compliance': { path: () => '/api/v1/reports/deadline-compliance?year=2026', ok: 200 },
    'GET /api/v1/reports/complaint-summary': { path: () => '/api/v1/reports/complaint-summary?year=2026&groupBy=employer', ok: 200 },
  },
});
