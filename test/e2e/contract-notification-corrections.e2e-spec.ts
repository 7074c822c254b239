import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createEmployer, createRoleUsers } from '../factories/users';
import { readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const UNKNOWN = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';

/**
 * Issue 16, item 9: a wrong MVD notice is corrected by Centre staff with a reason; the history is
 * kept (previous values in an append-only corrections table, each correction audited) and the late
 * flag follows the corrected date.
 */
describe('POST /placements/:id/contract-notifications/:notificationId/corrections', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
  });
  afterAll(() => t?.close());

  /** A placement of `employerId` from Monday 4 May 2026 (CONCLUSION due Thursday 7 May), its notice recorded by the employer's user. */
  async function recordedNotice(notifiedOn: string, employerId = ctx.employer.id, reference: string | null = 'MVD-55-0001') {
    const r = await createApprovedRequest(t, employerId, { preferredCitizenships: ['KG'] });
    const w = await readyWorker(t, 'KG');
    const p = (
      await request(t.http).post('/api/v1/placements').set(as(Role.STAFF)).send({ labourRequestId: r.id, workerId: w.id, startDate: '2026-05-04' }).expect(201)
    ).body;
    const by = employerId === ctx.employer.id ? Role.EMPLOYER : Role.STAFF;
    const n = (
      await request(t.http)
        .post(`/api/v1/placements/${p.id}/contract-notifications`)
        .set(as(by))
        .send({ kind: 'CONCLUSION', notifiedOn, ...(reference ? { reference } : {}) })
        .expect(201)
    ).body;
    return { requestId: r.id as string, placementId: p.id as string, notificationId: n.id as string };
  }
  const correct = (n: { placementId: string; notificationId: string }, body: object, role = Role.STAFF) =>
    request(t.http).post(`/api/v1/placements/${n.placementId}/contract-notifications/${n.notificationId}/corrections`).set(as(role)).send(body);
  const row = (id: string) => prisma.contractNotification.findUniqueOrThrow({ where: { id } });

  it('staff correct a notice recorded with the wrong date: the late flag follows, the old values are kept, the change is audited', async () => {
    const n = await recordedNotice('2026-05-12'); // recorded late
    expect(await row(n.notificationId)).toMatchObject({ late: true });
    const reason = 'The MVD receipt shows 6 May: the date was typed wrong';
    const res = await correct(n, { notifiedOn: '2026-05-06', reason }).expect(201);
    expect(res.body).toMatchObject({
      id: n.notificationId,
      kind: 'CONCLUSION',
      notifiedOn: '2026-05-06',
      dueOn: '2026-05-07',
      late: false,
      reference: 'MVD-55-0001',
    });
    expect(res.body.corrections).toEqual([
      {
        sequence: 1,
        previousNotifiedOn: '2026-05-12',
        previousReference: 'MVD-55-0001',
        previousLate: true,
        notifiedOn: '2026-05-06',
        reference: 'MVD-55-0001',
        late: false,
        reason,
        correctedById: ctx.users.STAFF.id,
        createdAt: expect.any(String),
      },
    ]);
    expect(await row(n.notificationId)).toMatchObject({ late: false, notifiedOn: new Date('2026-05-06T00:00:00Z') });
    const audit = await prisma.auditEvent.findMany({ where: { entityId: n.notificationId, action: 'contract_notification.correct' } });
    expect(audit).toEqual([expect.objectContaining({ actorId: ctx.users.STAFF.id, entityType: 'contract_notification' })]);
    expect(audit[0].changes).toMatchObject({ from: { notifiedOn: '2026-05-12', late: true }, to: { notifiedOn: '2026-05-06', late: false }, reason });
  });

  it('corrects the reference alone, or removes it; the late flag follows a date moved past the deadline too; every step stays in the history', async () => {
    const n = await recordedNotice('2026-05-05');
    await correct(n, { reference: 'MVD-55-0002', reason: 'Wrong receipt number' }).expect(201);
    const late = await correct(n, { notifiedOn: '2026-05-11', reason: 'The notice went out on Monday, not Tuesday' }).expect(201);
    expect(late.body).toMatchObject({ notifiedOn: '2026-05-11', late: true, reference: 'MVD-55-0002' });
    const cleared = await correct(n, { reference: null, reason: 'That number belongs to another notice' }).expect(201);
    expect(cleared.body.reference).toBeNull();
    expect(cleared.body.corrections).toEqual([
      expect.objectContaining({
        sequence: 1,
        previousReference: 'MVD-55-0001',
        reference: 'MVD-55-0002',
        previousNotifiedOn: '2026-05-05',
        notifiedOn: '2026-05-05',
      }),
      expect.objectContaining({ sequence: 2, previousNotifiedOn: '2026-05-05', notifiedOn: '2026-05-11', previousLate: false, late: true }),
      expect.objectContaining({ sequence: 3, previousReference: 'MVD-55-0002', reference: null }),
    ]);
    const staffRead = await request(t.http).get(`/api/v1/placements/${n.placementId}`).set(as(Role.ADMIN)).expect(200);
    expect(staffRead.body.contractNotifications[0].corrections).toHaveLength(3);
  });

  it('the employer sees the corrected notice but not the corrections or their reasons', async () => {
    const n = await recordedNotice('2026-05-13');
    await correct(n, { notifiedOn: '2026-05-07', reason: 'Corrected after the complaint review' }).expect(201);
    const read = await request(t.http).get(`/api/v1/placements/${n.placementId}`).set(as(Role.EMPLOYER)).expect(200);
    expect(read.body.contractNotifications).toEqual([expect.objectContaining({ id: n.notificationId, notifiedOn: '2026-05-07', late: false })]);
    expect(read.body.contractNotifications[0]).not.toHaveProperty('corrections');
    expect(JSON.stringify(read.body)).not.toContain('complaint');
    const list = await request(t.http).get(`/api/v1/placements?labourRequestId=${n.requestId}`).set(as(Role.EMPLOYER)).expect(200);
    expect(list.body.items[0].contractNotifications[0]).not.toHaveProperty('corrections');
  });

  it("the employer's risk follows the corrected date", async () => {
    const employer = await createEmployer(t);
    const n = await recordedNotice('2026-05-14', employer.id);
    const risk = async () =>
      (await request(t.http).get(`/api/v1/labour-requests/${n.requestId}`).set(as(Role.STAFF)).expect(200)).body.review.employerRisk.lateContractNotifications;
    expect(await risk()).toBe(1);
    await correct(n, { notifiedOn: '2026-05-06', reason: 'Date typed wrong' }, Role.ADMIN).expect(201);
    expect(await risk()).toBe(0);
  });

  it('refuses a corrected date the rules refuse (422), a correction that changes nothing (422) and malformed bodies (400)', async () => {
    const n = await recordedNotice('2026-05-12');
    const before = await correct(n, { notifiedOn: '2026-05-01', reason: 'wrong' }).expect(422);
    expect(before.body).toMatchObject({ code: 'CONTRACT_NOTIFICATION_INVALID', errors: [{ field: 'notifiedOn', code: 'NOTICE_BEFORE_CONTRACT_DATE' }] });
    expect((await correct(n, { notifiedOn: '2999-01-01', reason: 'wrong' }).expect(422)).body.errors[0].code).toBe('NOTICE_IN_FUTURE');
    expect((await correct(n, { notifiedOn: '2026-05-12', reason: 'same date' }).expect(422)).body.code).toBe('CONTRACT_NOTIFICATION_UNCHANGED');
    expect((await correct(n, { reference: 'MVD-55-0001', reason: 'same number' }).expect(422)).body.code).toBe('CONTRACT_NOTIFICATION_UNCHANGED');
    expect((await correct(n, { reason: 'nothing given' }).expect(422)).body.code).toBe('CONTRACT_NOTIFICATION_UNCHANGED');
    await correct(n, { notifiedOn: '2026-05-06' }).expect(400);
    await correct(n, { notifiedOn: '2026-05-06', reason: 'x' }).expect(400);
    await correct(n, { notifiedOn: '06.05.2026', reason: 'format' }).expect(400);
    await correct(n, { notifiedOn: '2026-05-06', reason: 'extra field', kind: 'TERMINATION' }).expect(400);
    expect(await prisma.contractNotificationCorrection.count({ where: { notificationId: n.notificationId } })).toBe(0);
    expect(await row(n.notificationId)).toMatchObject({ late: true });
  });

  it('answers 404 for an unknown or foreign notice and 403 to the roles that may not correct', async () => {
    const n = await recordedNotice('2026-05-12');
    const other = await recordedNotice('2026-05-12');
    const body = { notifiedOn: '2026-05-06', reason: 'Date typed wrong' };
    const unknown = await correct({ placementId: n.placementId, notificationId: UNKNOWN }, body).expect(404);
    expect(unknown.body.code).toBe('CONTRACT_NOTIFICATION_NOT_FOUND');
    // a notice of another placement is not found under this one
    expect((await correct({ placementId: n.placementId, notificationId: other.notificationId }, body).expect(404)).body.code).toBe(
      'CONTRACT_NOTIFICATION_NOT_FOUND',
    );
    await correct({ placementId: n.placementId, notificationId: 'not-a-uuid' }, body).expect(404);
    expect((await correct({ placementId: UNKNOWN, notificationId: n.notificationId }, body).expect(404)).body.code).toBe('PLACEMENT_NOT_FOUND');
    for (const role of [Role.EMPLOYER, Role.LIAISON]) expect((await correct(n, body, role).expect(403)).body.code).toBe('FORBIDDEN');
    expect(await prisma.contractNotificationCorrection.count({ where: { notificationId: { in: [n.notificationId, other.notificationId] } } })).toBe(0);
    expect(await row(n.notificationId)).toMatchObject({ late: true });
  });

  describe('the database keeps the history', () => {
    it('refuses changing a notice without a correction row, and changing or deleting a correction', async () => {
      const n = await recordedNotice('2026-05-12');
      await correct(n, { notifiedOn: '2026-05-06', reason: 'Date typed wrong' }).expect(201);
      const exec = (sql: string) => prisma.$executeRawUnsafe(sql, n.notificationId);
      await expect(exec(`UPDATE contract_notifications SET notified_on = '2026-05-08' WHERE id = $1::uuid`)).rejects.toThrow(/correction row/);
      await expect(exec(`UPDATE contract_notifications SET reference = 'forged' WHERE id = $1::uuid`)).rejects.toThrow(/correction row/);
      await expect(exec(`UPDATE contract_notification_corrections SET reason = 'rewritten' WHERE notification_id = $1::uuid`)).rejects.toThrow(/append-only/);
      await expect(exec(`DELETE FROM contract_notification_corrections WHERE notification_id = $1::uuid`)).rejects.toThrow(/append-only/);
      // a correction that changes nothing, or without a reason, is refused by the table itself
      const insert = (fields: string) =>
        exec(`INSERT INTO contract_notification_corrections (id, notification_id, sequence, previous_notified_on, previous_reference,
                previous_late, notified_on, reference, late, reason, corrected_by_id)
              SELECT gen_random_uuid(), id, 2, notified_on, reference, late, ${fields}, '${ctx.users.STAFF.id}'
              FROM contract_notifications WHERE id = $1::uuid`);
      await expect(insert(`notified_on, reference, late, 'no change at all'`)).rejects.toThrow(/contract_notification_corrections_change_check/);
      await expect(insert(`notified_on + 1, reference, late, ''`)).rejects.toThrow(/contract_notification_corrections_reason_check/);
      await expect(
        exec(`INSERT INTO contract_notification_corrections (id, notification_id, sequence, previous_notified_on, previous_late,
                notified_on, late, reason, corrected_by_id)
              SELECT gen_random_uuid(), id, 1, notified_on, late, notified_on + 1, late, 'duplicate sequence', '${ctx.users.STAFF.id}'
              FROM contract_notifications WHERE id = $1::uuid`),
      ).rejects.toThrow(/notification_id_sequence/);
      expect(await row(n.notificationId)).toMatchObject({ notifiedOn: new Date('2026-05-06T00:00:00Z'), late: false });
      expect(await prisma.contractNotificationCorrection.count({ where: { notificationId: n.notificationId } })).toBe(1);
    });
  });
});
