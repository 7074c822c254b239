import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers, createUser, login, validInn } from '../factories/users';

describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    staff = (await createRoleUsers(t)).tokens[Role.STAFF];
  });
  afterAll(() => t?.close());

  const post = (key: string | undefined, body: object) => {
    const r = request(t.http).post('/api/v1/employers').set('Authorization', `Bearer ${staff}`);
    return (key ? r.set('Idempotency-Key', key) : r).send(body);
  };

  it('replays the first answer for the same key and body, creating one record', async () => {
    const body = { name: 'Idempotent LLC', inn: validInn() };
    const first = await post('key-1', body).expect(201);
    const second = await post('key-1', { inn: body.inn, name: body.name }).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await t.app.get(PrismaService).employer.count({ where: { inn: body.inn } })).toBe(1);
  });

  it('answers 422 for the same key with another body', async () => {
    await post('key-2', { name: 'Alpha', inn: validInn() }).expect(201);
    const res = await post('key-2', { name: 'Beta', inn: validInn() }).expect(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a failed request does not hold the key: a corrected retry with it succeeds', async () => {
    const inn = validInn();
    await post('key-3', { name: 'Gamma', inn: '7707083894' }).expect(422);
    await post('key-3', { name: 'Gamma', inn }).expect(201);
  });

  it('keys are per caller, and a malformed key is 400', async () => {
    const other = await createUser(t, Role.STAFF);
    const otherToken = (await login(t, other.email, other.password)).accessToken;
    const first = await post('shared-key', { name: 'Delta', inn: validInn() }).expect(201);
    const theirs = await request(t.http)
      .post('/api/v1/employers')
      .set('Authorization', `Bearer ${otherToken}`)
      .set('Idempotency-Key', 'shared-key')
      .send({ name: 'Epsilon', inn: validInn() })
      .expect(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    const bad = await post('x'.repeat(300), { name: 'Zeta', inn: validInn() }).expect(400);
    expect(bad.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => t?.close());

  it('throttles logins per IP with 429 and Retry-After, and audits it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(t.http).post('/api/v1/auth/login').send({ email: 'x@test.example', password: 'whatever-pass' })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const res = await request(t.http).post('/api/v1/auth/login').send({ email: 'x@test.example', password: 'whatever-pass' }).expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await t.app.get(PrismaService).auditEvent.count({ where: { action: 'auth.throttled' } })).toBeGreaterThan(0);
    // health is never throttled
    for (let i = 0; i < 5; i++) await request(t.http).get('/api/v1/health/live').expect(200);
  });
});

describe('client addresses behind a proxy (TRUST_PROXY)', () => {
  const login = (t: TestApp, ip: string) =>
    request(t.http).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: 'x@test.example', password: 'whatever-pass' });

  it('by default each forwarded client address has its own login budget', async () => {
    const t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '2' });
    try {
      const statuses = [];
      for (const ip of ['203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2']) statuses.push((await login(t, ip)).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      expect((await login(t, '203.0.113.1')).status).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('with TRUST_PROXY=false a client cannot pick its address by header: one budget for the connection', async () => {
    const t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '2', TRUST_PROXY: 'false' });
    try {
      const statuses = [];
      for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await login(t, ip)).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});
