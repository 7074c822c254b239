import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { REDACTED_PATHS } from '../../src/infra/logging';
import { createRoleUsers } from '../factories/users';
import { createTestApp, TestApp } from '../support/app';

/** Every line the app logs (LOG_LEVEL=debug), to show that no access code is ever written. */
class LogText extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

const CODE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;
const BODY = { category: 'UNPAID_WAGES', narrative: 'We have not been paid for two months at the site on Lenina street.', language: 'uz' };
let nextIp = 1;
/** A client address of its own for each use, so that each test's counters start at zero. */
const freshIp = () => `198.51.100.${nextIp++}`;

describe('public complaints (anonymous intake and status)', () => {
  const log = new LogText();
  let t: TestApp;
  let prisma: PrismaService;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const codes: string[] = [];
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const intake = (body: object = BODY, ip = freshIp()) => request(t.http).post('/api/v1/public/complaints').set('X-Forwarded-For', ip).send(body);
  const status = (reference: string, code: string | undefined, ip = freshIp()) => {
    const req = request(t.http)
      .get(`/api/v1/public/complaints/${encodeURIComponent(reference)}`)
      .set('X-Forwarded-For', ip);
    return code === undefined ? req : req.set('X-Access-Code', code);
  };
  const message = (reference: string, code: string, text: string, ip = freshIp()) =>
    request(t.http).post(`/api/v1/public/complaints/${reference}/messages`).set('X-Forwarded-For', ip).set('X-Access-Code', code).send({ text });
  const filed = async (body: object = BODY) => {
    const res = await intake(body).expect(201);
    codes.push(res.body.accessCode);
    const [row] = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM complaints WHERE reference = ${res.body.reference}`;
    return { ...(res.body as { reference: string; accessCode: string }), id: row.id };
  };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000', LOG_LEVEL: 'debug' }, { logDestination: log });
    prisma = t.app.get(PrismaService);
    ctx = await createRoleUsers(t);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  describe('intake', () => {
    it('answers 201 with a reference and a 100-bit access code, stores only its hash, and files an anonymous PUBLIC_FORM complaint', async () => {
      const res = await intake({ ...BODY, employerName: 'OOO Stroitel', place: 'Omsk, Lenina 5' }).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['accessCode', 'reference']);
      expect(res.body.reference).toMatch(/^C-\d{4}-[2-9A-HJ-NP-Z]{6}$/);
      expect(res.body.accessCode).toMatch(CODE);
      codes.push(res.body.accessCode);
      const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM complaints WHERE reference = ${res.body.reference}`;
      expect(row).toMatchObject({
        channel: 'PUBLIC_FORM',
        anonymous: true,
        worker_id: null,
        created_by_id: null,
        severity: 'HIGH',
        against: 'EMPLOYER',
        language: 'uz',
        contact_enc: null,
        status: 'RECEIVED',
      });
      expect(row.access_code_hash).toMatch(/^[0-9a-f]{64}$/);
      // the code is nowhere in the row, grouped or not; the narrative, employer and place are encrypted
      const whole = JSON.stringify(row);
      for (const clear of [res.body.accessCode, res.body.accessCode.replace(/-/g, ''), 'Lenina street', 'Stroitel', 'Lenina 5'])
        expect(whole).not.toContain(clear);
      expect(row.narrative_enc).toMatch(/^v1\./);
      // triage is due in 72 hours (HIGH)
      expect((row.triage_due_at as Date).getTime() - (row.received_at as Date).getTime()).toBe(72 * 3_600_000);
    });

    it('audits the creation without the client address, the code or the narrative', async () => {
      const c = await filed();
      const events = await prisma.auditEvent.findMany({ where: { entityId: c.id } });
      expect(events.map((e) => e.action)).toEqual(['complaint.public_create']);
      expect(events[0]).toMatchObject({ kind: 'CHANGE', actorId: null, actorRole: null, ip: null });
      expect(events[0].requestId).toEqual(expect.any(String));
      const changes = JSON.stringify(events[0].changes);
      expect(changes).toContain('UNPAID_WAGES');
      expect(changes).not.toContain(c.accessCode);
      expect(changes).not.toContain('two months');
      expect(changes).not.toContain('198.51.100');
    });

    it('a confiscated passport is CRITICAL: the administrators and every caseworker hear of it at once', async () => {
      const c = await filed({ category: 'DOCUMENT_CONFISCATION', narrative: 'The brigadier keeps our passports in his car.' });
      const [row] = await prisma.$queryRaw<{ severity: string }[]>`SELECT severity::text FROM complaints WHERE id = ${c.id}::uuid`;
      expect(row.severity).toBe('CRITICAL');
      const notified = await prisma.notification.findMany({ where: { entityId: c.id, kind: 'COMPLAINT_CRITICAL' } });
      expect(notified.map((n) => n.userId)).toEqual(expect.arrayContaining([ctx.users.ADMIN.id, ctx.users.STAFF.id]));
      expect(notified.map((n) => n.userId)).not.toContain(ctx.users.EMPLOYER.id);
    });

    it('keeps a contact only when the worker asks to be contacted (encrypted; staff see it)', async () => {
      const c = await filed({ ...BODY, wantsContact: true, contact: '+7 913 000 11 22 (WhatsApp)' });
      const [row] = await prisma.$queryRaw<{ contact_enc: string }[]>`SELECT contact_enc FROM complaints WHERE id = ${c.id}::uuid`;
      expect(row.contact_enc).toMatch(/^v1\./);
      const staff = await request(t.http).get(`/api/v1/complaints/${c.id}`).set(as(Role.STAFF)).expect(200);
      expect(staff.body).toMatchObject({
        channel: 'PUBLIC_FORM',
        anonymous: true,
        contact: '+7 913 000 11 22 (WhatsApp)',
        language: 'uz',
        narrative: BODY.narrative,
      });
    });

    it.each([
      ['an empty narrative', { narrative: '   ' }, 'narrative'],
      ['a narrative of 50,000 characters', { narrative: 'x'.repeat(50_000) }, 'narrative'],
      ['no narrative', { narrative: undefined }, 'narrative'],
      ['an unknown category', { category: 'RUDENESS' }, 'category'],
      ['an unknown language', { language: 'de' }, 'language'],
      ['a contact without asking to be contacted', { contact: '+7 913 000 11 22' }, 'contact'],
      ['asking to be contacted without a contact', { wantsContact: true }, 'contact'],
      ['an unknown field', { workerId: '7d0f0b5e-7b5e-4a8e-9d0e-000000000000' }, 'workerId'],
    ])('%s is 400 naming the field', async (_, change, field) => {
      const res = await intake({ ...BODY, ...change }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('takes JSON only (a form posted to the API is 415)', async () => {
      const res = await request(t.http)
        .post('/api/v1/public/complaints')
        .set('X-Forwarded-For', freshIp())
        .type('form')
        .send('category=OTHER&narrative=x')
        .expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('does not honour Idempotency-Key: the answer holding the code is never stored', async () => {
      const ip = freshIp();
      const a = await intake(BODY, ip).set('Idempotency-Key', 'same-key-1').expect(201);
      const b = await intake(BODY, ip).set('Idempotency-Key', 'same-key-1').expect(201);
      expect(a.body.reference).not.toBe(b.body.reference);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      expect(await prisma.idempotencyKey.count({ where: { key: 'same-key-1' } })).toBe(0);
    });

    it(`a flood from one address gets 429 with Retry-After after PUBLIC_COMPLAINTS_PER_HOUR (${10}); other addresses go on`, async () => {
      const ip = freshIp();
      for (let i = 0; i < 10; i++) await intake(BODY, ip).expect(201);
      const res = await intake(BODY, ip).expect(429);
      expect(res.body.code).toBe('PUBLIC_COMPLAINTS_THROTTLED');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
      await intake(BODY, freshIp()).expect(201);
    });
  });

  describe('status and messages', () => {
    it('shows only the coarse status, the day received and the messages; the code is read as typed (case, spaces)', async () => {
      const c = await filed();
      const res = await status(c.reference, c.accessCode.toLowerCase().replace(/-/g, ' ')).expect(200);
      expect(res.body).toEqual({ reference: c.reference, status: 'RECEIVED', receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), messages: [] });
      await status(c.reference.toLowerCase(), c.accessCode).expect(200);
    });

    it("dates the receipt by the Centre’s day (Asia/Omsk), not UTC's", async () => {
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-04-01T20:30:00Z')); // 02:30 on 2 April in Omsk
      const c = await filed();
      expect((await status(c.reference, c.accessCode).expect(200)).body.receivedAt).toBe('2026-04-02');
    });

    it('an unknown reference and a wrong code answer the same 404; a code in the query string or no code is ignored', async () => {
      const c = await filed();
      const wrong = await status(c.reference, 'AAAAA-AAAAA-AAAAA-AAAAA').expect(404);
      const unknown = await status('C-2026-ZZZZZZ', c.accessCode).expect(404);
      const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body.code).toBe('PUBLIC_COMPLAINT_NOT_FOUND');
      expect(strip((await status(c.reference, undefined).expect(404)).body)).toEqual(strip(wrong.body));
      const query = await request(t.http)
        .get(`/api/v1/public/complaints/${c.reference}?accessCode=${c.accessCode}&code=${c.accessCode}`)
        .set('X-Forwarded-For', freshIp())
        .expect(404);
      expect(query.body.code).toBe('PUBLIC_COMPLAINT_NOT_FOUND');
      // a staff-entered complaint has no code: never opened by any
      const staff = await request(t.http)
        .post('/api/v1/complaints')
        .set(as(Role.STAFF))
        .send({ category: 'HOUSING', against: 'EMPLOYER', channel: 'PHONE', narrative: 'Twelve people in one room without heating.' })
        .expect(201);
      await status(staff.body.reference, c.accessCode).expect(404);
      await status(staff.body.reference, '').expect(404);
    });

    it('a message from the complainant is stored encrypted, reaches the staff view and notifies the administrators (none assigned)', async () => {
      const c = await filed();
      const res = await message(c.reference, c.accessCode, 'They paid half today but the rest is missing.').expect(201);
      expect(res.body.messages).toEqual([{ from: 'YOU', text: 'They paid half today but the rest is missing.', at: expect.any(String) }]);
      const [note] = await prisma.$queryRaw<
        { text_enc: string; kind: string; author_id: string | null }[]
      >`SELECT text_enc, kind, author_id FROM complaint_notes WHERE complaint_id = ${c.id}::uuid`;
      expect(note).toMatchObject({ kind: 'FROM_COMPLAINANT', author_id: null });
      expect(note.text_enc).toMatch(/^v1\./);
      expect(note.text_enc).not.toContain('paid half');
      const staff = await request(t.http).get(`/api/v1/complaints/${c.id}`).set(as(Role.STAFF)).expect(200);
      expect(staff.body.notes).toEqual([
        expect.objectContaining({ kind: 'FROM_COMPLAINANT', text: 'They paid half today but the rest is missing.', authorId: null }),
      ]);
      expect(staff.body.version).toBe(2);
      const notified = await prisma.notification.findMany({ where: { entityId: c.id, kind: 'COMPLAINT_MESSAGE' } });
      expect(notified.map((n) => n.userId)).toContain(ctx.users.ADMIN.id);
      expect(notified.map((n) => n.userId)).not.toContain(ctx.users.STAFF.id);
      for (const n of notified) expect(`${n.title} ${n.body ?? ''}`).not.toContain('paid half');
    });

    it('notifies the assigned caseworker only, when there is one', async () => {
      const c = await filed();
      await request(t.http)
        .patch(`/api/v1/complaints/${c.id}`)
        .set(as(Role.ADMIN))
        .set('If-Match', '"1"')
        .send({ assignedToId: ctx.users.STAFF.id })
        .expect(200);
      await message(c.reference, c.accessCode, 'Please call me after six.').expect(201);
      const notified = await prisma.notification.findMany({ where: { entityId: c.id, kind: 'COMPLAINT_MESSAGE' } });
      expect(notified.map((n) => n.userId)).toEqual([ctx.users.STAFF.id]);
    });

    it.each([
      ['an empty message', ''],
      ['a message over 5,000 characters', 'x'.repeat(5001)],
    ])('%s is 400', async (_, text) => {
      const c = await filed();
      expect((await message(c.reference, c.accessCode, text).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('a message with a wrong code is the same 404, and nothing is stored', async () => {
      const c = await filed();
      expect((await message(c.reference, 'AAAAA-AAAAA-AAAAA-AAAAA', 'hello').expect(404)).body.code).toBe('PUBLIC_COMPLAINT_NOT_FOUND');
      expect(await prisma.complaintNote.count({ where: { complaintId: c.id } })).toBe(0);
    });

    it('staff messages to the complainant appear (internal notes never); the status moves to IN_PROGRESS and CLOSED', async () => {
      const c = await filed();
      const note = (text: string, toComplainant: boolean) =>
        request(t.http).post(`/api/v1/complaints/${c.id}/notes`).set(as(Role.STAFF)).send({ text, toComplainant }).expect(201);
      await note('Internal: employer known to us from 2025.', false);
      await note('We have received your complaint and will visit the site this week.', true);
      await message(c.reference, c.accessCode, 'Thank you.').expect(201);
      const move = (to: string, extra: object = {}) =>
        request(t.http)
          .post(`/api/v1/complaints/${c.id}/transitions`)
          .set(as(Role.STAFF))
          .send({ to, ...extra })
          .expect(200);
      await move('TRIAGED');
      let res = await status(c.reference, c.accessCode).expect(200);
      expect(res.body.status).toBe('IN_PROGRESS');
      expect(res.body.messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
        ['CENTRE', 'We have received your complaint and will visit the site this week.'],
        ['YOU', 'Thank you.'],
      ]);
      expect(JSON.stringify(res.body)).not.toContain('Internal');
      await move('DISMISSED', { reason: 'The employer paid in full.' });
      res = await status(c.reference, c.accessCode).expect(200);
      expect(res.body.status).toBe('CLOSED');
      expect(JSON.stringify(res.body)).not.toContain('paid in full');
    });

    it('writes each read by the complainant to the access log as a public access: no account, no address', async () => {
      const c = await filed();
      await status(c.reference, c.accessCode).expect(200);
      await status(c.reference, 'AAAAA-AAAAA-AAAAA-AAAAA').expect(404);
      const reads = await prisma.auditEvent.findMany({ where: { entityId: c.id, kind: 'ACCESS' } });
      expect(reads.map((r) => r.action)).toEqual(['complaint.public_read']);
      expect(reads[0]).toMatchObject({ actorId: null, actorRole: null, ip: null, changes: null });
    });
  });

  describe('code guessing', () => {
    it(
      'per reference: ten wrong codes are 404s, then 429 with Retry-After from any address, ' + 'even with the right code; an hour later the code opens it',
      async () => {
        const c = await filed();
        for (let i = 0; i < 10; i++) expect((await status(c.reference, `WRONG-${i}`).expect(404)).body.code).toBe('PUBLIC_COMPLAINT_NOT_FOUND');
        const res = await status(c.reference, c.accessCode).expect(429);
        expect(res.body.code).toBe('ACCESS_CODE_THROTTLED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
        await message(c.reference, c.accessCode, 'hello').expect(429);
        const other = await filed();
        await status(other.reference, other.accessCode).expect(200);
        jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 3_600_000 + 1000));
        await status(c.reference, c.accessCode).expect(200);
      },
    );

    it('per client address: ten wrong codes over any references, then 429 on every reference from that address', async () => {
      const ip = freshIp();
      const c = await filed();
      for (let i = 0; i < 10; i++) await status(`C-2026-GUESS${i}`, 'AAAAA-AAAAA-AAAAA-AAAAA', ip).expect(404);
      const res = await status(c.reference, c.accessCode, ip).expect(429);
      expect(res.body.code).toBe('ACCESS_CODE_THROTTLED');
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      await status(c.reference, c.accessCode, freshIp()).expect(200);
    });

    it('the failure counters hold neither the address nor the reference in clear', async () => {
      const rows = await prisma.$queryRaw<{ key: string }[]>`SELECT key FROM complaint_access_failures`;
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
    });

    it('an unknown reference costs what a wrong code costs (medians reported)', async () => {
      const real = await Promise.all(Array.from({ length: 9 }, () => filed()));
      const time = async (reference: string) => {
        const start = process.hrtime.bigint();
        await status(reference, 'AAAAA-AAAAA-AAAAA-AAAAA').expect(404);
        return Number(process.hrtime.bigint() - start) / 1e6;
      };
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < real.length; i++) {
        wrong.push(await time(real[i].reference));
        unknown.push(await time(`C-2026-UNKNW${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(`404 median: wrong code ${median(wrong).toFixed(2)} ms, unknown reference ${median(unknown).toFixed(2)} ms`);
      expect(Math.abs(median(wrong) - median(unknown))).toBeLessThan(Math.max(5, median(wrong)));
    });
  });

  describe('the page (/complaint, outside the API prefix)', () => {
    const form = (body: string, lang = '', ip = freshIp()) =>
      request(t.http).post('/complaint').set('X-Forwarded-For', ip).set('Accept-Language', lang).type('form').send(body);

    it('serves the form in the language of Accept-Language, with a strict policy and a visible switch', async () => {
      const res = await request(t.http).get('/complaint').set('Accept-Language', 'tg-TJ,ru;q=0.8').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'; frame-ancestors 'none'/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.text).toContain('<html lang="tg">');
      expect(res.text).toContain('Шикоят ба Марказ');
      // (Handlebars writes the = of an attribute as &#x3D;, which the browser reads back as =)
      for (const l of ['ru', 'uz', 'ky', 'en']) expect(res.text).toContain(`href="/complaint?lang&#x3D;${l}"`);
      expect(res.text).not.toMatch(/<script|src=|https?:\/\//);
      expect((await request(t.http).get('/complaint?lang=ky').set('Accept-Language', 'ru').expect(200)).text).toContain('Борборго даттануу');
      expect((await request(t.http).get('/complaint/status?lang=en').expect(200)).text).toContain('Complaint number');
      await request(t.http).get('/api/v1/complaint').expect(404);
    });

    it('posted without the fields: the form again with the errors in the chosen language, the values kept', async () => {
      const res = await form('lang=uz&narrative=&employerName=OOO+%22Stroitel%22&wantsContact=yes&contact=').expect(400);
      expect(res.text).toContain('<html lang="uz-Latn">');
      expect(res.text).toContain('Shaklni tekshiring:');
      expect(res.text).toContain('Nima bo‘lganini tanlang.');
      expect(res.text).toContain('Bu maydonni to‘ldiring.');
      expect(res.text).toContain('Siz bilan qanday bog‘lanish mumkinligini yozing.');
      expect(res.text).toContain('value="OOO &quot;Stroitel&quot;"');
      expect(res.text).toMatch(/id="wantsContact" name="wantsContact" value="yes" checked/);
      const ru = await form('category=HOUSING&narrative=' + 'x'.repeat(20_001), 'ru-RU').expect(400);
      expect(ru.text).toContain('Слишком длинно: не больше 20000 знаков.');
    });

    it('files the complaint and shows the receipt; the status form shows the status, and an unknown code the same form again', async () => {
      const res = await form('lang=ky&category=HOUSING&narrative=Bir+b%C3%B6lm%C3%B6d%C3%B6+12+kishi&place=Omsk').expect(200);
      expect(res.text).toContain('Даттануу кабыл алынды');
      const reference = /id="reference">([^<]+)</.exec(res.text)![1];
      const code = /id="access-code">([^<]+)</.exec(res.text)![1];
      expect(code).toMatch(CODE);
      codes.push(code);
      await status(reference, code).expect(200);
      const shown = await request(t.http)
        .post('/complaint/status')
        .set('X-Forwarded-For', freshIp())
        .type('form')
        .send({ lang: 'ky', reference, code })
        .expect(200);
      expect(shown.text).toContain('Кабыл алынды');
      const wrong = await request(t.http)
        .post('/complaint/status')
        .set('X-Forwarded-For', freshIp())
        .type('form')
        .send({ lang: 'en', reference, code: 'AAAAA-AAAAA-AAAAA-AAAAA' })
        .expect(404);
      expect(wrong.text).toContain('No complaint has this number and code.');
      expect(wrong.text).not.toContain('AAAAA');
    });

    it('a flood of the form from one address: the form again with the wait, 429 and Retry-After', async () => {
      const ip = freshIp();
      for (let i = 0; i < 10; i++) await intake(BODY, ip).expect(201);
      const res = await form('lang=en&category=OTHER&narrative=hello', '', ip).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.text).toMatch(/Try again in \d+ min\./);
    });

    it('takes a form only: JSON is 415', async () => {
      const res = await request(t.http).post('/complaint').send({ category: 'OTHER', narrative: 'hello' }).expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.detail).toContain('application/x-www-form-urlencoded');
    });
  });

  describe('logs', () => {
    it('never writes an access code, and the logger redacts the X-Access-Code header', async () => {
      await new Promise((r) => setTimeout(r, 300)); // the log is written in batches
      expect(log.text.length).toBeGreaterThan(0);
      for (const code of codes) {
        expect(log.text).not.toContain(code);
        expect(log.text).not.toContain(code.toLowerCase());
      }
      const out = new LogText();
      pino({ redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, out).info({
        req: { headers: { 'x-access-code': 'ABCDE-FGHJK' } },
        headers: { 'x-access-code': 'ABCDE-FGHJK' },
      });
      expect(out.text).toContain('[REDACTED]');
      expect(out.text).not.toContain('ABCDE');
    });
  });
});
