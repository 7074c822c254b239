import net from 'node:net';
import request from 'supertest';
import { SharedThrottlerStorage } from '../../src/common/throttling/rate-limit.storage';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';

// The shared rate-limit storage (Redis when REDIS_URL is set, otherwise PostgreSQL, where concurrent
// hits go out as one batched statement): each hit must get the answer it would have got alone.
describe('rate-limit storage', () => {
  let t: TestApp;
  let storage: SharedThrottlerStorage;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    storage = t.app.get(SharedThrottlerStorage);
  });
  afterAll(() => t?.close());

  it('counts concurrent hits on one key in arrival order and blocks those over the limit', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => storage.increment('batch-a', 60_000, 3, 30_000, 'test')));
    expect(results.map((r) => r.totalHits)).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true, true]);
    for (const r of results.slice(3)) expect(r.timeToBlockExpire).toBeGreaterThan(25);
    expect(results[0].timeToExpire).toBeGreaterThan(55);
  });

  it('keeps a started block for later hits, and keys apart', async () => {
    const [later, other] = await Promise.all([
      storage.increment('batch-a', 60_000, 3, 30_000, 'test'),
      storage.increment('batch-b', 60_000, 3, 30_000, 'test'),
    ]);
    expect(later).toMatchObject({ totalHits: 6, isBlocked: true });
    expect(later.timeToBlockExpire).toBeGreaterThan(25);
    expect(other).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('blocks a first batch that is already over the limit', async () => {
    const results = await Promise.all([1, 2, 3].map(() => storage.increment('batch-c', 60_000, 1, 30_000, 'test')));
    expect(results.map((r) => r.isBlocked)).toEqual([false, true, true]);
    const next = await storage.increment('batch-c', 60_000, 1, 30_000, 'test');
    expect(next).toMatchObject({ totalHits: 4, isBlocked: true });
  });

  // Liveness and readiness probes are never rate limited (@SkipThrottle on HealthController): a
  // probe answered 429 under load would make the orchestrator take a healthy replica out.
  it('throttles other routes per client, but never the health probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(t.http).get('/api/v1/auth/session')).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    for (let i = 0; i < 5; i++) {
      await request(t.http).get('/api/v1/health/live').expect(200);
      await request(t.http).get('/api/v1/health/ready').expect(200);
    }
  });
});

describe('closing the rate-limit storage', () => {
  it('closes its Redis once with QUIT when Nest closes it twice at once, leaving no close timer behind', async () => {
    const t = await createTestApp();
    const storage = new SharedThrottlerStorage(t.config, t.app.get(PrismaService));
    const redis = (storage as unknown as { redis: { status: string; once(e: string, f: () => void): void; quit(): Promise<unknown>; disconnect(): void } })
      .redis;
    try {
      if (redis.status !== 'ready') await new Promise<void>((resolve) => redis.once('ready', resolve));
      await storage.increment('close', 60_000, 3, 30_000, 'test');
      const quit = jest.spyOn(redis, 'quit');
      const disconnect = jest.spyOn(redis, 'disconnect');
      await Promise.all([storage.onModuleDestroy(), storage.onModuleDestroy()]);
      expect(quit).toHaveBeenCalledTimes(1);
      // disconnect() on a closing connection is what starts ioredis's 2 s timer that held test workers
      expect(disconnect).not.toHaveBeenCalled();
      await storage.onModuleDestroy();
      expect(quit).toHaveBeenCalledTimes(1);
    } finally {
      await storage.onModuleDestroy();
      await t.close();
    }
  });
});

describe('rate-limit storage on an unreachable Redis', () => {
  it('refuses with 503 SERVICE_UNAVAILABLE (limits fail closed), never lets the hit through', async () => {
    const t = await createTestApp();
    // a storage of its own on a "Redis" that accepts connections and never answers. (A refused port
    // would do as well, but ioredis then keeps its dead socket's 2 s close timer past the test.)
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `redis://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const storage = new SharedThrottlerStorage({ ...t.config, redis: { ...t.config.redis, url } }, t.app.get(PrismaService));
    try {
      await new Promise((r) => setTimeout(r, 50));
      await expect(storage.increment('down', 60_000, 3, 30_000, 'test')).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await storage.onModuleDestroy();
      silent.close();
      for (const socket of sockets) socket.destroy();
      await t.close();
    }
  });
});
