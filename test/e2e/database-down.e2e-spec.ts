import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createHttpApp } from '../../src/bootstrap';
import { testConfig } from '../support/app';
import { createTestDatabase } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * PostgreSQL vanishes from the network (packets dropped, no RST) while the API runs: the API must
 * answer 503 problem details promptly instead of hanging, keep serving what needs no database, and
 * recover by itself when PostgreSQL is back. Without REDIS_URL the queue runs on the same
 * PostgreSQL, so it goes through the proxy (and down) too.
 */
describe('PostgreSQL unreachable', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: TcpProxy;
  let app: NestFastifyApplication;
  let http: ReturnType<NestFastifyApplication['getHttpServer']>;
  /** What reached console.error: BullMQ prints "Unhandled error" there when nobody listens for 'error'. */
  const consoleErrors: string[] = [];
  /** A route that needs the database: the credentials are looked up there. */
  const login = () => request(http).post('/api/v1/auth/login').send({ email: 'nobody@test.example', password: 'not-a-password' });

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await TcpProxy.forUrl(db.url, 5432);
    // the shipped DB_CONNECT_TIMEOUT_MS (3 s) and health-check timeout must keep answers under 5 s
    const config = testConfig(proxy.urlFor(db.url));
    app = await createHttpApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = app.getHttpServer();
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      consoleErrors.push(args.map(String).join(' '));
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    proxy?.restore();
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('is ready while PostgreSQL answers', async () => {
    await request(http).get('/api/v1/health/ready').expect(200);
    await login().expect(401);
  });

  describe('after PostgreSQL vanishes', () => {
    beforeAll(() => proxy.blackhole());

    it('answers ready with 503 NOT_READY within 5 s', async () => {
      const started = Date.now();
      const res = await request(http).get('/api/v1/health/ready');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'NOT_READY' });
      expect(res.body.checks.error.database).toMatchObject({ status: 'down' });
    });

    it('answers a request that needs the database with 503 SERVICE_UNAVAILABLE within 5 s', async () => {
      const started = Date.now();
      const res = await login();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', instance: '/api/v1/auth/login' });
    });

    it('keeps answering several such requests at once (the pool does not hang)', async () => {
      const started = Date.now();
      // more than the pool's connections, fewer than the login rate limit
      const answers = await Promise.all(Array.from({ length: 12 }, () => login()));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(answers.map((r) => r.status)).toEqual(Array(12).fill(503));
    });

    it('keeps serving health/live', async () => {
      await request(http).get('/api/v1/health/live').expect(200, { status: 'ok' });
    });
  });

  describe('after PostgreSQL is back', () => {
    beforeAll(() => proxy.restore());

    it('is ready again without a restart', async () => {
      let status = 0;
      for (let i = 0; i < 40 && status !== 200; i++) {
        if (i > 0) await sleep(250);
        status = (await request(http).get('/api/v1/health/ready')).status;
      }
      expect(status).toBe(200);
      await login().expect(401);
    });
  });

  it("handles the queue's connection errors instead of leaving them unhandled", () => {
    expect(consoleErrors.filter((m) => /Unhandled error/.test(m))).toEqual([]);
  });
});
