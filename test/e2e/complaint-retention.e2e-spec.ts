import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { ComplaintJobs } from '../../src/complaints/complaint-jobs.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { JobName, QueueName } from '../../src/infra/queue/jobs';
import { FileStorage } from '../../src/infra/storage/file-storage';
import { createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 7)]);
const NARRATIVE = 'The brigadier keeps our passports in his car and says we owe him for the tickets.';
const NOTE = 'Called the worker back; he is afraid to speak at the hostel.';

/**
 * Retention (issue 18, item 10): closed complaints keep their content `retentionDays` (the policy)
 * after closure, then the nightly job destroys it and keeps the row as anonymous statistics.
 */
describe('complaint retention', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let storage: FileStorage;
  let worker: { id: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const post = (path: string, body: object) => request(t.http).post(`/api/v1${path}`).set(as(Role.ADMIN)).send(body);
  const clockAt = (iso: string) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(iso));
  const runJob = () => t.app.get(ComplaintJobs).destroyExpired();
  const row = async (id: string) => {
    const [r] = await prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT narrative_enc, subject_name_enc, place_enc, contact_enc, access_code_hash, close_reason, worker_id, placement_id, assigned_to_id,
        created_by_id, employer_id, worker_citizenship, category::text, severity::text, against::text, status::text, finding::text,
        received_at, closed_at, destroyed_at
      FROM complaints WHERE id = ${id}::uuid`;
    return r;
  };
  const summary = async () => {
    const res = await request(t.http).get('/api/v1/reports/complaint-summary?year=2026&groupBy=citizenship').set(as(Role.ADMIN)).expect(200);
    return { overall: res.body.overall, rows: res.body.rows };
  };

  let closed: string;
  let reopened: string;
  let open: string;
  let evidenceKey: string;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    storage = t.app.get(FileStorage);
    worker = await createWorker(t, { citizenship: 'TJ' });

    clockAt('2026-01-10T08:00:00Z');
    const complaint = async () =>
      (
        await post('/complaints', {
          category: 'DOCUMENT_CONFISCATION',
          against: 'EMPLOYER',
          channel: 'IN_PERSON',
          narrative: NARRATIVE,
          workerId: worker.id,
          employerId: ctx.employer.id,
          assignedToId: ctx.users.STAFF.id,
          confidential: true,
        }).expect(201)
      ).body.id as string;
    closed = await complaint();
    reopened = await complaint();
    open = await complaint();
    for (const id of [closed, reopened, open]) await post(`/complaints/${id}/notes`, { text: NOTE }).expect(201);
    await post(`/complaints/${closed}/consents`, {
      recipientKind: 'LABOUR_INSPECTORATE',
      purpose: 'Inspection of the confiscation',
      scope: ['CATEGORY', 'NARRATIVE', 'WORKER_IDENTITY'],
      givenBy: 'Рахимов Далер, in person',
      givenAt: '2026-01-10T07:00:00Z',
      method: 'SIGNED_FORM',
    }).expect(201);
    const referred = await post(`/complaints/${closed}/referrals`, {
      recipientKind: 'LABOUR_INSPECTORATE',
      recipientName: 'Гострудинспекция в Омской области',
      shares: ['CATEGORY', 'NARRATIVE', 'WORKER_IDENTITY'],
    }).expect(201);
    expect(referred.body.referrals[0].letter).toContain('passports');
    // evidence: stored through FileStorage as the evidence routes store it
    evidenceKey = `complaints/${closed}/evidence/scan-of-receipt.pdf`;
    const stored = await storage.put(evidenceKey, PDF, { maxBytes: 1_000_000 });
    await prisma.complaintEvidence.create({
      data: {
        complaintId: closed,
        name: 'Rahimov passport receipt.pdf',
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: evidenceKey,
        createdAt: new Date('2026-01-10T08:00:00Z'),
      },
    });

    clockAt('2026-02-01T10:00:00Z');
    await post(`/complaints/${reopened}/transitions`, { to: 'TRIAGED' }).expect(200); // the other one was REFERRED
    for (const id of [closed, reopened]) {
      await post(`/complaints/${id}/transitions`, { to: 'INVESTIGATING' }).expect(200);
      await post(`/complaints/${id}/transitions`, {
        to: 'RESOLVED',
        reason: 'The employer returned the passports to Rahimov',
        finding: 'SUBSTANTIATED',
      }).expect(200);
    }
    clockAt('2026-03-01T10:00:00Z');
    await post(`/complaints/${reopened}/transitions`, { to: 'REOPENED', reason: 'He says the passport was taken again' }).expect(200);
    jest.restoreAllMocks();
  }, 120_000);
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  it('schedules the daily retention scan on the complaints queue', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Complaints));
    const scheduler = await queue.getJobScheduler('complaint-retention-scan');
    expect(scheduler).toMatchObject({ name: JobName.ComplaintRetentionScan, every: 24 * 3_600_000 });
  });

  it('closing destroys nothing, and before the period ends nothing is destroyed', async () => {
    // closed 2026-02-01 10:00; 1825 days later is 2031-01-31 10:00
    clockAt('2031-01-31T09:59:59Z');
    expect(await runJob()).toBe(0);
    const r = await row(closed);
    expect(r).toMatchObject({ destroyed_at: null, worker_id: worker.id, status: 'RESOLVED' });
    expect(r.narrative_enc).not.toBeNull();
    expect(await storage.exists(evidenceKey)).toBe(true);
    const read = await request(t.http).get(`/api/v1/complaints/${closed}`).set(as(Role.ADMIN)).expect(200);
    expect(read.body).toMatchObject({ narrative: NARRATIVE, destroyedAt: null });
  });

  it('after the period the content is destroyed, the row kept as anonymous statistics, and the destruction audited', async () => {
    const before = await summary();
    clockAt('2031-01-31T10:00:01Z');
    expect(await runJob()).toBe(1);

    const r = await row(closed);
    expect(r).toMatchObject({
      narrative_enc: null,
      subject_name_enc: null,
      place_enc: null,
      contact_enc: null,
      access_code_hash: null,
      close_reason: null,
      worker_id: null,
      placement_id: null,
      assigned_to_id: null,
      created_by_id: null,
      // kept for statistics and the employer-risk figure
      employer_id: ctx.employer.id,
      worker_citizenship: 'TJ',
      category: 'DOCUMENT_CONFISCATION',
      severity: 'CRITICAL',
      against: 'EMPLOYER',
      status: 'RESOLVED',
      finding: 'SUBSTANTIATED',
    });
    expect(r.destroyed_at).toEqual(new Date('2031-01-31T10:00:01Z'));
    expect(r.received_at).toEqual(new Date('2026-01-10T08:00:00Z'));
    expect(r.closed_at).toEqual(new Date('2026-02-01T10:00:00Z'));

    const notes = await prisma.$queryRaw<{ text_enc: string | null }[]>`SELECT text_enc FROM complaint_notes WHERE complaint_id = ${closed}::uuid`;
    expect(notes).toEqual([{ text_enc: null }]);
    const letters = await prisma.$queryRaw<{ letter_enc: string | null }[]>`SELECT letter_enc FROM complaint_referrals WHERE complaint_id = ${closed}::uuid`;
    expect(letters).toEqual([{ letter_enc: null }]);
    const consents = await prisma.$queryRaw<
      { given_by: string; purpose: string }[]
    >`SELECT given_by, purpose FROM complaint_consents WHERE complaint_id = ${closed}::uuid`;
    expect(consents).toEqual([{ given_by: '', purpose: '' }]);
    const reasons = await prisma.$queryRaw<{ reason: string | null }[]>`SELECT reason FROM complaint_transitions WHERE complaint_id = ${closed}::uuid`;
    expect(reasons.every((x) => x.reason === null)).toBe(true);
    const [evidence] = await prisma.$queryRaw<{ storage_key: string | null; name: string; destroyed_at: Date | null }[]>`
      SELECT storage_key, name, destroyed_at FROM complaint_evidence WHERE complaint_id = ${closed}::uuid`;
    expect(evidence.storage_key).toBeNull();
    expect(evidence.name).not.toContain('Rahimov');
    expect(evidence.destroyed_at).toEqual(new Date('2031-01-31T10:00:01Z'));
    expect(await storage.exists(evidenceKey)).toBe(false);

    // one CHANGE event, by the job, with counts and no content
    const events = await prisma.auditEvent.findMany({ where: { entityType: 'complaint', entityId: closed, action: 'complaint.destroy' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'CHANGE', actorId: null, requestId: 'job:complaints.retention' });
    expect(events[0].changes).toMatchObject({ retentionDays: 1825, notes: 1, letters: 1, evidence: 1, closedAt: '2026-02-01T10:00:00.000Z' });
    const logged = JSON.stringify(events[0].changes);
    for (const secret of ['passports', 'afraid', 'Rahimov', 'Рахимов', worker.id]) expect(logged).not.toContain(secret);

    // the statistics do not move: the worker's citizenship is kept for the citizenship grouping
    expect(await summary()).toEqual(before);

    // the API shows what is left
    const read = await request(t.http).get(`/api/v1/complaints/${closed}`).set(as(Role.ADMIN)).expect(200);
    expect(read.body).toMatchObject({
      destroyedAt: '2031-01-31T10:00:01.000Z',
      narrative: null,
      workerId: null,
      assignedToId: null,
      status: 'RESOLVED',
      finding: 'SUBSTANTIATED',
    });
    expect(read.body.notes.map((n: { text: string | null }) => n.text)).toEqual([null]);
    expect(read.body.referrals[0].letter).toBeNull();
    expect(read.body.evidence[0].destroyedAt).toBe('2031-01-31T10:00:01.000Z');
  });

  it('leaves the reopened and the open complaint, and a second run destroys nothing more', async () => {
    clockAt('2031-06-01T00:00:00Z');
    expect(await runJob()).toBe(0);
    for (const id of [reopened, open]) {
      const r = await row(id);
      expect(r.destroyed_at).toBeNull();
      expect(r.narrative_enc).not.toBeNull();
      expect(r.worker_id).toBe(worker.id);
    }
    expect(await prisma.auditEvent.count({ where: { action: 'complaint.destroy' } })).toBe(1);
  });

  it('follows the policy: a shorter period destroys the reopened complaint once it is closed again', async () => {
    clockAt('2031-06-01T00:00:00Z');
    await post(`/complaints/${reopened}/transitions`, { to: 'DISMISSED', reason: 'The worker withdrew the complaint' }).expect(200);
    const policy = await request(t.http).get('/api/v1/reference/complaint-policy').set(as(Role.ADMIN)).expect(200);
    const { version: _v, ...values } = policy.body as Record<string, number>;
    await request(t.http)
      .put('/api/v1/reference/complaint-policy')
      .set(as(Role.ADMIN))
      .set('If-Match', `"${policy.body.version}"`)
      .send({ ...values, retentionDays: 30 })
      .expect(200);
    clockAt('2031-07-01T00:00:00Z');
    expect(await runJob()).toBe(0); // exactly 30 days: not yet
    clockAt('2031-07-01T00:00:01Z');
    expect(await runJob()).toBe(1);
    expect((await row(reopened)).destroyed_at).not.toBeNull();
    expect((await row(open)).destroyed_at).toBeNull();
  });
});
