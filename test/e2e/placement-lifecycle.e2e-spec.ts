import { setTimeout as sleep } from 'node:timers/promises';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { WorkerModule } from '../../src/app.module';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { JobName, QueueName } from '../../src/infra/queue/jobs';
import { configureQueueBackend } from '../../src/infra/queue/queue-connection';
import { PlacementsProcessor, START_DUE_PLACEMENTS_PATTERN, START_DUE_PLACEMENTS_SCHEDULER } from '../../src/placements/placements.processor';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { WorkersService } from '../../src/workers/workers.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createEmployer, createRoleUsers, systemActor } from '../factories/users';
import { createWorker, readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

/**
 * Issue 16, item 6: lifecycle states that agree with the papers. READY_TO_WORK needs work
 * authorisation; a placement starting later is PLANNED and its worker is moved to EMPLOYED by the
 * daily job on the start date (the clock travels here); a planned placement can be cancelled.
 */
describe('placement and worker lifecycle against the papers and the calendar', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let queue: Queue;
  let now = '2026-05-01T09:00:00Z';
  const travel = (to: string) => (now = to);
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const api = (path: string) => `/api/v1${path}`;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Placements));
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t?.close());
  beforeEach(() => travel('2026-05-01T09:00:00Z'));

  const approved = (employerId = ctx.employer.id) => createApprovedRequest(t, employerId, { preferredCitizenships: ['KG', 'UZ'], workersRequested: 5 });
  const place = (body: object) => request(t.http).post(api('/placements')).set(as(Role.STAFF)).send(body);
  const endPlacement = (id: string, body: object) =>
    request(t.http)
      .post(api(`/placements/${id}/end`))
      .set(as(Role.STAFF))
      .send(body);
  const transition = (id: string, to: string) =>
    request(t.http)
      .post(api(`/workers/${id}/transitions`))
      .set(as(Role.STAFF))
      .send({ to, reason: 'papers checked' });
  const worker = (id: string) => prisma.worker.findUniqueOrThrow({ where: { id } });
  const placement = (id: string) => prisma.placement.findUniqueOrThrow({ where: { id } });
  const transitionsTo = (workerId: string, toStatus: 'EMPLOYED') => prisma.workerEvent.count({ where: { workerId, kind: 'TRANSITION', toStatus } });

  /** Runs the job as the scheduler would, through the queue, and answers its result. */
  async function runStartJob(): Promise<{ started: number; failed: string[] }> {
    const job = await queue.add(JobName.StartDuePlacements, {});
    for (let i = 0; i < 120; i++) {
      const state = await job.getState();
      if (state === 'completed') return (await queue.getJob(job.id!))!.returnvalue as { started: number; failed: string[] };
      if (state === 'failed') throw new Error(`the job failed: ${(await queue.getJob(job.id!))!.failedReason}`);
      await sleep(250);
    }
    throw new Error('the job did not finish');
  }

  async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
    let value = await read();
    for (let i = 0; i < 120 && !ok(value); i++) {
      await sleep(250);
      value = await read();
    }
    return value;
  }

  describe('READY_TO_WORK needs work authorisation today', () => {
    it('refuses a patent-regime worker without a patent with 422 naming the missing document; a patent makes it pass', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      await transition(w.id, 'DOCUMENTS_IN_PROGRESS').expect(200);
      const refused = await transition(w.id, 'READY_TO_WORK').expect(422);
      expect(refused.body).toMatchObject({
        code: 'WORK_AUTHORIZATION_REQUIRED',
        errors: [{ field: 'to', code: 'WORK_AUTHORIZATION_MISSING', document: 'PATENT', workAuthorization: 'MISSING', validUntil: null }],
      });
      expect(refused.body.errors[0].message).toContain('PATENT');
      expect((await worker(w.id)).status).toBe('DOCUMENTS_IN_PROGRESS');
      expect(await prisma.workerEvent.count({ where: { workerId: w.id, toStatus: 'READY_TO_WORK' } })).toBe(0);
      await t.app.get(DocumentsService).create(systemActor(), w.id, {
        type: 'PATENT',
        number: '55 7654321',
        issuer: 'УВМ УМВД России по Омской области',
        issuedOn: '2026-02-01',
        expiresOn: '2027-01-31',
      });
      expect((await transition(w.id, 'READY_TO_WORK').expect(200)).body).toMatchObject({ status: 'READY_TO_WORK', workAuthorization: 'VALID' });
    });

    it('names a lapsed patent with the last day it covered; an EAEU citizen needs no papers', async () => {
      const w = await createWorker(t, { citizenship: 'TJ' });
      await t.app.get(DocumentsService).create(systemActor(), w.id, {
        type: 'PATENT',
        number: '55 1112223',
        issuer: 'УВМ УМВД России по Омской области',
        issuedOn: '2026-01-10',
        expiresOn: '2026-04-20',
      });
      await transition(w.id, 'DOCUMENTS_IN_PROGRESS').expect(200);
      const refused = await transition(w.id, 'READY_TO_WORK').expect(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ code: 'WORK_AUTHORIZATION_EXPIRED', document: 'PATENT', workAuthorization: 'EXPIRED', validUntil: '2026-04-20' }),
      ]);
      const kg = await createWorker(t, { citizenship: 'KG' });
      await transition(kg.id, 'DOCUMENTS_IN_PROGRESS').expect(200);
      await transition(kg.id, 'READY_TO_WORK').expect(200);
    });
  });

  describe('a placement that starts later', () => {
    it('is PLANNED and leaves the worker READY_TO_WORK; the daily job starts it on its start date, once', async () => {
      const r = await approved();
      const w = await readyWorker(t, 'KG');
      const res = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201);
      expect(res.body).toMatchObject({ status: 'PLANNED', startDate: '2026-05-04', endDate: null });
      expect(
        (
          await request(t.http)
            .get(api(`/workers/${w.id}`))
            .set(as(Role.STAFF))
            .expect(200)
        ).body,
      ).toMatchObject({
        status: 'READY_TO_WORK',
        placements: [expect.objectContaining({ status: 'PLANNED', startDate: '2026-05-04' })],
      });
      const planned = await request(t.http)
        .get(api(`/placements?workerId=${w.id}&status=PLANNED`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(planned.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
      // the planned placement holds the worker: no second placement, no move by hand
      const second = await place({ labourRequestId: (await approved()).id, workerId: w.id, startDate: '2026-05-05' }).expect(422);
      expect(second.body.errors.map((e: { code: string }) => e.code)).toEqual(['WORKER_ALREADY_PLACED']);
      expect((await transition(w.id, 'EMPLOYED').expect(409)).body.code).toBe('WORKER_HAS_PLANNED_PLACEMENT');
      expect((await transition(w.id, 'DEPARTED').expect(409)).body.code).toBe('WORKER_HAS_PLANNED_PLACEMENT');

      travel('2026-05-03T23:59:00Z');
      expect(await runStartJob()).toEqual({ started: 0, failed: [] });
      expect((await placement(res.body.id)).status).toBe('PLANNED');
      expect((await worker(w.id)).status).toBe('READY_TO_WORK');

      travel('2026-05-04T00:01:00Z');
      expect(await runStartJob()).toEqual({ started: 1, failed: [] });
      expect(await placement(res.body.id)).toMatchObject({ status: 'ACTIVE', version: 2 });
      expect((await worker(w.id)).status).toBe('EMPLOYED');
      const read = await request(t.http)
        .get(api(`/placements/${res.body.id}`))
        .set(as(Role.EMPLOYER))
        .expect(200);
      expect(read.body).toMatchObject({ status: 'ACTIVE', version: 2 });
      const timeline = await request(t.http)
        .get(api(`/workers/${w.id}/timeline`))
        .set(as(Role.STAFF))
        .expect(200);
      expect(timeline.body.items.at(-1)).toMatchObject({ kind: 'TRANSITION', fromStatus: 'READY_TO_WORK', toStatus: 'EMPLOYED' });
      expect(await prisma.auditEvent.count({ where: { entityId: res.body.id, action: 'placement.start' } })).toBe(1);

      // idempotent: the next run (or a redelivered job) starts nothing again
      travel('2026-05-05T00:01:00Z');
      expect(await runStartJob()).toEqual({ started: 0, failed: [] });
      expect(await transitionsTo(w.id, 'EMPLOYED')).toBe(1);
    });

    it('a worker between jobs stays BETWEEN_JOBS until the next placement starts', async () => {
      const r = await approved();
      const w = await readyWorker(t, 'KG');
      const first = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-04-20' }).expect(201);
      expect(first.body.status).toBe('ACTIVE');
      await endPlacement(first.body.id, { endDate: '2026-04-30', reason: 'short job' }).expect(200);
      const next = await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-11' }).expect(201);
      expect(next.body.status).toBe('PLANNED');
      expect((await worker(w.id)).status).toBe('BETWEEN_JOBS');
      travel('2026-05-11T06:00:00Z');
      await runStartJob();
      expect((await worker(w.id)).status).toBe('EMPLOYED');
    });

    it('is started by the run at start-up when its day passed while no job ran; the daily scheduler has a stable id', async () => {
      const scheduler = await queue.getJobScheduler(START_DUE_PLACEMENTS_SCHEDULER);
      expect(scheduler).toMatchObject({ pattern: START_DUE_PLACEMENTS_PATTERN, tz: 'UTC', name: JobName.StartDuePlacements });
      const w = await readyWorker(t, 'KG');
      const res = await place({ labourRequestId: (await approved()).id, workerId: w.id, startDate: '2026-05-06' }).expect(201);
      travel('2026-05-08T10:00:00Z');
      await t.app.get(PlacementsProcessor).onApplicationBootstrap();
      expect(
        (
          await eventually(
            () => placement(res.body.id),
            (p) => p.status === 'ACTIVE',
          )
        ).status,
      ).toBe('ACTIVE');
      expect((await worker(w.id)).status).toBe('EMPLOYED');
    });
  });

  describe('cancelling a planned placement (POST /placements/:id/end before it starts)', () => {
    it('cancels it without an end date: CANCELLED, the worker untouched, never started by the job, the worker free again', async () => {
      const r = await approved();
      const w = await readyWorker(t, 'KG');
      const before = await worker(w.id);
      const events = await prisma.workerEvent.count({ where: { workerId: w.id } });
      const p = (await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-18' }).expect(201)).body;
      const res = await endPlacement(p.id, { reason: 'The employer postponed the season' }).expect(200);
      expect(res.body).toMatchObject({ status: 'CANCELLED', endDate: null, endReason: 'The employer postponed the season', version: 2 });
      expect(await worker(w.id)).toMatchObject({ status: 'READY_TO_WORK', version: before.version });
      expect(await prisma.workerEvent.count({ where: { workerId: w.id } })).toBe(events);
      expect(await prisma.auditEvent.findFirst({ where: { entityId: p.id, action: 'placement.cancel' } })).toMatchObject({
        changes: expect.objectContaining({ cancelledOn: '2026-05-01' }),
      });
      expect((await endPlacement(p.id, { reason: 'again' }).expect(409)).body.code).toBe('PLACEMENT_ALREADY_ENDED');
      const notice = await request(t.http)
        .post(api(`/placements/${p.id}/contract-notifications`))
        .set(as(Role.STAFF))
        .send({ kind: 'CONCLUSION', notifiedOn: '2026-05-01' })
        .expect(409);
      expect(notice.body.code).toBe('PLACEMENT_CANCELLED');
      travel('2026-05-19T00:01:00Z');
      await runStartJob();
      expect((await placement(p.id)).status).toBe('CANCELLED');
      expect((await worker(w.id)).status).toBe('READY_TO_WORK');
      await place({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-20' }).expect(201);
    });

    it('takes an end date as the day of the cancellation (not in the future); an ACTIVE placement needs one', async () => {
      const r = await approved();
      const planned = (await place({ labourRequestId: r.id, workerId: (await readyWorker(t, 'KG')).id, startDate: '2026-06-01' }).expect(201)).body;
      const future = await endPlacement(planned.id, { endDate: '2026-05-02', reason: 'not yet' }).expect(422);
      expect(future.body).toMatchObject({ code: 'PLACEMENT_END_INVALID', errors: [{ field: 'endDate', code: 'END_IN_FUTURE' }] });
      await endPlacement(planned.id, { endDate: '2026-05-01', reason: 'The worker found another job' }).expect(200);
      const active = (await place({ labourRequestId: r.id, workerId: (await readyWorker(t, 'KG')).id, startDate: '2026-04-27' }).expect(201)).body;
      const missing = await endPlacement(active.id, { reason: 'no date' }).expect(422);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'endDate', code: 'END_DATE_REQUIRED' })]);
    });

    it('a cancelled placement is no notice the employer failed to make (employer risk)', async () => {
      const employer = await createEmployer(t);
      const r = await approved(employer.id);
      const p = (await place({ labourRequestId: r.id, workerId: (await readyWorker(t, 'KG')).id, startDate: '2026-05-11' }).expect(201)).body;
      await endPlacement(p.id, { reason: 'cancelled before the start' }).expect(200);
      travel('2026-06-01T09:00:00Z');
      const review = await request(t.http)
        .get(api(`/labour-requests/${r.id}`))
        .set(as(Role.STAFF))
        .expect(200);
      expect(review.body.review.employerRisk).toMatchObject({ missingContractNotifications: 0 });
    });
  });

  describe('the database guards the placement states too', () => {
    it('refuses a second current placement of a worker and end dates that contradict the status', async () => {
      const p = (await place({ labourRequestId: (await approved()).id, workerId: (await readyWorker(t, 'KG')).id, startDate: '2026-05-20' }).expect(201)).body;
      const copy = (status: string) =>
        prisma.$executeRawUnsafe(
          `INSERT INTO placements (id, labour_request_id, employer_id, worker_id, start_date, status, monthly_wage_rub, hours_per_week, updated_at)
           SELECT gen_random_uuid(), labour_request_id, employer_id, worker_id, start_date + 30, '${status}', monthly_wage_rub, hours_per_week, now()
             FROM placements WHERE id = $1::uuid`,
          p.id,
        );
      await expect(copy('ACTIVE')).rejects.toThrow(/placements_one_current_per_worker/);
      await expect(copy('PLANNED')).rejects.toThrow(/placements_one_current_per_worker/);
      await expect(prisma.$executeRawUnsafe(`UPDATE placements SET status = 'CANCELLED', end_date = start_date WHERE id = $1::uuid`, p.id)).rejects.toThrow(
        /placements_end_date_status_check/,
      );
      await expect(prisma.$executeRawUnsafe(`UPDATE placements SET status = 'ENDED' WHERE id = $1::uuid`, p.id)).rejects.toThrow(
        /placements_end_date_status_check/,
      );
      await expect(prisma.$executeRawUnsafe(`UPDATE placements SET end_date = start_date + 10 WHERE id = $1::uuid`, p.id)).rejects.toThrow(
        /placements_end_date_status_check/,
      );
      expect(await placement(p.id)).toMatchObject({ status: 'PLANNED', endDate: null });
    });
  });

  it('the worker process (WorkerModule) runs the placements processor', async () => {
    const config = { ...t.config, redis: { ...t.config.redis, prefix: `${t.config.redis.prefix}w` } };
    configureQueueBackend(config);
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    try {
      expect(app.get(PlacementsProcessor, { strict: false })).toBeInstanceOf(PlacementsProcessor);
      expect(app.get(WorkersService, { strict: false })).toBeDefined();
    } finally {
      await app.close();
    }
  });
});
