import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { ComplaintFilesService } from '../../src/complaints/complaint-files.service';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { createAgency, createRoleUsers, signedInUser, systemActor, TestUser } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const UNKNOWN = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';
const DATA_DIR = `/tmp/omsk-evidence-${process.pid}`;
const latin = (s: string) => Buffer.from(s, 'latin1');
const pad = (head: Buffer, n = 2000) => Buffer.concat([head, Buffer.alloc(n, 0x2a)]);
const ftyp = (brand: string) => pad(Buffer.concat([Buffer.from([0, 0, 0, 0x20]), latin('ftyp'), latin(brand), Buffer.from([0, 0, 0, 0])]));

const OGG = pad(latin('OggS\x00\x02\x00\x00\x00\x00\x00\x00'));
const PDF = pad(latin('%PDF-1.7\n'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A file's body as raw bytes; problem details parsed as JSON. */
const binary = (response: request.Response, cb: (err: Error | null, body: unknown) => void) => {
  const res = response as unknown as NodeJS.ReadableStream & { headers: Record<string, string> };
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => {
    const bytes = Buffer.concat(chunks);
    cb(null, /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(bytes.toString('utf8')) : bytes);
  });
};

describe('complaint evidence files and referral letters', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let staff2: TestUser & { token: string };
  let liaisonB: TestUser & { token: string };
  let agencyB: { id: string };
  let worker: { id: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (p: string, body: object, auth: Record<string, string> = as(Role.STAFF)) => request(t.http).post(`/api/v1${p}`).set(auth).send(body);
  const complaint = (body: object = {}) =>
    post('/complaints', {
      category: 'UNPAID_WAGES',
      against: 'EMPLOYER',
      channel: 'IN_PERSON',
      narrative: 'Three months without pay on the building site.',
      workerId: worker.id,
      ...body,
    })
      .expect(201)
      .then((r) => r.body as { id: string; reference: string });
  const put = (id: string, name: string, body: Buffer, auth: Record<string, string> = as(Role.STAFF), type = 'application/octet-stream') =>
    request(t.http).put(`/api/v1/complaints/${id}/evidence/${name}`).set(auth).set('Content-Type', type).send(body);
  const download = (id: string, name: string, auth: Record<string, string> = as(Role.STAFF)) =>
    request(t.http).get(`/api/v1/complaints/${id}/evidence/${name}`).set(auth).buffer(true).parse(binary);
  const storedFiles = () => {
    const root = path.join(DATA_DIR, 'files', 'complaints');
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
  };

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_LOGIN_RATE_PER_MINUTE: '1000', COMPLAINT_EVIDENCE_MAX_BYTES: '2mb', DATA_DIR });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    staff2 = await signedInUser(t, Role.STAFF);
    agencyB = await createAgency(t);
    liaisonB = await signedInUser(t, Role.LIAISON, { agencyIds: [agencyB.id] });
    worker = await createWorker(t, { citizenship: 'UZ' });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  });

  describe('evidence', () => {
    it(
      'stores a voice message sent as octet-stream, lists it on the complaint and ' +
        'streams it back with its type, name and sha256; the download is access-logged',
      async () => {
        const c = await complaint();
        const up = await put(c.id, 'voice-2026-03-01.ogg', OGG).expect(201);
        expect(up.body.evidence).toEqual([
          {
            name: 'voice-2026-03-01.ogg',
            contentType: 'audio/ogg',
            size: OGG.length,
            sha256: sha256(OGG),
            fromComplainant: false,
            createdAt: expect.any(String),
            destroyedAt: null,
          },
        ]);
        expect(up.headers.etag).toBe('"2"'); // adding evidence changes the complaint
        const down = await download(c.id, 'voice-2026-03-01.ogg').expect(200);
        expect(Buffer.compare(down.body as Buffer, OGG)).toBe(0);
        expect(down.headers['content-type']).toBe('audio/ogg');
        expect(down.headers['content-disposition']).toBe('attachment; filename="voice-2026-03-01.ogg"');
        expect(down.headers['x-content-sha256']).toBe(sha256(OGG));
        expect(down.headers['cache-control']).toBe('no-store');
        const reads = await prisma.auditEvent.findMany({
          where: { entityType: 'complaint', entityId: c.id, kind: 'ACCESS', action: 'complaint.evidence.download' },
        });
        expect(reads.map((r) => r.actorId)).toEqual([ctx.users.STAFF.id]);
        const [change] = await prisma.auditEvent.findMany({ where: { entityType: 'complaint', entityId: c.id, kind: 'CHANGE', action: 'complaint.evidence' } });
        expect(change.actorId).toBe(ctx.users.STAFF.id);
      },
    );

    it.each<{ name: string; bytes: Buffer; type: string; declared?: string }>([
      { name: 'scan.pdf', bytes: PDF, type: 'application/pdf', declared: 'application/pdf' },
      { name: 'photo.jpg', bytes: pad(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), type: 'image/jpeg', declared: 'image/jpeg' },
      { name: 'recording.mp3', bytes: pad(latin('ID3\x04\x00\x00\x00\x00\x00\x00')), type: 'audio/mpeg', declared: 'audio/mpeg' },
      { name: 'frames.mp3', bytes: pad(Buffer.from([0xff, 0xfb, 0x90, 0x64])), type: 'audio/mpeg' },
      { name: 'memo.m4a', bytes: ftyp('M4A '), type: 'audio/mp4', declared: 'audio/x-m4a' },
      { name: 'phone.m4a', bytes: ftyp('isom'), type: 'audio/mp4' },
      { name: 'android.3gp', bytes: ftyp('3gp4'), type: 'audio/3gpp', declared: 'audio/3gpp' },
      { name: 'call.wav', bytes: pad(latin('RIFF\x24\x08\x00\x00WAVEfmt ')), type: 'audio/wav', declared: 'audio/wav' },
      { name: 'note.amr', bytes: pad(latin('#!AMR\n')), type: 'audio/amr', declared: 'audio/amr' },
      { name: 'browser.webm', bytes: pad(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])), type: 'audio/webm', declared: 'audio/webm' },
      { name: 'raw.aac', bytes: pad(Buffer.from([0xff, 0xf1, 0x50, 0x80])), type: 'audio/aac' },
    ])('$name is taken by its content as $type', async ({ name, bytes, type, declared }) => {
      const c = await complaint();
      const up = await put(c.id, name, bytes, as(Role.STAFF), declared ?? 'application/octet-stream').expect(201);
      expect(up.body.evidence[0]).toMatchObject({ name, contentType: type, size: bytes.length });
      expect((await download(c.id, name).expect(200)).headers['content-type']).toBe(type);
    });

    it('judges by content: text, a GIF or an executable is 415 whatever it claims, and nothing is kept', async () => {
      const c = await complaint();
      const before = storedFiles();
      for (const [bytes, type] of [
        [Buffer.from('hello, this is not a recording at all'), 'audio/ogg'],
        [pad(latin('GIF89a\x01\x00\x01\x00')), 'application/octet-stream'],
        [pad(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])), 'audio/mpeg'],
        [pad(latin('<!doctype html><script>alert(1)</script>')), 'application/octet-stream'],
      ] as const) {
        const res = await put(c.id, 'claimed.ogg', bytes, as(Role.STAFF), type).expect(415);
        expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
      }
      await put(c.id, 'form.txt', Buffer.from('a=1'), as(Role.STAFF), 'text/plain').expect(415);
      expect(storedFiles()).toBe(before);
      expect((await request(t.http).get(`/api/v1/complaints/${c.id}`).set(as(Role.STAFF)).expect(200)).body.evidence).toEqual([]);
    });

    it('document scans still take only PDF, JPEG and PNG: a voice message is 415 there', async () => {
      const d = await t.app
        .get(DocumentsService)
        .create(systemActor(), worker.id, { type: 'PASSPORT', number: 'AC7654321', issuedOn: '2021-01-01', expiresOn: '2031-01-01', issuer: 'MVD' });
      const res = await request(t.http)
        .put(`/api/v1/workers/${worker.id}/documents/${d.id}/file`)
        .set(as(Role.STAFF))
        .set('Content-Type', 'application/octet-stream')
        .send(OGG)
        .expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    });

    it('refuses a file over COMPLAINT_EVIDENCE_MAX_BYTES with 413 and keeps nothing', async () => {
      const c = await complaint();
      const before = storedFiles();
      const res = await put(c.id, 'long-call.wav', pad(latin('RIFF\x24\x08\x00\x00WAVEfmt '), 3 * 1024 * 1024)).expect(413);
      expect(res.body.code).toBe('FILE_TOO_LARGE');
      expect(storedFiles()).toBe(before);
      await put(c.id, 'long-call.wav', pad(latin('RIFF\x24\x08\x00\x00WAVEfmt '), 1024 * 1024)).expect(201); // under the cap, and the name was not taken
    });

    it('never replaces evidence: the same name again is 409 EVIDENCE_EXISTS and the first file stays', async () => {
      const c = await complaint();
      await put(c.id, 'payslip.pdf', PDF).expect(201);
      const again = await put(c.id, 'payslip.pdf', pad(latin('%PDF-1.4\n'), 10)).expect(409);
      expect(again.body.code).toBe('EVIDENCE_EXISTS');
      expect(sha256((await download(c.id, 'payslip.pdf').expect(200)).body as Buffer)).toBe(sha256(PDF));
      await put(c.id, 'Payslip.pdf', PDF).expect(201); // names are case-sensitive
    });

    it.each([
      ['two dots', 'a..pdf'],
      ['a leading dot', '.htaccess'],
      ['81 characters', `${'a'.repeat(77)}.pdf`],
      ['a space', 'my%20file.pdf'],
      ['Cyrillic', encodeURIComponent('расписка.pdf')],
      ['a quote', 'a%22b.pdf'],
      ['a backslash', 'a%5Cb.pdf'],
      ['an encoded slash', '..%2F..%2Fetc%2Fpasswd'],
    ])('a name with %s is 400 naming the field', async (_label, name) => {
      const c = await complaint();
      const res = await put(c.id, name, PDF).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name' }] });
    });

    it('404 for an unknown or malformed complaint, an unknown file, and a confidential complaint of another caseworker', async () => {
      expect((await put(UNKNOWN, 'x.pdf', PDF).expect(404)).body.code).toBe('COMPLAINT_NOT_FOUND');
      await put('not-an-id', 'x.pdf', PDF).expect(404);
      await download(UNKNOWN, 'x.pdf').expect(404);
      const c = await complaint();
      expect((await download(c.id, 'missing.pdf').expect(404)).body.code).toBe('EVIDENCE_NOT_FOUND');
      expect((await download(c.id, 'bad..name').expect(404)).body.code).toBe('EVIDENCE_NOT_FOUND');
      const secret = await complaint({ confidential: true, assignedToId: ctx.users.STAFF.id });
      await put(secret.id, 'x.pdf', PDF).expect(201);
      await put(secret.id, 'y.pdf', PDF, bearer(staff2.token)).expect(404);
      await download(secret.id, 'x.pdf', bearer(staff2.token)).expect(404);
      await download(secret.id, 'x.pdf', as(Role.ADMIN)).expect(200);
    });

    it('a complaint whose content was destroyed takes no evidence (409); a destroyed file is 410', async () => {
      const c = await complaint();
      await put(c.id, 'kept.pdf', PDF).expect(201);
      await prisma.complaintEvidence.updateMany({ where: { complaintId: c.id }, data: { destroyedAt: new Date(), storageKey: null } });
      expect((await download(c.id, 'kept.pdf').expect(410)).body.code).toBe('EVIDENCE_DESTROYED');
      await prisma.complaint.update({ where: { id: c.id }, data: { destroyedAt: new Date(), narrativeEnc: null } });
      expect((await put(c.id, 'late.pdf', PDF).expect(409)).body.code).toBe('COMPLAINT_CONTENT_DESTROYED');
    });

    it('a liaison officer sees and adds evidence only where the referral to their agency shares EVIDENCE; employers 403', async () => {
      const consent = (id: string, scope: string[]) =>
        post(`/complaints/${id}/consents`, {
          recipientKind: 'PARTNER_AGENCY',
          purpose: 'follow-up at home',
          scope,
          givenBy: 'the worker in person',
          givenAt: '2026-01-05T10:00:00Z',
          method: 'SIGNED_FORM',
        }).expect(201);
      const refer = (id: string, shares: string[]) =>
        post(`/complaints/${id}/referrals`, { recipientKind: 'PARTNER_AGENCY', partnerAgencyId: agencyB.id, shares }).expect(201);

      const shared = await complaint();
      await put(shared.id, 'photo.pdf', PDF).expect(201);
      await consent(shared.id, ['CATEGORY', 'EVIDENCE']);
      await refer(shared.id, ['CATEGORY', 'EVIDENCE']);
      const view = await request(t.http).get(`/api/v1/complaints/${shared.id}`).set(bearer(liaisonB.token)).expect(200);
      expect(view.body.evidence.map((e: { name: string }) => e.name)).toEqual(['photo.pdf']);
      await download(shared.id, 'photo.pdf', bearer(liaisonB.token)).expect(200);
      const added = await put(shared.id, 'from-agency.ogg', OGG, bearer(liaisonB.token)).expect(201);
      expect(added.body).toMatchObject({ view: 'SHARED', narrative: null });
      expect(added.body.evidence.map((e: { name: string }) => e.name)).toEqual(['photo.pdf', 'from-agency.ogg']);

      const notShared = await complaint();
      await put(notShared.id, 'photo.pdf', PDF).expect(201);
      await consent(notShared.id, ['CATEGORY']);
      await refer(notShared.id, ['CATEGORY']);
      expect((await request(t.http).get(`/api/v1/complaints/${notShared.id}`).set(bearer(liaisonB.token)).expect(200)).body.evidence).toEqual([]);
      await download(notShared.id, 'photo.pdf', bearer(liaisonB.token)).expect(404);
      await put(notShared.id, 'x.pdf', PDF, bearer(liaisonB.token)).expect(404);
      await download(shared.id, 'photo.pdf', as(Role.LIAISON)).expect(404); // another agency's liaison

      expect((await download(shared.id, 'photo.pdf', as(Role.EMPLOYER)).expect(403)).body.code).toBe('FORBIDDEN');
      await put(shared.id, 'x.pdf', PDF, as(Role.EMPLOYER)).expect(403);
    });

    it('the public intake stores a complainant’s file through the same method, marked as from the complainant', async () => {
      const c = await complaint();
      const stored = await t.app
        .get(ComplaintFilesService)
        .store({ requestId: 'public', ip: '10.0.0.1' }, c.id, 'from-worker.ogg', OGG, { fromComplainant: true, uploadedById: null });
      expect(stored).toMatchObject({ name: 'from-worker.ogg', contentType: 'audio/ogg', fromComplainant: true });
      const read = await request(t.http).get(`/api/v1/complaints/${c.id}`).set(as(Role.STAFF)).expect(200);
      expect(read.body.evidence[0]).toMatchObject({ name: 'from-worker.ogg', fromComplainant: true });
      await expect(
        t.app.get(ComplaintFilesService).store({ requestId: 'public', ip: '10.0.0.1' }, UNKNOWN, 'x.ogg', OGG, { fromComplainant: true, uploadedById: null }),
      ).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('referral letter', () => {
    const letterUrl = (id: string, referralId: string) => `/api/v1/complaints/${id}/referrals/${referralId}/letter`;
    let c: { id: string; reference: string };
    let referral: { id: string; letter: string };

    beforeAll(async () => {
      c = await complaint({ narrative: 'Бригадир забрал паспорт и не платит третий месяц. Объект на ул. Ленина, 12.' });
      await post(`/complaints/${c.id}/consents`, {
        recipientKind: 'LABOUR_INSPECTORATE',
        purpose: 'Проверка невыплаты',
        scope: ['CATEGORY', 'NARRATIVE'],
        givenBy: 'заявитель лично',
        givenAt: '2026-01-05T10:00:00Z',
        method: 'SIGNED_FORM',
      }).expect(201);
      const referred = await post(`/complaints/${c.id}/referrals`, {
        recipientKind: 'LABOUR_INSPECTORATE',
        recipientName: 'Гострудинспекция в Омской области',
        shares: ['CATEGORY', 'NARRATIVE'],
      }).expect(201);
      referral = referred.body.referrals[0];
    });

    it('is a PDF by default, one A4 page with the Cyrillic font embedded; the read is access-logged', async () => {
      const res = await request(t.http).get(letterUrl(c.id, referral.id)).set(as(Role.STAFF)).buffer(true).parse(binary).expect(200);
      const pdf = res.body as Buffer;
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="referral-${c.reference}-1.pdf"`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(pdf.length).toBeGreaterThan(2_000);
      expect(pdf.length).toBeLessThan(60_000);
      const reads = await prisma.auditEvent.findMany({ where: { entityId: c.id, kind: 'ACCESS', action: 'complaint.referral_letter.read' } });
      expect(reads.map((r) => r.actorId)).toEqual([ctx.users.STAFF.id]);
    });

    it('as plain text it is exactly the stored letter, holding only what the consent covers', async () => {
      const res = await request(t.http).get(letterUrl(c.id, referral.id)).set(as(Role.ADMIN)).set('Accept', 'text/plain').expect(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe(referral.letter);
      expect(res.text).toContain('Бригадир забрал паспорт');
      expect(res.text).not.toContain('Заявитель:');
      const byWeight = await request(t.http)
        .get(letterUrl(c.id, referral.id))
        .set(as(Role.ADMIN))
        .set('Accept', 'application/pdf;q=0.5, text/plain')
        .expect(200);
      expect(byWeight.text).toBe(referral.letter);
    });

    it('406 when Accept allows neither form; 404 for an unknown or malformed referral or complaint', async () => {
      expect((await request(t.http).get(letterUrl(c.id, referral.id)).set(as(Role.STAFF)).set('Accept', 'application/json').expect(406)).body.code).toBe(
        'NOT_ACCEPTABLE',
      );
      expect((await request(t.http).get(letterUrl(c.id, UNKNOWN)).set(as(Role.STAFF)).expect(404)).body.code).toBe('REFERRAL_NOT_FOUND');
      await request(t.http).get(letterUrl(c.id, 'nope')).set(as(Role.STAFF)).expect(404);
      expect((await request(t.http).get(letterUrl(UNKNOWN, referral.id)).set(as(Role.STAFF)).expect(404)).body.code).toBe('COMPLAINT_NOT_FOUND');
      const other = await complaint({ workerId: undefined, against: 'OFFICIAL', category: 'OFFICIAL_MISCONDUCT' });
      await request(t.http).get(letterUrl(other.id, referral.id)).set(as(Role.STAFF)).expect(404); // a referral of another complaint
    });

    it('never for a liaison officer or an employer (403); a confidential complaint only for its caseworker and the administrators', async () => {
      expect((await request(t.http).get(letterUrl(c.id, referral.id)).set(as(Role.LIAISON)).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await request(t.http).get(letterUrl(c.id, referral.id)).set(as(Role.EMPLOYER)).expect(403)).body.code).toBe('FORBIDDEN');
      const secret = await complaint({
        workerId: undefined,
        against: 'OFFICIAL',
        category: 'OFFICIAL_MISCONDUCT',
        confidential: true,
        assignedToId: ctx.users.STAFF.id,
      });
      const r = await post(`/complaints/${secret.id}/referrals`, {
        recipientKind: 'PROSECUTOR',
        recipientName: 'Прокуратура Омской области',
        shares: ['CATEGORY'],
      }).expect(201);
      const rid = r.body.referrals[0].id;
      await request(t.http).get(letterUrl(secret.id, rid)).set(bearer(staff2.token)).expect(404);
      await request(t.http).get(letterUrl(secret.id, rid)).set(as(Role.STAFF)).expect(200);
      await request(t.http).get(letterUrl(secret.id, rid)).set(as(Role.ADMIN)).expect(200);
    });

    it('410 once retention destroyed the letter', async () => {
      const gone = await complaint({ workerId: undefined, against: 'OFFICIAL', category: 'OFFICIAL_MISCONDUCT' });
      const r = await post(`/complaints/${gone.id}/referrals`, { recipientKind: 'PROSECUTOR', recipientName: 'Прокуратура', shares: ['CATEGORY'] }).expect(201);
      await prisma.complaintReferral.updateMany({ where: { complaintId: gone.id }, data: { letterEnc: null } });
      expect((await request(t.http).get(letterUrl(gone.id, r.body.referrals[0].id)).set(as(Role.STAFF)).expect(410)).body.code).toBe('LETTER_DESTROYED');
    });
  });
});
