import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import request from 'supertest';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { createAgency, createRoleUsers, createUser, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { Role } from '../../src/access/permissions';
import { createTestApp, TestApp } from '../support/app';

const PROBLEM = /^application\/problem\+json/;
const MiB = 1024 * 1024;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads one HTTP/1.1 response (Content-Length framed) from a socket, or rejects after `ms`. */
function readResponse(socket: Socket, ms = 5000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`no answer within ${ms} ms`)), ms);
    const finish = (error?: Error, response?: RawResponse) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve(response!);
    };
    const onClose = () => finish(new Error('the connection closed before an answer'));
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const body = buffered.subarray(end + 4, end + 4 + length).toString('utf8');
      socket.unshift(buffered.subarray(end + 4 + length));
      finish(undefined, { status: Number(statusLine.split(' ')[1]), headers, body });
    };
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

function closed(socket: Socket, ms = 5000): Promise<void> {
  if (socket.destroyed || socket.readyState === 'closed') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the connection was left open for ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.resume();
  });
}

describe('hostile input', () => {
  let t: TestApp;
  let tokens: Record<Role, string>;
  let port: number;
  let auth: (role?: Role) => { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    tokens = (await createRoleUsers(t)).tokens;
    auth = (role = Role.ADMIN) => ({ Authorization: `Bearer ${tokens[role]}` });
    const server = t.http as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => t?.close());

  describe('deeply nested JSON (stack overflow in the validators)', () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

    it.each([
      ['a login without a token', '/api/v1/auth/login', false],
      ['a worker with a token', '/api/v1/workers', true],
    ])('answers 20,000 nested arrays in %s with 400 JSON_TOO_DEEP', async (_what, path, withToken) => {
      const req = request(t.http).post(path).set('Content-Type', 'application/json');
      if (withToken) req.set(auth());
      const res = await req.send(`{"email":${nested(20_000)},"password":"x"}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 400, code: 'JSON_TOO_DEEP' });
    });

    it('still takes a body nested as deep as a real one, with the nesting in strings ignored', async () => {
      const res = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: `${'['.repeat(100)}@test.example`, password: 'x' });
      expect(res.body.code).not.toBe('JSON_TOO_DEEP');
    });
  });

  describe('a NUL character (PostgreSQL refuses it in text)', () => {
    it('answers GET /reference/occupations?q=%00 with 400 naming q', async () => {
      const res = await request(t.http).get('/api/v1/reference/occupations?q=%00').set(auth());
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'q', message: expect.stringContaining('NUL') }] });
    });

    it('answers a NUL in a worker search with 400, before any token check', async () => {
      const res = await request(t.http).get('/api/v1/workers?q=ab%00cd');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    });

    it('answers a NUL in a JSON string with 400 naming the field', async () => {
      const res = await request(t.http).post('/api/v1/intermediaries').set(auth()).send({ name: 'Бахтиёр\u0000', notes: 'ok' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name', message: expect.stringContaining('NUL') }] });
    });

    it('names a NUL in a nested field by its path', async () => {
      const w = await createWorker(t);
      const res = await request(t.http)
        .post('/api/v1/workers')
        .set(auth())
        .send({ lastNameCyr: 'Иванов', passport: { number: 'AB\u00001234' }, id: w.id });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'passport.number' })]);
    });
  });

  describe('null for a field that cannot be null, in a PATCH', () => {
    it.each([
      ['intermediaries', 'name'],
      ['partner-agencies', 'name'],
      ['employers', 'name'],
      ['users', 'fullName'],
      ['workers', 'lastNameCyr'],
      ['documents', 'number'],
      ['quota-allocations', 'limit'],
    ])('on %s, answers {"%s": null} with 400 naming the field', async (resource, field) => {
      const path = await patchTarget(resource);
      const res = await request(t.http)
        .patch(path)
        .set(auth())
        .set('If-Match', '"1"')
        .send({ [field]: null });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, message: expect.stringContaining('null') }] });
    });

    async function patchTarget(resource: string): Promise<string> {
      const admin = auth();
      switch (resource) {
        case 'intermediaries':
          return `/api/v1/intermediaries/${(await request(t.http).post('/api/v1/intermediaries').set(admin).send({ name: 'Someone' }).expect(201)).body.id}`;
        case 'partner-agencies':
          return `/api/v1/partner-agencies/${(await createAgency(t)).id}`;
        case 'employers':
          return `/api/v1/employers/${(await request(t.http).get('/api/v1/employers').set(admin).expect(200)).body.items[0].id}`;
        case 'users':
          return `/api/v1/users/${(await createUser(t, Role.STAFF)).id}`;
        case 'workers':
          return `/api/v1/workers/${(await createWorker(t)).id}`;
        case 'documents': {
          const w = await createWorker(t);
          const doc = await t.app
            .get(DocumentsService)
            .create(systemActor(), w.id, { type: 'PATENT', number: '55 7654321', issuer: 'УВМ', issuedOn: '2026-01-10', expiresOn: '2027-01-09' });
          return `/api/v1/workers/${w.id}/documents/${doc.id}`;
        }
        default: {
          const created = await request(t.http).post('/api/v1/quota-allocations').set(admin).send({ year: 2031, limit: 10 }).expect(201);
          return `/api/v1/quota-allocations/${created.body.id}`;
        }
      }
    }
  });

  describe('bodies of the wrong kind', () => {
    it('answers a document upload sent as application/json with 415 telling which types it takes', async () => {
      const w = await createWorker(t);
      const doc = await t.app
        .get(DocumentsService)
        .create(systemActor(), w.id, { type: 'PATENT', number: '55 1112223', issuer: 'УВМ', issuedOn: '2026-01-10', expiresOn: '2027-01-09' });
      const res = await request(t.http).put(`/api/v1/workers/${w.id}/documents/${doc.id}/file`).set(auth()).send({ file: 'JVBERi0xLjQK' });
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.detail).toContain('application/pdf');
      expect(res.body.detail).not.toContain('application/json');
    });

    it('answers a PDF sent to a JSON route with 415 "send application/json" (the server used to abort)', async () => {
      const res = await request(t.http).post('/api/v1/intermediaries').set(auth()).set('Content-Type', 'application/pdf').send('%PDF-1.4 not a form');
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('application/json') });
      await request(t.http).get('/api/v1/health/live').expect(200);
    });
  });

  describe('a refused body on a kept-alive connection', () => {
    let target: string;
    beforeAll(async () => {
      const w = await createWorker(t);
      const doc = await t.app
        .get(DocumentsService)
        .create(systemActor(), w.id, { type: 'PATENT', number: '55 3334445', issuer: 'УВМ', issuedOn: '2026-01-10', expiresOn: '2027-01-09' });
      target = `/api/v1/workers/${w.id}/documents/${doc.id}/file`;
    });

    /** Sends the upload head and body, then (unless told to close) a second request on the same connection. */
    async function uploadThenProbe(headers: Record<string, string>, size: number) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined); // a reset while the rest of the body is still going out
      await new Promise((resolve) => socket.once('connect', resolve));
      const head = Object.entries({ host: 'localhost', 'content-type': 'application/pdf', 'content-length': String(size), ...headers })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(`PUT ${target} HTTP/1.1\r\n${head}\r\n`);
      const body = Buffer.alloc(size, 0x20);
      body.write('%PDF-1.4\n');
      socket.write(body);
      const first = await readResponse(socket, 10_000);
      let second: RawResponse | undefined;
      if (first.headers.connection?.toLowerCase() === 'close') {
        await closed(socket);
      } else {
        socket.write('GET /api/v1/health/live HTTP/1.1\r\nhost: localhost\r\n\r\n');
        second = await readResponse(socket);
      }
      socket.destroy();
      return { first, second };
    }

    it('answers an 11 MiB scan with 413, then closes the connection or answers the next request on it', async () => {
      const { first, second } = await uploadThenProbe({ authorization: auth().Authorization }, 11 * MiB);
      expect(first.status).toBe(413);
      expect(JSON.parse(first.body)).toMatchObject({ code: 'FILE_TOO_LARGE' });
      if (second) expect(second.status).toBe(200);
    });

    it('does the same when the token is refused before the upload is read', async () => {
      const { first, second } = await uploadThenProbe({}, 11 * MiB);
      expect(first.status).toBe(401);
      if (second) expect(second.status).toBe(200);
    });

    it('keeps the connection for a small upload that was read in full', async () => {
      const { first, second } = await uploadThenProbe({ authorization: auth().Authorization }, 4096);
      expect(first.status).toBe(200);
      expect(first.headers.connection?.toLowerCase()).not.toBe('close');
      expect(second?.status).toBe(200);
    });
  });
});
