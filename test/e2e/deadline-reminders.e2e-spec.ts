import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { DeadlinesService } from '../../src/deadlines/deadlines.service';
import { NoticeSender } from '../../src/deadlines/notice-sender';
import { RemindersService } from '../../src/deadlines/reminders.service';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { JobName, QueueName } from '../../src/infra/queue/jobs';
import { MailService } from '../../src/infra/mail/mail.service';
import { createRoleUsers, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';
import { eventually, recipientOf, startSmtp } from '../support/smtp';

describe('deadline reminders (daily scan, e-mail through the outbox, notices)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let worker: { id: string; caseNumber: string };
  const travelTo = (day: string) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${day}T03:00:00Z`));
  const to = recipientOf;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    ctx = await createRoleUsers(t);
    travelTo('2026-03-06');
    worker = await createWorker(t, { citizenship: 'UZ', languages: ['uz', 'ru'], arrivalDate: '2026-03-05', caseworkerId: ctx.users.STAFF.id });
    await t.app.get(PrismaService).$transaction((tx) => t.app.get(DeadlinesService).recompute(tx, worker.id, systemActor().id));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('seven days before the registration is due, the caseworker gets one notification and one e-mail, once', async () => {
    travelTo('2026-03-10');
    const scan = t.app.get(RemindersService);
    expect(await scan.scan('2026-03-10')).toEqual({ missed: 0, escalated: 0, reminded: 1 });
    expect(await scan.scan('2026-03-10')).toEqual({ missed: 0, escalated: 0, reminded: 0 });
    const mails = await eventually(
      () => smtp.received.filter((m) => to(m) === ctx.users.STAFF.email),
      (m) => m.length >= 1,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`Срок через 7 дней: миграционный учёт — ${worker.caseNumber}`);
    expect(mails[0].text).toContain('17 марта 2026 г.');
    expect(mails[0].messageId).toMatch(/^<deadline-.+-7-.+@omsk-centre>$/);
    const inbox = await request(t.http).get('/api/v1/notifications').set('Authorization', `Bearer ${ctx.tokens.STAFF}`).expect(200);
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'DEADLINE_REMINDER')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1500)); // nothing else arrives
    expect(smtp.received.filter((m) => to(m) === ctx.users.STAFF.email)).toHaveLength(1);
  });

  it('through the queue: a scan job runs the same scan; a second job of the day sends nothing more', async () => {
    travelTo('2026-03-14');
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Deadlines), { strict: false });
    await queue.add(JobName.DeadlineScan, { day: '2026-03-14' });
    await queue.add(JobName.DeadlineScan, { day: '2026-03-14' });
    // 3 days before 17 March: the 3-day reminder (the 7-day one went already)
    const mails = await eventually(
      () => smtp.received.filter((m) => to(m) === ctx.users.STAFF.email),
      (m) => m.length >= 2,
    );
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('через 7 дней'), expect.stringContaining('через 3 дня')]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => to(m) === ctx.users.STAFF.email)).toHaveLength(2);
    expect(await t.app.get(PrismaService).deadlineScanRun.findUnique({ where: { day: new Date('2026-03-14') } })).toMatchObject({
      finishedAt: expect.any(Date),
    });
  });

  it('after the due date the deadline is MISSED and the administrators are told once; an English-speaking administrator in English', async () => {
    await t.app.get(PrismaService).user.update({ where: { id: ctx.users.ADMIN.id }, data: { language: 'en' } });
    travelTo('2026-03-18');
    const result = await t.app.get(RemindersService).scan('2026-03-18');
    expect(result).toMatchObject({ missed: 1, escalated: 1 });
    expect((await t.app.get(RemindersService).scan('2026-03-18'))?.escalated).toBe(0);
    const admin = await eventually(
      () => smtp.received.filter((m) => to(m) === ctx.users.ADMIN.email),
      (m) => m.length >= 1,
    );
    expect(admin).toHaveLength(1);
    expect(admin[0].subject).toBe(`Missed: migration registration — ${worker.caseNumber}`);
    const list = await request(t.http).get(`/api/v1/workers/${worker.id}/deadlines`).set('Authorization', `Bearer ${ctx.tokens.STAFF}`).expect(200);
    expect(list.body.items.find((d: { kind: string }) => d.kind === 'MIGRATION_REGISTRATION').status).toBe('MISSED');
  });

  it('keeps a notice of each of the worker’s obligations in their language (Uzbek, Latin script)', async () => {
    const res = await request(t.http).get(`/api/v1/workers/${worker.id}/notices`).set('Authorization', `Bearer ${ctx.tokens.STAFF}`).expect(200);
    const reg = res.body.items.find((n: { kind: string }) => n.kind === 'MIGRATION_REGISTRATION');
    expect(reg).toMatchObject({ language: 'uz', dueDate: '2026-03-17', title: 'Migratsiya hisobiga turish (kelganlik haqida xabarnoma): 17-mart, 2026' });
    expect(reg.body).toContain(worker.caseNumber);
    await request(t.http).get(`/api/v1/workers/${worker.id}/notices`).set('Authorization', `Bearer ${ctx.tokens.EMPLOYER}`).expect(403);
  });

  it('a scan that fails in the middle of a batch loses and duplicates nothing when it runs again', async () => {
    travelTo('2026-03-25'); // 10 days before 4 April: the 14-day reminders of the medical exam and the patent application
    // the batch's claims and notifications are written, then its e-mails fail: the whole batch rolls back
    const spy = jest.spyOn(t.app.get(MailService), 'queueMany').mockImplementationOnce(() => Promise.reject(new Error('the process died here')));
    await expect(t.app.get(RemindersService).scan('2026-03-25')).rejects.toThrow('the process died here');
    spy.mockRestore();
    const before = smtp.received.filter((m) => to(m) === ctx.users.STAFF.email).length;
    expect(await t.app.get(RemindersService).scan('2026-03-25')).toMatchObject({ reminded: 2 });
    const mails = await eventually(
      () => smtp.received.filter((m) => to(m) === ctx.users.STAFF.email),
      (m) => m.length >= before + 2,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.filter((m) => to(m) === ctx.users.STAFF.email)).toHaveLength(before + 2);
    expect(
      mails
        .slice(before)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([`Срок через 10 дней: заявление на патент — ${worker.caseNumber}`, `Срок через 10 дней: медицинское освидетельствование — ${worker.caseNumber}`]);
    const reminders = await t.app.get(PrismaService).deadlineReminder.count({ where: { remindOn: new Date('2026-03-25') } });
    expect(reminders).toBe(2);
  });

  it('hands each new notice to the notice sender once, through the outbox (the default sender only logs)', async () => {
    const prisma = t.app.get(PrismaService);
    const sent = await eventually(
      () => prisma.workerNotice.findMany({ where: { workerId: worker.id } }),
      (ns) => ns.length > 0 && ns.every((n) => n.sentAt !== null),
    );
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.every((n) => n.sentAt !== null)).toBe(true);
    const send = jest.spyOn(t.app.get(NoticeSender), 'send');
    await prisma.$transaction((tx) => t.app.get(DeadlinesService).recompute(tx, worker.id, null));
    await new Promise((r) => setTimeout(r, 1500));
    expect(send).not.toHaveBeenCalled();
    send.mockRestore();
  });

  it('when a due date moves, the worker’s notice is rewritten with the new date and sent again, once', async () => {
    const prisma = t.app.get(PrismaService);
    const moved = await createWorker(t, { citizenship: 'UZ', languages: ['ru'], arrivalDate: '2026-03-24', caseworkerId: ctx.users.STAFF.id });
    const notices = () => prisma.workerNotice.findMany({ where: { workerId: moved.id }, include: { deadline: { select: { kind: true } } } });
    const registrationOf = (ns: Awaited<ReturnType<typeof notices>>) => ns.find((n) => n.deadline.kind === 'MIGRATION_REGISTRATION')!;
    const patch = (version: number, body: object) =>
      request(t.http)
        .patch(`/api/v1/workers/${moved.id}`)
        .set('Authorization', `Bearer ${ctx.tokens.STAFF}`)
        .set('If-Match', `"${version}"`)
        .send(body)
        .expect(200);
    const first = await eventually(notices, (ns) => ns.length > 0 && ns.every((n) => n.sentAt !== null));
    expect(registrationOf(first).title).toContain('2 апреля 2026 г.'); // 7 working days after 24 March
    const send = jest.spyOn(t.app.get(NoticeSender), 'send');

    // the arrival date corrected: the obligations dated from it are new ones, each with a new notice, sent
    await patch(1, { arrivalDate: '2026-03-23' });
    const corrected = await eventually(notices, (ns) => ns.every((n) => n.sentAt !== null) && send.mock.calls.length >= 3);
    expect(registrationOf(corrected).title).toContain('1 апреля 2026 г.');
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ id: registrationOf(corrected).id, title: registrationOf(corrected).title }));
    send.mockClear();

    // the citizenship corrected (Tajikistan: 15 days, not 7 working days): the same obligation, its date moved
    await patch(2, { citizenship: 'TJ' });
    const after = await eventually(notices, (ns) => ns.every((n) => n.sentAt !== null) && send.mock.calls.length >= 1);
    await new Promise((r) => setTimeout(r, 1500)); // and nothing more
    const reg = registrationOf(after);
    expect(reg.id).toBe(registrationOf(corrected).id);
    expect(reg.title).toContain('7 апреля 2026 г.');
    expect(reg.body).toContain('7 апреля 2026 г.');
    expect(after).toHaveLength(corrected.length);
    // only the notice whose date moved, once, with its new text
    expect(send.mock.calls.map(([n]) => n.id)).toEqual([reg.id]);
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ id: reg.id, title: reg.title, body: reg.body }));
    send.mockRestore();
  });

  it('old records get their deadlines at start; what they already missed is listed, not escalated one e-mail each', async () => {
    const prisma = t.app.get(PrismaService);
    const old = await createWorker(t, { citizenship: 'UZ', arrivalDate: '2026-01-20', caseworkerId: ctx.users.STAFF.id });
    await prisma.deadline.deleteMany({ where: { workerId: old.id } }); // as before the deadline engine existed
    travelTo('2026-03-30');
    expect(await t.app.get(DeadlinesService).backfill()).toBeGreaterThanOrEqual(1);
    const missed = await prisma.deadline.findMany({ where: { workerId: old.id, status: 'MISSED' } });
    expect(missed.map((d) => d.kind).sort()).toEqual(['MEDICAL_EXAM', 'MIGRATION_REGISTRATION', 'PATENT_APPLICATION']);
    const admins = () => smtp.received.filter((m) => to(m) === ctx.users.ADMIN.email && (m.subject ?? '').includes(old.caseNumber)).length;
    expect((await t.app.get(RemindersService).scan('2026-03-30'))?.escalated).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(admins()).toBe(0);
  });

  it('reminder lead times are reference data an administrator sets', async () => {
    const auth = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
    const list = await request(t.http).get('/api/v1/reference/reminder-leads').set(auth(Role.EMPLOYER)).expect(200);
    expect(list.body).toContainEqual({ kind: 'PATENT_PAYMENT', days: [14, 7, 3, 1, 0] });
    const put = await request(t.http)
      .put('/api/v1/reference/reminder-leads/PATENT_PAYMENT')
      .set(auth(Role.ADMIN))
      .send({ days: [0, 10, 5] })
      .expect(200);
    expect(put.body).toEqual({ kind: 'PATENT_PAYMENT', days: [10, 5, 0] });
    await request(t.http)
      .put('/api/v1/reference/reminder-leads/PATENT_PAYMENT')
      .set(auth(Role.ADMIN))
      .send({ days: [3, 3] })
      .expect(400);
    await request(t.http)
      .put('/api/v1/reference/reminder-leads/VISA')
      .set(auth(Role.ADMIN))
      .send({ days: [3] })
      .expect(400);
    await request(t.http)
      .put('/api/v1/reference/reminder-leads/PATENT_PAYMENT')
      .set(auth(Role.STAFF))
      .send({ days: [3] })
      .expect(403);
  });
});

describe('without SMTP_URL, each e-mail is written as an .eml file under DATA_DIR/mail', () => {
  let t: TestApp;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-data-'));
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the reminder it would have sent', async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', DATA_DIR: dataDir });
    const ctx = await createRoleUsers(t);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-03-16T03:00:00Z'));
    const w = await createWorker(t, { citizenship: 'KG', arrivalDate: '2026-03-05', caseworkerId: ctx.users.STAFF.id });
    await t.app.get(PrismaService).$transaction((tx) => t.app.get(DeadlinesService).recompute(tx, w.id, null));
    await t.app.get(RemindersService).scan('2026-03-22'); // 30 days after 5 March is 4 April: 14 days ahead
    const files = await eventually(
      () => (fs.existsSync(path.join(dataDir, 'mail')) ? fs.readdirSync(path.join(dataDir, 'mail')).filter((f) => f.endsWith('.eml')) : []),
      (f) => f.length > 0,
    );
    expect(files.length).toBeGreaterThan(0);
    const eml = await simpleParser(fs.readFileSync(path.join(dataDir, 'mail', files[0])));
    expect(eml.subject).toMatch(/^Срок через 13 дней|^Срок через 14 дней/);
  });
});

describe('e-mail in batches through the outbox', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp({ refuseOnce: ['batch-7@example.org'] });
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('120 mails queued together go as three jobs; a recipient refused once fails its batch, which is retried without sending the others twice', async () => {
    const prisma = t.app.get(PrismaService);
    const mails = Array.from({ length: 120 }, (_, i) => ({
      userId: null,
      toAddress: `batch-${i}@example.org`,
      subject: `batch ${i}`,
      text: 'x',
      messageId: `<batch-${i}-${Date.now()}@omsk-centre>`,
    }));
    await prisma.$transaction((tx) => t.app.get(MailService).queueMany(tx, mails));
    const ids = new Set((await prisma.outgoingMail.findMany({ where: { toAddress: { startsWith: 'batch-' } }, select: { id: true } })).map((m) => m.id));
    const jobs = (await prisma.outboxMessage.findMany({ where: { jobName: JobName.SendMail } }))
      .map((j) => (j.payload as { mailIds?: string[] }).mailIds ?? [])
      .filter((m) => m.some((id) => ids.has(id)));
    expect(jobs.map((m) => m.length).sort((x, y) => x - y)).toEqual([20, 50, 50]);
    const got = await eventually(
      () => smtp.received.filter((m) => /^batch \d+$/.test(m.subject ?? '')),
      (m) => m.length >= 120,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1000)); // nothing more arrives
    const subjects = smtp.received.map((m) => m.subject).filter((s) => /^batch \d+$/.test(s ?? ''));
    expect(smtp.refused).toEqual(['batch-7@example.org']);
    expect(got).toHaveLength(120);
    expect(new Set(subjects).size).toBe(120);
    expect(subjects).toHaveLength(120);
    expect(await prisma.outgoingMail.count({ where: { toAddress: { startsWith: 'batch-' }, sentAt: null } })).toBe(0);
  });

  it('a job queued before batches (one mailId) is still sent', async () => {
    const prisma = t.app.get(PrismaService);
    const messageId = `<single-${Date.now()}@omsk-centre>`;
    const mail = await prisma.outgoingMail.create({ data: { toAddress: 'single@example.org', subject: 'single', text: 'x', messageId } });
    await t.app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false }).add(JobName.SendMail, { mailId: mail.id } as never);
    await eventually(
      () => smtp.received.filter((m) => m.subject === 'single'),
      (m) => m.length === 1,
    );
    expect((await prisma.outgoingMail.findUniqueOrThrow({ where: { id: mail.id } })).sentAt).not.toBeNull();
  });
});
