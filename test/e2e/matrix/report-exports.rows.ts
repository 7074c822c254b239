import { Role } from '../../../src/access/permissions';
import { PrismaService } from '../../../src/infra/database/prisma.service';
import { ReportExportsService } from '../../../src/reports/exports/report-exports.service';
import { systemActor } from '../../factories/users';
import { defineArea } from './matrix.types';

/**
 * Report exports: administrators and staff (each their own, administrators all); liaison officers and
 * employers never. The export read and downloaded is the staff member's, built before the rows run.
 */
export const reportExportsArea = defineArea({
  async setup(t, base) {
    const staff = { ...systemActor(base.users.STAFF.id), role: Role.STAFF };
    const created = await t.app.get(ReportExportsService).create(staff, { type: 'wage-summary', format: 'csv', params: { year: 2026 } });
    const prisma = t.app.get(PrismaService);
    const until = Date.now() + 30_000;
    while ((await prisma.reportExport.findUniqueOrThrow({ where: { id: created.id } })).status !== 'DONE') {
      if (Date.now() > until) throw new Error("the matrix's report export was not built within 30 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    return { reportExportId: created.id };
  },
  rows: {
    'POST /api/v1/report-exports': {
      path: () => '/api/v1/report-exports',
      body: () => ({ type: 'wage-summary', format: 'xlsx', params: { year: 2026 } }),
      ok: 202,
    },
    'GET /api/v1/report-exports': { path: () => '/api/v1/report-exports', ok: 200 },
    'GET /api/v1/report-exports/:id': { path: (c) => `/api/v1/report-exports/${c.reportExportId}`, ok: 200 },
    'GET /api/v1/report-exports/:id/file': { path: (c) => `/api/v1/report-exports/${c.reportExportId}/file`, ok: 200 },
  },
});
