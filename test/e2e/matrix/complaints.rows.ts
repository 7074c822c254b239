import { ComplaintFilesService } from '../../../src/complaints/complaint-files.service';
import { ComplaintsService } from '../../../src/complaints/complaints.service';
import { Role } from '../../../src/access/permissions';
import { createWorker } from '../../factories/workers';
import { systemActor } from '../../factories/users';
import { defineArea } from './matrix.types';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 1)]);
const CONSENT = {
  recipientKind: 'PARTNER_AGENCY',
  purpose: 'matrix',
  scope: ['CATEGORY', 'NARRATIVE'],
  givenBy: 'the worker',
  givenAt: '2026-01-05T10:00:00Z',
  method: 'SIGNED_FORM',
};

/**
 * Complaints: administrators and staff; liaison officers only what was referred to their agencies
 * (the matrix complaints are referred to the liaison's agency, the second sharing its evidence);
 * referral letters the Centre only; employers never.
 */
export const complaintsArea = defineArea({
  async setup(t, base) {
    const complaints = t.app.get(ComplaintsService);
    const admin = { ...systemActor(base.users.ADMIN.id), role: Role.ADMIN };
    const worker = await createWorker(t, { citizenship: 'UZ', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: base.agency.id });
    const c = await complaints.create(admin, {
      category: 'HOUSING',
      against: 'EMPLOYER',
      channel: 'IN_PERSON',
      narrative: 'The matrix complaint narrative.',
      workerId: worker.id,
    });
    const withConsent = await complaints.addConsent(admin, c.id, CONSENT as never);
    await complaints.refer(admin, c.id, { recipientKind: 'PARTNER_AGENCY', partnerAgencyId: base.agency.id, shares: ['CATEGORY', 'NARRATIVE'] });
    const spare = await complaints.addConsent(admin, c.id, CONSENT as never);
    // a complaint whose referral to the liaison's agency shares its evidence, with a file to download
    const e = await complaints.create(admin, {
      category: 'UNPAID_WAGES',
      against: 'EMPLOYER',
      channel: 'IN_PERSON',
      narrative: 'The matrix complaint with evidence.',
      workerId: worker.id,
    });
    await complaints.addConsent(admin, e.id, { ...CONSENT, scope: ['CATEGORY', 'EVIDENCE'] } as never);
    const referred = await complaints.refer(admin, e.id, {
      recipientKind: 'PARTNER_AGENCY',
      partnerAgencyId: base.agency.id,
      shares: ['CATEGORY', 'EVIDENCE'],
    });
    await t.app.get(ComplaintFilesService).store(admin, e.id, 'matrix.pdf', PDF, { fromComplainant: false, uploadedById: admin.id });
    return {
      complaintId: c.id,
      complaintWorkerId: worker.id,
      consentId: spare.consents.find((k) => k.id !== withConsent.consents[0].id)!.id,
      evidenceComplaintId: e.id,
      referralId: referred.referrals[0].id,
    };
  },
  rows: {
    'POST /api/v1/complaints': {
      path: () => '/api/v1/complaints',
      body: (c) => ({ category: 'HOUSING', against: 'OTHER', channel: 'PHONE', narrative: 'A matrix complaint by phone.', workerId: c.complaintWorkerId }),
      ok: 201,
    },
    'GET /api/v1/complaints': { path: () => '/api/v1/complaints', ok: 200 },
    'GET /api/v1/complaints/:id': { path: (c) => `/api/v1/complaints/${c.complaintId}`, ok: 200 },
    'PATCH /api/v1/complaints/:id': {
      path: (c) => `/api/v1/complaints/${c.complaintId}`,
      headers: () => ({ 'If-Match': '*' }),
      body: () => ({ severity: 'HIGH' }),
      ok: 200,
    },
    'POST /api/v1/complaints/:id/transitions': {
      path: (c) => `/api/v1/complaints/${c.complaintId}/transitions`,
      body: () => ({ to: 'INVESTIGATING' }),
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/complaints/:id/notes': { path: (c) => `/api/v1/complaints/${c.complaintId}/notes`, body: () => ({ text: 'a matrix note' }), ok: 201 },
    'POST /api/v1/complaints/:id/consents': { path: (c) => `/api/v1/complaints/${c.complaintId}/consents`, body: () => CONSENT, ok: 201 },
    'POST /api/v1/complaints/:id/consents/:consentId/withdraw': {
      path: (c) => `/api/v1/complaints/${c.complaintId}/consents/${c.consentId}/withdraw`,
      body: () => ({ reason: 'matrix' }),
      ok: 200,
      alsoOk: [409],
    },
    'POST /api/v1/complaints/:id/referrals': {
      path: (c) => `/api/v1/complaints/${c.complaintId}/referrals`,
      body: (c) => ({ recipientKind: 'PARTNER_AGENCY', partnerAgencyId: c.agency.id, shares: ['CATEGORY'] }),
      ok: 201,
    },
    'PUT /api/v1/complaints/:id/evidence/:name': {
      path: (c) => `/api/v1/complaints/${c.evidenceComplaintId}/evidence/matrix-upload.pdf`,
      contentType: 'application/pdf',
      body: () => PDF,
      ok: 201,
      alsoOk: [409], // the name is taken by the first role's upload: evidence is never replaced
    },
    'GET /api/v1/complaints/:id/evidence/:name': { path: (c) => `/api/v1/complaints/${c.evidenceComplaintId}/evidence/matrix.pdf`, ok: 200 },
    'GET /api/v1/complaints/:id/referrals/:referralId/letter': {
      path: (c) => `/api/v1/complaints/${c.evidenceComplaintId}/referrals/${c.referralId}/letter`,
      ok: 200,
    },
    'GET /api/v1/reference/complaint-policy': { path: () => '/api/v1/reference/complaint-policy', ok: 200 },
    'PUT /api/v1/reference/complaint-policy': {
      path: () => '/api/v1/reference/complaint-policy',
      body: () => ({ triageHoursCritical: 24, triageHoursHigh: 72, triageHoursNormal: 240, triageHoursLow: 240, retaliationDays: 90, retentionDays: 1825 }),
      ok: 200,
    },
  },
});
