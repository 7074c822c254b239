import { setTimeout as sleep } from 'node:timers/promises';
import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { JobType, Queue } from 'bullmq';
import request from 'supertest';
import { createHttpApp } from '../../src/bootstrap';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { JobName, QueueName } from '../../src/infra/queue/jobs';
import { OutboxRelay } from '../../src/infra/queue/outbox/outbox.relay';
import { OutboxService } from '../../src/infra/queue/outbox/outbox.service';
import { createTestApp, TestApp, testConfig } from '../support/app';
import { createTestDatabase } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';

const ALL_STATES: JobType[] = ['active', 'completed', 'delayed', 'failed', 'prioritized', 'waiting', 'waiting-children'];

interface Parts {
  outbox: OutboxService;
  relay: OutboxRelay;
  prisma: PrismaService;
  queue: Queue;
}

function partsOf(app: NestFastifyApplication): Parts {
  return {
    outbox: app.get(OutboxService),
    relay: app.get(OutboxRelay),
    prisma: app.get(PrismaService),
    queue: app.get<Queue>(getQueueToken(QueueName.Maintenance)),
  };
}

/** Enqueues a purge job in a committed transaction; returns the outbox row id. */
function enqueueCommitted({ prisma, outbox }: Parts): Promise<string> {
  return prisma.$transaction((tx) => outbox.enqueue(tx, JobName.PurgeExpiredIdempotencyKeys, {}));
}

/** Makes a row due now, as if its backoff had passed. */
async function makeDue(prisma: PrismaService, id: string): Promise<void> {
  await prisma.outboxMessage.updateMany({ where: { id }, data: { availableAt: new Date(Date.now() - 1000) } });
}

/** Polls a condition (no timing is asserted): up to `tries` × 250 ms. */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, tries = 40): Promise<T> {
  let value = await fn();
  for (let i = 1; i < tries && !ok(value); i++) {
    await sleep(250);
    value = await fn();
  }
  return value;
}

describe('transactional outbox', () => {
  let t: TestApp;
  let p: Parts;

  beforeAll(async () => {
    t = await createTestApp();
    p = partsOf(t.app);
  });
  afterAll(() => t?.close());

  it('relays a committed message by itself (the relay polls in the background)', async () => {
    const id = await enqueueCommitted(p);
    const row = await eventually(
      () => p.prisma.outboxMessage.findUniqueOrThrow({ where: { id } }),
      (r) => r.status === 'RELAYED',
    );
    expect(row.status).toBe('RELAYED');
    expect(await p.queue.getJob(id)).toBeDefined();
  });

  describe('with the background relay stopped (each pass run by the test)', () => {
    beforeAll(() => p.relay.onApplicationShutdown());

    it('relays a message enqueued in a committed transaction, with the row id as job id', async () => {
      const id = await enqueueCommitted(p);
      expect(await p.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'PENDING',
        queue: QueueName.Maintenance,
        jobName: JobName.PurgeExpiredIdempotencyKeys,
      });

      expect(await p.relay.relayOnce()).toBe(1);

      const row = await p.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'RELAYED', attempts: 1, lastError: null });
      expect(row.relayedAt).toBeInstanceOf(Date);
      const job = await p.queue.getJob(id);
      expect(job).toBeDefined();
      expect(job!.name).toBe(JobName.PurgeExpiredIdempotencyKeys);
    });

    it('keeps no message when the transaction rolls back', async () => {
      let id: string | undefined;
      const before = await p.prisma.outboxMessage.count();
      await expect(
        p.prisma.$transaction(async (tx) => {
          id = await p.outbox.enqueue(tx, JobName.PurgeExpiredIdempotencyKeys, {});
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');

      expect(id).toEqual(expect.any(String));
      expect(await p.prisma.outboxMessage.findUnique({ where: { id } })).toBeNull();
      expect(await p.prisma.outboxMessage.count()).toBe(before);
      expect(await p.relay.relayOnce()).toBe(0);
      expect(await p.queue.getJob(id!)).toBeUndefined();
    });

    it('creates one job when the same message is relayed twice', async () => {
      const id = await enqueueCommitted(p);
      expect(await p.relay.relayOnce()).toBe(1);
      // a crash between queue.add and the RELAYED mark: the row comes round again
      await p.prisma.outboxMessage.update({ where: { id }, data: { status: 'PENDING', availableAt: new Date(Date.now() - 1000) } });
      expect(await p.relay.relayOnce()).toBe(1);

      expect(await p.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'RELAYED', attempts: 2 });
      const jobs = await p.queue.getJobs(ALL_STATES, 0, -1);
      expect(jobs.filter((j) => j?.id === id)).toHaveLength(1);
    });
  });
});

const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

describeWithRedis('transactional outbox while Redis is unreachable (runs only with REDIS_URL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let redisProxy: TcpProxy;
  let app: NestFastifyApplication;
  let p: Parts;
  const ids: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    redisProxy = await TcpProxy.forUrl(process.env.REDIS_URL!, 6379);
    app = await createHttpApp(testConfig(db.url, { REDIS_URL: redisProxy.urlFor(process.env.REDIS_URL!) }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    p = partsOf(app);
    await p.relay.onApplicationShutdown(); // the test runs each pass itself
  });
  afterAll(async () => {
    redisProxy?.restore();
    await app?.close();
    await redisProxy?.close();
    await db?.drop();
  });

  it('keeps messages pending with the error recorded, and keeps serving the API', async () => {
    // What is under test is the outbox and the API. The queue workers are closed first: a BullMQ
    // worker whose fetch (moveToActive) is refused at once retries without pause and holds the event
    // loop, so nothing else in this process would run (seen with the complaint schedulers' jobs).
    for (const { instance } of app.get(DiscoveryService).getProviders()) {
      if (instance instanceof WorkerHost) await instance.worker.close(true);
    }
    redisProxy.blackhole();
    ids.push(await enqueueCommitted(p), await enqueueCommitted(p));

    expect(await p.relay.relayOnce()).toBe(0);

    const rows = await p.prisma.outboxMessage.findMany({ where: { id: { in: ids } } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('PENDING');
      expect(row.attempts).toBeGreaterThan(0);
      expect(row.lastError).toEqual(expect.any(String));
      expect(row.availableAt.getTime()).toBeGreaterThan(Date.now()); // backing off
    }
    await request(app.getHttpServer()).get('/api/v1/health/live').expect(200);
    const ready = await request(app.getHttpServer()).get('/api/v1/health/ready').expect(503);
    expect(ready.body.checks.error.queue).toMatchObject({ status: 'down' });
  });

  it('relays them once Redis is back', async () => {
    redisProxy.restore();
    // the Redis client reconnects with backoff: retry the pass until it gets through
    const relayed = await eventually(
      async () => {
        for (const id of ids) await makeDue(p.prisma, id);
        await p.relay.relayOnce();
        return p.prisma.outboxMessage.count({ where: { id: { in: ids }, status: 'RELAYED' } });
      },
      (n) => n === ids.length,
      120,
    );
    expect(relayed).toBe(ids.length);
    for (const id of ids) expect(await p.queue.getJob(id)).toBeDefined();
  });
});
