import request from 'supertest';
import { Permission, Role, roleHas } from '../../src/access/permissions';
import { routeInventory } from '../../src/access/route-inventory';
import { createTestApp, TestApp } from '../support/app';
import { IntermediariesService } from '../../src/intermediaries/intermediaries.service';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { createRoleUsers, createUser, login, systemActor, validInn } from '../factories/users';
import { createWorker, workerInput } from '../factories/workers';

type Ctx = Awaited<ReturnType<typeof createRoleUsers>> & { targetUserId: string; workerId: string; intermediaryId: string; documentId: string };

interface Row {
  /** The request that succeeds for a role that holds the route's permission. */
  path: (c: Ctx) => string;
  body?: (c: Ctx) => object;
  contentType?: string;
  ok: number;
  /** What an employer that holds the permission gets: the record is outside its scope. */
  employer?: number;
  alsoOk?: number[];
}

/**
 * One row per authenticated route. Which roles get `ok` and which get 403 is not written here: it is
 * derived from the route's declared permission and ROLE_PERMISSIONS, the one table of roles.
 * A route missing from this table fails the test.
 */
const MATRIX: Record<string, Row> = {
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
    body: () => ({ to: 'DOCUMENTS_IN_PROGRESS', reason: 'matrix' }),
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
  // last: it ends the caller's session
  'POST /api/v1/auth/logout': { path: () => '/api/v1/auth/logout', ok: 204 },
};

/** Routes that need no token; each is tested in its own file. */
const PUBLIC = new Set([
  'GET /api/v1/health/live',
  'GET /api/v1/health/ready',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/password-reset',
]);

describe('authorisation matrix', () => {
  let t: TestApp;
  let c: Ctx;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '10000' });
    const base = await createRoleUsers(t);
    const worker = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: base.agency.id, citizenship: 'KG' });
    const intermediary = await t.app.get(IntermediariesService).create(systemActor(), { name: 'Matrix intermediary' });
    const document = await t.app.get(DocumentsService).create(systemActor(), worker.id, { type: 'INN', number: '500100732259' });
    c = { ...base, targetUserId: (await createUser(t, Role.STAFF)).id, workerId: worker.id, intermediaryId: intermediary.id, documentId: document.id };
  });
  afterAll(() => t?.close());

  it('every route declares a permission or is explicitly public, and has a row here', () => {
    const routes = routeInventory(t.app);
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) {
      if (r.isPublic) expect(PUBLIC).toContain(r.key);
      else {
        expect({ route: r.key, permission: r.permission }).toEqual({ route: r.key, permission: expect.any(String) });
        expect(Object.keys(MATRIX)).toContain(r.key);
      }
    }
    const known = new Set(routes.map((r) => r.key));
    for (const key of [...Object.keys(MATRIX), ...PUBLIC]) expect(known).toContain(key);
  });

  it('answers 401 without a token on every non-public route', async () => {
    for (const [key, row] of Object.entries(MATRIX)) {
      const method = key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put';
      const req = request(t.http)[method](row.path(c));
      const res = await (row.contentType ? req.set('Content-Type', row.contentType) : req).send(row.body?.(c));
      expect({ key, status: res.status }).toEqual({ key, status: 401 });
    }
  });

  it('object level: a token of another employer gets 404 and no data on every route with an id it may call', async () => {
    const outsider = await createUser(t, Role.EMPLOYER, { employerId: c.otherEmployer.id });
    const token = (await login(t, outsider.email, outsider.password)).accessToken;
    const routes = new Map(routeInventory(t.app).map((r) => [r.key, r]));
    let checked = 0;
    for (const [key, row] of Object.entries(MATRIX)) {
      if (!key.includes(':id') || !roleHas(Role.EMPLOYER, routes.get(key)!.permission as Permission)) continue;
      const method = key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put';
      const res = await request(t.http)[method](row.path(c)).set('Authorization', `Bearer ${token}`).send(row.body?.(c));
      expect({ key, status: res.status }).toEqual({ key, status: 404 });
      expect(res.body).not.toHaveProperty('id');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  for (const role of Object.values(Role)) {
    it(`answers each route as the permission table says for ${role}`, async () => {
      const routes = new Map(routeInventory(t.app).map((r) => [r.key, r]));
      for (const [key, row] of Object.entries(MATRIX)) {
        const permission = routes.get(key)!.permission as Permission;
        const allowed = roleHas(role, permission);
        const expected = !allowed ? 403 : role === Role.EMPLOYER && row.employer ? row.employer : row.ok;
        const method = key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put';
        let req = request(t.http)[method](row.path(c)).set('Authorization', `Bearer ${c.tokens[role]}`);
        if (row.contentType) req = req.set('Content-Type', row.contentType);
        const res = await req.send(row.body?.(c));
        const accepted = allowed && row.alsoOk?.includes(res.status) ? res.status : expected;
        expect({ key, role, status: res.status }).toEqual({ key, role, status: accepted });
        if (expected === 403) expect(res.body.code).toBe('FORBIDDEN');
      }
    });
  }
});
