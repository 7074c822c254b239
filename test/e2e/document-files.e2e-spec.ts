import { createHash } from 'node:crypto';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { DocumentsService } from '../../src/workers/documents/documents.service';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 1)]);

describe('document scans', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let path: string;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', BODY_LIMIT: '1mb', DATA_DIR: `/tmp/omsk-files-${process.pid}` });
    ctx = await createRoleUsers(t);
    const w = await createWorker(t);
    const d = await t.app
      .get(DocumentsService)
      .create(systemActor(), w.id, { type: 'PASSPORT', number: 'AB1234567', issuedOn: '2021-01-01', expiresOn: '2031-01-01', issuer: 'MVD' });
    path = `/api/v1/workers/${w.id}/documents/${d.id}/file`;
  });
  afterAll(() => t?.close());

  it('stores a PNG sent as octet-stream, keeps its sha256 and streams it back with a disposition', async () => {
    const up = await request(t.http).put(path).set(as(Role.STAFF)).set('Content-Type', 'application/octet-stream').send(PNG).expect(200);
    expect(up.body.file).toMatchObject({ contentType: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    const down = await request(t.http)
      .get(path)
      .set(as(Role.STAFF))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(down.body as Buffer, PNG)).toBe(0);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-disposition']).toMatch(/^attachment; filename="passport-.*\.png"$/);
  });

  it('judges by content: text claiming to be a PDF is 415; other body types are 415', async () => {
    const res = await request(t.http).put(path).set(as(Role.STAFF)).set('Content-Type', 'application/pdf').send(Buffer.from('hello, not a pdf')).expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    await request(t.http).put(path).set(as(Role.STAFF)).set('Content-Type', 'text/plain').send('hello').expect(415);
  });

  it('an executable renamed .pdf is 415', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(300, 0)]);
    const res = await request(t.http)
      .put(path)
      .set(as(Role.STAFF))
      .set('Content-Type', 'application/pdf')
      .set('Content-Disposition', 'attachment; filename="scan.pdf"')
      .send(elf)
      .expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
  });

  it('refuses an 11 MB file (default cap 10 MB) with 413 and keeps the previous scan', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 2)]);
    const res = await request(t.http).put(path).set(as(Role.STAFF)).set('Content-Type', 'application/pdf').send(big).expect(413);
    expect(res.body.code).toBe('FILE_TOO_LARGE');
    const still = await request(t.http).get(path).set(as(Role.STAFF)).expect(200);
    expect(still.headers['content-type']).toBe('image/png');
  });

  it('replaces a scan with a PDF; every download is access-logged; employers may not', async () => {
    await request(t.http).put(path).set(as(Role.LIAISON)).set('Content-Type', 'application/pdf').send(PDF).expect(404); // not the liaison's agency
    await request(t.http).put(path).set(as(Role.STAFF)).set('Content-Type', 'application/pdf').send(PDF).expect(200);
    await request(t.http).get(path).set(as(Role.ADMIN)).expect(200).expect('content-type', 'application/pdf');
    await request(t.http).get(path).set(as(Role.EMPLOYER)).expect(403);
    const workerId = path.split('/')[4];
    const log = await request(t.http).get(`/api/v1/workers/${workerId}/access-log?limit=200`).set(as(Role.ADMIN)).expect(200);
    expect(log.body.items.filter((e: { action: string }) => e.action === 'document.file.read').length).toBeGreaterThanOrEqual(3);
    await request(t.http)
      .get(path.replace(/documents\/[^/]+/, 'documents/7d0f0b5e-7b5e-4a8e-9d0e-000000000000'))
      .set(as(Role.STAFF))
      .expect(404);
  });
});
