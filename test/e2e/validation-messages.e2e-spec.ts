import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { UsersService } from '../../src/users/users.service';
import { DocumentsService } from '../../src/workers/documents/documents.service';
import { createRoleUsers, systemActor } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

const PROBLEM = /^application\/problem\+json/;

/** Every field named once, and no message shows a regular expression or repeats the field name. */
function expectReadable(errors: { field: string; message: string }[]) {
  const fields = errors.map((e) => e.field);
  expect(new Set(fields).size).toBe(fields.length);
  for (const e of errors) {
    expect(e.message).not.toMatch(/\/.*\/|regular expression/);
    expect(e.message.startsWith(`${e.field} `)).toBe(false);
  }
}

describe('validation answers people can read', () => {
  let t: TestApp;
  let tokens: Record<Role, string>;
  const auth = (role: Role = Role.ADMIN) => ({ Authorization: `Bearer ${tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp();
    tokens = (await createRoleUsers(t)).tokens;
  });
  afterAll(() => t?.close());

  it('reports each missing required field once as "is required"', async () => {
    const res = await request(t.http).post('/api/v1/workers').set(auth()).send({}).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const required = ['lastNameCyr', 'firstNameCyr', 'lastNameLat', 'firstNameLat', 'birthDate', 'sex', 'citizenship', 'recruitmentChannel'];
    expect(res.body.errors).toEqual(expect.arrayContaining(required.map((field) => ({ field, message: 'is required' }))));
    expect(res.body.errors).toHaveLength(required.length);
  });

  it('tells the wrong values in words, one message per field, without regular expressions', async () => {
    const res = await request(t.http)
      .post('/api/v1/workers')
      .set(auth())
      .send({
        lastNameCyr: 'Ivanov',
        firstNameCyr: 'Иван'.repeat(30),
        lastNameLat: 'IVANOV',
        firstNameLat: 'IVAN',
        birthDate: '17.03.1994',
        sex: 'M',
        citizenship: 'uzb',
        recruitmentChannel: 'WALK_IN',
        phone: 'call me',
        languages: ['UZ'],
        caseworkerId: 'nobody',
        passport: { number: 'X', issuedOn: '2020-01-01' },
        nickname: 'Vanya',
      })
      .expect(400);
    expectReadable(res.body.errors);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'lastNameCyr', message: 'must be in Cyrillic' },
        { field: 'firstNameCyr', message: 'must be text of at most 100 characters' },
        { field: 'birthDate', message: 'must be a date such as 2026-03-01' },
        { field: 'sex', message: 'must be one of MALE, FEMALE' },
        { field: 'phone', message: 'must be a phone number of 7 to 15 digits such as +79131234567' },
        { field: 'languages', message: 'each item must be a language code such as uz' },
        { field: 'caseworkerId', message: 'must be an id (a UUID)' },
        { field: 'passport.number', message: 'must be text of 5 to 20 characters' },
        { field: 'passport.expiresOn', message: 'is required' },
        { field: 'nickname', message: 'is not a field of this request' },
      ]),
    );
    expect(res.body.errors.find((e: { field: string }) => e.field === 'citizenship').message).toMatch(/^must be ISO 3166 alpha-2/);
  });

  it('answers limit=abc with one message giving the range', async () => {
    for (const limit of ['abc', '0', '500', '1.5']) {
      const res = await request(t.http).get(`/api/v1/workers?limit=${limit}`).set(auth()).expect(400);
      expect(res.body.errors).toEqual([{ field: 'limit', message: 'must be a whole number between 1 and 200' }]);
    }
  });

  it.each([
    ['null', 'null'],
    ['an array', '[{"name":"Someone"}]'],
    ['a string', '"Someone"'],
    ['a number', '42'],
  ])('answers a JSON body that is %s, not an object, with 400', async (_what, body) => {
    const res = await request(t.http).post('/api/v1/intermediaries').set(auth()).set('Content-Type', 'application/json').send(body).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('BODY_NOT_OBJECT');
  });

  it('refuses a form-urlencoded body with 415 "send application/json" instead of parsing it', async () => {
    const res = await request(t.http).post('/api/v1/intermediaries').set(auth()).type('form').send('name=Someone').expect(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('application/json') });
    const list = await request(t.http).get('/api/v1/intermediaries').set(auth()).expect(200);
    expect(list.body.items.map((i: { name: string }) => i.name)).not.toContain('Someone');
  });

  it('tells an upload sent with the wrong content type which types it takes, not "send application/json"', async () => {
    const w = await createWorker(t);
    const doc = await t.app
      .get(DocumentsService)
      .create(systemActor(), w.id, { type: 'PATENT', number: '55 9998887', issuer: 'УВМ', issuedOn: '2026-01-10', expiresOn: '2027-01-09' });
    const res = await request(t.http)
      .put(`/api/v1/workers/${w.id}/documents/${doc.id}/file`)
      .set(auth())
      .set('Content-Type', 'text/plain')
      .send('a scan')
      .expect(415);
    expect(res.body.detail).toMatch(/application\/pdf, image\/jpeg, image\/png or application\/octet-stream/);
    expect(res.body.detail).not.toContain('application/json');
  });

  it('names newPassword, the field the client sent, in the weak-password error', async () => {
    const created = await t.app.get(UsersService).create(systemActor(), { email: 'weak-pw@test.example', fullName: 'Weak Password', role: Role.STAFF });
    const res = await request(t.http).post('/api/v1/auth/password-reset').send({ token: created.passwordSetup.token, newPassword: 'short' }).expect(422);
    expect(res.body.code).toBe('WEAK_PASSWORD');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['newPassword']));
    expect(res.body.errors.map((e: { field: string }) => e.field)).not.toContain('password');
  });

  it('answers {"birthDate": null} with 400 naming it, instead of ignoring it', async () => {
    const w = await createWorker(t);
    const res = await request(t.http).patch(`/api/v1/workers/${w.id}`).set(auth()).set('If-Match', `"${w.version}"`).send({ birthDate: null }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'birthDate', message: 'cannot be null; leave the field out instead' }]);
  });

  it('answers null for a required field of a new record with "is required"', async () => {
    const res = await request(t.http).post('/api/v1/intermediaries').set(auth()).send({ name: null }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'name', message: 'is required' }]);
  });

  it('still takes null where the document says a field is nullable (it clears the field)', async () => {
    const created = await request(t.http).post('/api/v1/quota-allocations').set(auth()).send({ year: 2032, limit: 5, note: 'first' }).expect(201);
    const res = await request(t.http)
      .patch(`/api/v1/quota-allocations/${created.body.id}`)
      .set(auth())
      .set('If-Match', created.headers.etag)
      .send({ note: null })
      .expect(200);
    expect(res.body.note).toBeNull();
  });
});
