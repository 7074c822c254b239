import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { routeInventory } from '../../src/access/route-inventory';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers, createUser, login } from '../factories/users';
import { coreArea } from './matrix/core.rows';
import { referenceArea } from './matrix/reference.rows';
import { labourRequestsArea } from './matrix/labour-requests.rows';
import { recruitmentArea } from './matrix/recruitment.rows';
import { placementsArea } from './matrix/placements.rows';
import { negotiationsArea } from './matrix/negotiations.rows';
import { deadlinesArea } from './matrix/deadlines.rows';
import { documentsArea } from './matrix/documents.rows';
import { reportsArea } from './matrix/reports.rows';
import { reportExportsArea } from './matrix/report-exports.rows';
import { complaintsArea } from './matrix/complaints.rows';
import type { BaseCtx, MatrixArea, Row } from './matrix/matrix.types';
import { ALLOWED_ROLES } from './matrix/allowed-roles';

const LETTER: Record<Role, string> = { ADMIN: 'A', STAFF: 'S', LIAISON: 'L', EMPLOYER: 'E' };
/** Whether the explicit table lets `role` call the route (never the guard's own table). */
const allows = (key: string, role: Role) => (ALLOWED_ROLES[key] ?? '').includes(LETTER[role]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = BaseCtx & Record<string, any>;

/** One file of rows per area of the API (test/e2e/matrix/*.rows.ts); add an area here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const AREAS: MatrixArea<any>[] = [
  coreArea,
  referenceArea,
  labourRequestsArea,
  recruitmentArea,
  placementsArea,
  negotiationsArea,
  documentsArea,
  deadlinesArea,
  reportsArea,
  complaintsArea,
  reportExportsArea,
];

/**
 * One row per authenticated route. Which roles get `ok` and which get 403 is written in
 * matrix/allowed-roles.ts, independently of ROLE_PERMISSIONS: the guard is checked against it.
 * A route missing from these rows or from that table fails the test.
 */
const MATRIX: Record<string, Row<Ctx>> = Object.assign(
  {},
  ...AREAS.map((a) => a.rows),
  // last: it ends the caller's session
  { 'POST /api/v1/auth/logout': { path: () => '/api/v1/auth/logout', ok: 204 } },
);

/** Routes that need no token; each is tested in its own file. */
const PUBLIC = new Set([
  'GET /api/v1/health/live',
  'GET /api/v1/health/ready',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/password-reset',
  // anonymous complaints (public-complaints.e2e-spec.ts) and their page outside the prefix (complaint-page.e2e-spec.ts)
  'POST /api/v1/public/complaints',
  'GET /api/v1/public/complaints/:reference',
  'POST /api/v1/public/complaints/:reference/messages',
  'GET /complaint',
  'POST /complaint',
  'GET /complaint/status',
  'POST /complaint/status',
]);

describe('authorisation matrix', () => {
  let t: TestApp;
  let c: Ctx;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '10000' });
    const base = await createRoleUsers(t);
    c = { ...base };
    for (const area of AREAS) Object.assign(c, await area.setup(t, base));
  }, 240_000); // every area's records: slow on a loaded machine
  afterAll(() => t?.close());

  it('every route declares a permission or is explicitly public, and has a row here', () => {
    const routes = routeInventory(t.app);
    expect(routes.length).toBeGreaterThan(5);
    for (const r of routes) {
      if (r.isPublic) expect(PUBLIC).toContain(r.key);
      else {
        expect({ route: r.key, permission: r.permission }).toEqual({ route: r.key, permission: expect.any(String) });
        expect(Object.keys(MATRIX)).toContain(r.key);
        expect(Object.keys(ALLOWED_ROLES)).toContain(r.key);
      }
    }
    const known = new Set(routes.map((r) => r.key));
    for (const key of [...Object.keys(MATRIX), ...Object.keys(ALLOWED_ROLES), ...PUBLIC]) expect(known).toContain(key);
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
    let checked = 0;
    for (const [key, row] of Object.entries(MATRIX)) {
      if (!key.includes(':id') || !allows(key, Role.EMPLOYER)) continue;
      const method = key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put';
      const res = await request(t.http)
        [method](row.path(c))
        .set('Authorization', `Bearer ${token}`)
        .set(row.headers?.(c) ?? {})
        .send(row.body?.(c));
      expect({ key, status: res.status }).toEqual({ key, status: 404 });
      expect(res.body).not.toHaveProperty('id');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  for (const role of Object.values(Role)) {
    it(`answers each route as the table of allowed roles says for ${role}`, async () => {
      for (const [key, row] of Object.entries(MATRIX)) {
        const allowed = allows(key, role);
        const expected = !allowed ? 403 : role === Role.EMPLOYER && row.employer ? row.employer : row.ok;
        const method = key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put';
        let req = request(t.http)[method](row.path(c)).set('Authorization', `Bearer ${c.tokens[role]}`);
        if (row.contentType) req = req.set('Content-Type', row.contentType);
        if (method === 'patch') req = req.set('If-Match', '*'); // a PATCH without If-Match is 428
        if (row.headers) req = req.set(row.headers(c));
        const res = await req.send(row.body?.(c));
        // alsoOk covers a state an earlier role already changed: the first role allowed must get exactly `ok`
        const firstAllowed = Object.values(Role).find((r) => allows(key, r));
        const accepted = allowed && role !== firstAllowed && row.alsoOk?.includes(res.status) ? res.status : expected;
        expect({ key, role, status: res.status }).toEqual({ key, role, status: accepted });
        if (expected === 403) expect(res.body.code).toBe('FORBIDDEN');
      }
    });
  }
});
