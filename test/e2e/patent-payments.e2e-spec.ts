import { Client } from 'pg';
import request from 'supertest';
import { someoneWaitsForALock } from '../support/locks';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => iso(new Date(Date.now() + n * 86_400_000));
/** The same day n months later, clamped to the month's end (as the law counts months). */
function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}
const dayBefore = (day: string) => iso(new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000));

describe('patent payments: one count per receipt, corrections by reversal (issue 16)', () => {
  let t: TestApp;
  let prisma: PrismaService;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const issued = daysFromNow(-40);

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    prisma = t.app.get(PrismaService);
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  async function patentHolder() {
    const w = await createWorker(t, { citizenship: 'UZ' });
    const patent = await request(t.http)
      .post(`/api/v1/workers/${w.id}/documents`)
      .set(as(Role.STAFF))
      .send({ type: 'PATENT', number: '55 3300001', issuedOn: issued, expiresOn: daysFromNow(320), issuer: 'УВМ УМВД России по Омской области' })
      .expect(201);
    return { workerId: w.id, patentId: patent.body.id as string, caseNumber: w.caseNumber };
  }
  const pay = (workerId: string, body: object) => request(t.http).post(`/api/v1/workers/${workerId}/patent-payments`).set(as(Role.STAFF)).send(body);
  const reverse = (workerId: string, paymentId: string, body: object = { reason: 'entered twice by mistake' }, role = Role.STAFF) =>
    request(t.http).post(`/api/v1/workers/${workerId}/patent-payments/${paymentId}/reversal`).set(as(role)).send(body);
  const ledger = async (workerId: string) => (await request(t.http).get(`/api/v1/workers/${workerId}/patent-payments`).set(as(Role.STAFF)).expect(200)).body;

  it('the same receipt number twice is 409 PAYMENT_DUPLICATE and the paid-up date does not move', async () => {
    const { workerId } = await patentHolder();
    const first = await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000, receiptNumber: ' 0012-3456 ' }).expect(201);
    expect(first.body).toMatchObject({ receiptNumber: '0012-3456', paidUntil: dayBefore(addMonths(issued, 1)) });
    const again = await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000, receiptNumber: '0012-3456' }).expect(409);
    expect(again.body).toMatchObject({ code: 'PAYMENT_DUPLICATE', paymentId: first.body.id });
    expect(again.body.detail).not.toMatch(/force/);
    const book = await ledger(workerId);
    expect(book.items).toHaveLength(1);
    expect(book.paidUntil).toBe(dayBefore(addMonths(issued, 1)));
    // another worker may hold the same receipt number (unique per worker), and a payment without one is not compared
    const other = await patentHolder();
    await pay(other.workerId, { paidOn: issued, months: 1, amountRub: 9000, receiptNumber: '0012-3456' }).expect(201);
    await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000 }).expect(201);
    await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000 }).expect(201);
  });

  it('the same receipt posted at the same moment is counted once', async () => {
    const { workerId } = await patentHolder();
    const body = { paidOn: issued, months: 2, amountRub: 18000, receiptNumber: 'R-RACE-1' };
    const results = await Promise.all([pay(workerId, body), pay(workerId, body), pay(workerId, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const taken = results.find((r) => r.status === 201)!.body.id;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'PAYMENT_DUPLICATE', paymentId: taken });
    expect((await ledger(workerId)).paidUntil).toBe(dayBefore(addMonths(issued, 2)));
  });

  it('a twin committed while the check could not see it: the index refuses the insert, answered as the same 409', async () => {
    const { workerId, patentId } = await patentHolder();
    const other = new Client({ connectionString: t.config.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      const { rows } = await other.query<{ id: string }>(
        `INSERT INTO patent_payments (id, worker_id, document_id, paid_on, months, amount_rub, receipt_number)
         VALUES (gen_random_uuid(), $1::uuid, $2::uuid, CURRENT_DATE, 1, 9000, 'R-TWIN') RETURNING id`,
        [workerId, patentId],
      );
      const pending = pay(workerId, { paidOn: issued, months: 1, amountRub: 9000, receiptNumber: 'R-TWIN' }).then((r) => r);
      await someoneWaitsForALock(t, other);
      await other.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'PAYMENT_DUPLICATE', paymentId: rows[0].id });
    } finally {
      await other.end();
    }
  });

  it('the database itself refuses a receipt number twice for one worker while the first is in force (inserted through SQL)', async () => {
    const { workerId, patentId } = await patentHolder();
    const insert = (receipt: string, reversed = false) =>
      prisma.$executeRawUnsafe(
        `INSERT INTO patent_payments (id, worker_id, document_id, paid_on, months, amount_rub, receipt_number, reversed_at)
         VALUES (gen_random_uuid(), $1::uuid, $2::uuid, CURRENT_DATE, 1, 9000, $3, ${reversed ? 'now()' : 'NULL'})`,
        workerId,
        patentId,
        receipt,
      );
    await insert('SQL-1');
    await expect(insert('SQL-1')).rejects.toThrow(/patent_payments_receipt_per_worker/);
    await insert('SQL-1', true); // a reversed payment keeps its number
    await expect(
      prisma.$executeRawUnsafe(
        `UPDATE patent_payments SET reversed_by_id = $1::uuid, reversed_at = NULL WHERE worker_id = $2::uuid`,
        ctx.users.STAFF.id,
        workerId,
      ),
    ).rejects.toThrow(/patent_payments_reversed_by_when/);
  });

  it('a reversal takes the payment out of the count, keeps it in the ledger, is audited, and cannot be done twice', async () => {
    const { workerId, patentId } = await patentHolder();
    const a = await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000, receiptNumber: 'R-1' }).expect(201);
    const b = await pay(workerId, { paidOn: daysFromNow(-1), months: 3, amountRub: 27000, receiptNumber: 'R-2' }).expect(201);
    expect(b.body.paidUntil).toBe(dayBefore(addMonths(issued, 4)));

    const reversed = await reverse(workerId, b.body.id, { reason: '  wrong months: the receipt says one  ' }).expect(200);
    expect(reversed.body).toMatchObject({
      id: b.body.id,
      reversedById: ctx.users.STAFF.id,
      reversalReason: 'wrong months: the receipt says one',
      paidUntil: dayBefore(addMonths(issued, 1)),
    });
    expect(reversed.body.reversedAt).toEqual(expect.any(String));
    const book = await ledger(workerId);
    expect(book.paidUntil).toBe(dayBefore(addMonths(issued, 1)));
    expect(book.items.map((p: { id: string; reversedAt: string | null }) => [p.id, p.reversedAt !== null])).toEqual([
      [a.body.id, false],
      [b.body.id, true],
    ]);
    const dossier = await prisma.workerDocument.findUniqueOrThrow({ where: { id: patentId } });
    expect(iso(dossier.paidUntil!)).toBe(dayBefore(addMonths(issued, 1)));

    const twice = await reverse(workerId, b.body.id).expect(409);
    expect(twice.body.code).toBe('PAYMENT_ALREADY_REVERSED');
    // the corrected payment may now be recorded under the same receipt
    const corrected = await pay(workerId, { paidOn: daysFromNow(-1), months: 1, amountRub: 9000, receiptNumber: 'R-2' }).expect(201);
    expect(corrected.body.paidUntil).toBe(dayBefore(addMonths(issued, 2)));
    // reversing every payment leaves nothing paid
    await reverse(workerId, a.body.id).expect(200);
    expect((await reverse(workerId, corrected.body.id).expect(200)).body.paidUntil).toBeNull();
    expect((await ledger(workerId)).paidUntil).toBeNull();
    expect(await prisma.patentPayment.count({ where: { workerId } })).toBe(3); // never deleted

    const audit = await prisma.auditEvent.findMany({ where: { entityId: workerId, action: 'patent-payment.reverse' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.actorId)).toEqual([ctx.users.STAFF.id, ctx.users.STAFF.id, ctx.users.STAFF.id]);
    expect(audit[0].changes).toMatchObject({ paymentId: b.body.id, reason: 'wrong months: the receipt says one', months: 3 });
  });

  it('a reversal needs a reason; an unknown payment, or one of another worker, is 404; liaison officers and employers are refused', async () => {
    const { workerId } = await patentHolder();
    const other = await patentHolder();
    const p = await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000 }).expect(201);
    await reverse(workerId, p.body.id, {}).expect(400);
    await reverse(workerId, p.body.id, { reason: '' }).expect(400);
    expect((await reverse(workerId, '7d0f0b5e-7b5e-4a8e-9d0e-000000000000').expect(404)).body.code).toBe('PAYMENT_NOT_FOUND');
    await reverse(workerId, 'not-a-uuid').expect(404);
    expect((await reverse(other.workerId, p.body.id).expect(404)).body.code).toBe('PAYMENT_NOT_FOUND');
    await reverse(workerId, p.body.id, undefined, Role.LIAISON).expect(403);
    await reverse(workerId, p.body.id, undefined, Role.EMPLOYER).expect(403);
    expect((await ledger(workerId)).items[0].reversedAt).toBeNull();
  });

  it('an erasure forgets the reason of a reversal along with the receipt numbers', async () => {
    const { workerId, caseNumber } = await patentHolder();
    const p = await pay(workerId, { paidOn: issued, months: 1, amountRub: 9000, receiptNumber: 'R-ERASE' }).expect(201);
    await reverse(workerId, p.body.id, { reason: 'paid by Akhmedov Farrukh, not by this worker' }).expect(200);
    await request(t.http).post(`/api/v1/workers/${workerId}/erasure`).set(as(Role.ADMIN)).send({ confirmCaseNumber: caseNumber }).expect(200);
    const row = await prisma.patentPayment.findUniqueOrThrow({ where: { id: p.body.id } });
    expect(row).toMatchObject({ receiptNumber: null, reversalReason: null, reversedById: ctx.users.STAFF.id });
    expect(row.reversedAt).toBeInstanceOf(Date);
  });
});
