import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { createAgency, createRoleUsers, createUser, systemActor } from '../factories/users';
import { requestInput } from '../factories/labour-requests';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

/** Each PATCH of a record people edit: where it lives, and a change that is valid for it. */
type Target = { path: string; change: object; read?: string };

describe('If-Match on records people edit', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;

  beforeAll(async () => {
    t = await createTestApp();
    ctx = await createRoleUsers(t);
    admin = { Authorization: `Bearer ${ctx.tokens.ADMIN}` };
  });
  afterAll(() => t?.close());

  const targets: Record<string, () => Promise<Target>> = {
    workers: async () => ({ path: `/api/v1/workers/${(await createWorker(t)).id}`, change: { phone: '+998901112233' } }),
    documents: async () => {
      const w = await createWorker(t);
      const doc = await t.app.get(DocumentsService).create(systemActor(), w.id, { type: 'INN', number: '500100732259' });
      return { path: `/api/v1/workers/${w.id}/documents/${doc.id}`, change: { issuer: 'ИФНС 1' }, read: `/api/v1/workers/${w.id}/documents` };
    },
    employers: async () => ({ path: `/api/v1/employers/${ctx.employer.id}`, change: { address: 'Omsk, ul. Lenina 1' } }),
    users: async () => ({ path: `/api/v1/users/${(await createUser(t, Role.STAFF)).id}`, change: { fullName: 'Renamed' } }),
    'partner agencies': async () => ({
      path: `/api/v1/partner-agencies/${(await createAgency(t)).id}`,
      change: { region: 'Fergana' },
      read: '/api/v1/partner-agencies',
    }),
    intermediaries: async () => {
      const created = await request(t.http).post('/api/v1/intermediaries').set(admin).send({ name: 'Бахтиёр' }).expect(201);
      return { path: `/api/v1/intermediaries/${created.body.id}`, change: { notes: 'seen at the market' }, read: '/api/v1/intermediaries' };
    },
    'quota allocations': async () => {
      const created = await request(t.http).post('/api/v1/quota-allocations').set(admin).send({ year: 2033, limit: 5 }).expect(201);
      return { path: `/api/v1/quota-allocations/${created.body.id}`, change: { note: 'checked' }, read: '/api/v1/quota-allocations?year=2033' };
    },
    'labour requests': async () => {
      const created = await request(t.http)
        .post('/api/v1/labour-requests')
        .set(admin)
        .send({ employerId: ctx.employer.id, ...requestInput({ periodStart: '2027-04-01', periodEnd: '2027-10-31' }) })
        .expect(201);
      return { path: `/api/v1/labour-requests/${created.body.id}`, change: { notes: 'call first' } };
    },
    'reference bans': async () => {
      const created = await request(t.http)
        .post('/api/v1/reference/bans')
        .set(admin)
        .send({ title: 'Test ban', activityCodes: ['47.25'], effectiveFrom: '2027-01-01' })
        .expect(201);
      return { path: `/api/v1/reference/bans/${created.body.id}`, change: { note: 'checked' }, read: '/api/v1/reference/bans' };
    },
  };

  it.each(Object.keys(targets))('%s: no If-Match → 428 and nothing changes; the ETag read → 200; that ETag again → 412', async (name) => {
    const target = await targets[name]();
    const before = await request(t.http)
      .get(target.read ?? target.path)
      .set(admin)
      .expect(200);
    const blind = await request(t.http).patch(target.path).set(admin).send(target.change).expect(428);
    expect(blind.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(blind.body.code).toBe('PRECONDITION_REQUIRED');
    const record = (body: { items?: { id: string }[] } | { id: string }[]) => {
      const list = Array.isArray(body) ? body : body.items;
      return (list ? list.find((i) => target.path.endsWith(i.id)) : body) as { version: number };
    };
    const etag = `"${record(before.body).version}"`;
    if (!target.read) expect(before.headers.etag).toBe(etag);
    const after = await request(t.http)
      .get(target.read ?? target.path)
      .set(admin)
      .expect(200);
    expect(record(after.body).version).toBe(record(before.body).version);
    const ok = await request(t.http).patch(target.path).set(admin).set('If-Match', etag).send(target.change).expect(200);
    expect(ok.headers.etag).toBe(`"${record(before.body).version + 1}"`);
    const stale = await request(t.http).patch(target.path).set(admin).set('If-Match', etag).send(target.change).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
  });
});
