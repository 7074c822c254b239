import { Role } from '../../../src/access/permissions';
import { IntermediariesService } from '../../../src/intermediaries/intermediaries.service';
import { DocumentsService } from '../../../src/workers/documents/documents.service';
import { createUser, systemActor, validInn } from '../../factories/users';
import { createWorker, workerInput } from '../../factories/workers';
import { defineArea } from './matrix.types';

/** Identity, registries, worker dossiers and documents. */
export const coreArea = defineArea({
  async setup(t, base) {
    const worker = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: base.agency.id, citizenship: 'KG' });
    const intermediary = await t.app.get(IntermediariesService).create(systemActor(), { name: 'Matrix intermediary' });
    const document = await t.app.get(DocumentsService).create(systemActor(), worker.id, { type: 'INN', number: '500100732259' });
    return { targetUserId: (await createUser(t, Role.STAFF)).id, workerId: worker.id, intermediaryId: intermediary.id, documentId: document.id };
  },
  rows: {
    'GET /api/v1/auth/me': { path: () => '/api/v1/auth/me', ok: 200 },
    'GET /api/v1/auth/session': { path: () => '/api/v1/auth/session', ok: 200 },
    'GET /api/v1/audit-events': { path: () => '/api/v1/audit-events?limit=5', ok: 200 },
    'GET /api/v1/users': { path: () => '/api/v1/users', ok: 200 },
    'POST /api/v1/users': {
      path: () => '/api/v1/users',
      body: () => ({ email: `m-${Math.random().toString(36).slice(2)}@test.example`, fullName: 'Matrix', role: 'STAFF' }),
      ok: 201,
    },
    'GET /api/v1/users/:id': { path: (c) => `/api/v1/users/${c.targetUserId}`, ok: 200 },
    'PATCH /api/v1/users/:id': { path: (c) => `/api/v1/users/${c.targetUserId}`, body: () => ({ fullName: 'Renamed' }), ok: 200 },
    'POST /api/v1/users/:id/password-reset': { path: (c) => `/api/v1/users/${c.targetUserId}/password-reset`, ok: 201 },
    'GET /api/v1/employers': { path: () => '/api/v1/employers', ok: 200 },
    'POST /api/v1/employers': { path: () => '/api/v1/employers', body: () => ({ name: 'Matrix LLC', inn: validInn() }), ok: 201 },
    // the employer user's own organisation, so every role that may read it gets 200
    'GET /api/v1/employers/:id': { path: (c) => `/api/v1/employers/${c.employer.id}`, ok: 200 },
    'PATCH /api/v1/employers/:id': { path: (c) => `/api/v1/employers/${c.employer.id}`, body: () => ({ address: 'Omsk, ul. Lenina 1' }), ok: 200 },
    'GET /api/v1/employers/:id/users': { path: (c) => `/api/v1/employers/${c.employer.id}/users`, ok: 200 },
    'POST /api/v1/employers/:id/users': {
      path: (c) => `/api/v1/employers/${c.employer.id}/users`,
      body: () => ({ email: `e-${Math.random().toString(36).slice(2)}@test.example`, fullName: 'Matrix HR' }),
      ok: 201,
    },
    'GET /api/v1/partner-agencies': { path: () => '/api/v1/partner-agencies', ok: 200 },
    'POST /api/v1/partner-agencies': { path: () => '/api/v1/partner-agencies', body: () => ({ name: 'Matrix Agency', country: 'UZ' }), ok: 201 },
    'PATCH /api/v1/partner-agencies/:id': { path: (c) => `/api/v1/partner-agencies/${c.agency.id}`, body: () => ({ region: 'Fergana' }), ok: 200 },
    'GET /api/v1/intermediaries': { path: () => '/api/v1/intermediaries', ok: 200 },
    'POST /api/v1/intermediaries': { path: () => '/api/v1/intermediaries', body: () => ({ name: 'Matrix middleman' }), ok: 201 },
    'PATCH /api/v1/intermediaries/:id': { path: (c) => `/api/v1/intermediaries/${c.intermediaryId}`, body: () => ({ notes: 'seen' }), ok: 200 },
    // a worker of the liaison officer's agency, so every role that may see it gets 200 (employers: 404, no placement)
    'GET /api/v1/workers': { path: () => '/api/v1/workers', ok: 200 },
    'POST /api/v1/workers': {
      path: () => '/api/v1/workers?force=true',
      body: (c) => workerInput({ recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: c.agency.id }),
      ok: 201,
    },
    'GET /api/v1/workers/:id': { path: (c) => `/api/v1/workers/${c.workerId}`, ok: 200, employer: 404 },
    'PATCH /api/v1/workers/:id': { path: (c) => `/api/v1/workers/${c.workerId}`, body: () => ({ phone: '+998901112233' }), ok: 200 },
    'POST /api/v1/workers/:id/transitions': {
      path: (c) => `/api/v1/workers/${c.workerId}/transitions`,
      body: () => ({ to: 'SELECTED', reason: 'matrix' }),
      ok: 200,
      // the second role to try finds the worker already moved
      alsoOk: [409],
    },
    'GET /api/v1/workers/:id/timeline': { path: (c) => `/api/v1/workers/${c.workerId}/timeline`, ok: 200 },
    'GET /api/v1/workers/:id/access-log': { path: (c) => `/api/v1/workers/${c.workerId}/access-log`, ok: 200 },
    'GET /api/v1/workers/:id/documents': { path: (c) => `/api/v1/workers/${c.workerId}/documents`, ok: 200 },
    'POST /api/v1/workers/:id/documents': {
      path: (c) => `/api/v1/workers/${c.workerId}/documents`,
      body: () => ({ type: 'FINGERPRINT_RECORD', issuedOn: '2026-01-10', issuer: 'УВМ' }),
      ok: 201,
    },
    'PATCH /api/v1/workers/:id/documents/:docId': {
      path: (c) => `/api/v1/workers/${c.workerId}/documents/${c.documentId}`,
      body: () => ({ issuer: 'ФМС' }),
      ok: 200,
    },
    'POST /api/v1/workers/:id/patent-payments': {
      path: (c) => `/api/v1/workers/${c.workerId}/patent-payments`,
      body: () => ({ paidOn: '2026-01-10', months: 1, amountRub: 9000 }),
      ok: 422, // a Kyrgyz worker has no patent: the rule answers, not the guard
    },
    'GET /api/v1/workers/:id/patent-payments': { path: (c) => `/api/v1/workers/${c.workerId}/patent-payments`, ok: 200 },
    'PUT /api/v1/workers/:id/documents/:docId/file': {
      path: (c) => `/api/v1/workers/${c.workerId}/documents/${c.documentId}/file`,
      body: () => Buffer.from('%PDF-1.4\n%matrix'),
      contentType: 'application/pdf',
      ok: 200,
    },
    'GET /api/v1/workers/:id/documents/:docId/file': { path: (c) => `/api/v1/workers/${c.workerId}/documents/${c.documentId}/file`, ok: 200 },
    'GET /api/v1/workers/:id/export': { path: (c) => `/api/v1/workers/${c.workerId}/export`, ok: 200 },
    'POST /api/v1/workers/:id/erasure': {
      path: (c) => `/api/v1/workers/${c.workerId}/erasure`,
      body: () => ({ confirmCaseNumber: 'OMS-0000-000000' }),
      ok: 422, // the confirmation does not match: nothing is erased here
    },
  },
});
