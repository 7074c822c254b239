import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createEmployer, createRoleUsers, createUser, login, validInn } from '../factories/users';

describe('employers', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('staff register an employer; INN/OGRN check digits are enforced with 422 naming the field', async () => {
    const ok = await request(t.http)
      .post('/api/v1/employers')
      .set(as(Role.STAFF))
      .send({ name: 'ООО «Омский бекон»', inn: '7707083893', ogrn: '1027700132195', okved: '10.11', sector: 'FOOD_PROCESSING' })
      .expect(201);
    expect(ok.body).toMatchObject({ inn: '7707083893', verified: false, version: 1 });
    expect(ok.headers.etag).toBe('"1"');
    const bad = await request(t.http).post('/api/v1/employers').set(as(Role.STAFF)).send({ name: 'Bad', inn: '7707083894' }).expect(422);
    expect(bad.body).toMatchObject({ code: 'EMPLOYER_REGISTRATION_INVALID', errors: [{ field: 'inn' }] });
    const badOgrn = await request(t.http)
      .post('/api/v1/employers')
      .set(as(Role.STAFF))
      .send({ name: 'Bad', inn: validInn(), ogrn: '1027700132196' })
      .expect(422);
    expect(badOgrn.body.errors[0].field).toBe('ogrn');
    const both = await request(t.http).post('/api/v1/employers').set(as(Role.STAFF)).send({ name: 'Bad', inn: '7707083894', okved: '99.99' }).expect(422);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['inn', 'okved']);
    const dup = await request(t.http).post('/api/v1/employers').set(as(Role.ADMIN)).send({ name: 'Again', inn: '7707083893' }).expect(409);
    expect(dup.body.code).toBe('EMPLOYER_DUPLICATE');
    await request(t.http).post('/api/v1/employers').set(as(Role.STAFF)).send({ name: 'X', inn: 'abc' }).expect(400);
  });

  it('an employer user sees only its own organisation: another one is 404, the list holds one', async () => {
    const own = await request(t.http).get(`/api/v1/employers/${ctx.employer.id}`).set(as(Role.EMPLOYER)).expect(200);
    expect(own.body.id).toBe(ctx.employer.id);
    const foreign = await request(t.http).get(`/api/v1/employers/${ctx.otherEmployer.id}`).set(as(Role.EMPLOYER)).expect(404);
    expect(foreign.body.code).toBe('EMPLOYER_NOT_FOUND');
    expect(JSON.stringify(foreign.body)).not.toContain(ctx.otherEmployer.name);
    const list = await request(t.http).get('/api/v1/employers?limit=200').set(as(Role.EMPLOYER)).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([ctx.employer.id]);
    const staffList = await request(t.http).get('/api/v1/employers?limit=200').set(as(Role.STAFF)).expect(200);
    expect(staffList.body.items.length).toBeGreaterThan(1);
  });

  it("a second employer's token gets 404 and no data for every employer route with an id", async () => {
    const other = await createUser(t, Role.EMPLOYER, { employerId: ctx.otherEmployer.id });
    const token = (await login(t, other.email, other.password)).accessToken;
    const res = await request(t.http).get(`/api/v1/employers/${ctx.employer.id}`).set('Authorization', `Bearer ${token}`).expect(404);
    expect(res.body).not.toHaveProperty('inn');
  });

  it('updates with If-Match (412 when stale), re-checking the numbers', async () => {
    const e = await createEmployer(t);
    const ok = await request(t.http).patch(`/api/v1/employers/${e.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ verified: true }).expect(200);
    expect(ok.body).toMatchObject({ verified: true, version: 2 });
    await request(t.http).patch(`/api/v1/employers/${e.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ verified: false }).expect(412);
    await request(t.http).patch(`/api/v1/employers/${e.id}`).set(as(Role.STAFF)).set('If-Match', '*').send({ inn: '7707083894' }).expect(422);
    await request(t.http).patch('/api/v1/employers/7d0f0b5e-7b5e-4a8e-9d0e-000000000000').set(as(Role.STAFF)).send({ verified: true }).expect(404);
    await request(t.http).patch(`/api/v1/employers/${e.id}`).set(as(Role.STAFF)).send({ version: 7 }).expect(400);
    const audit = await t.app.get(PrismaService).auditEvent.findMany({ where: { entityId: e.id, kind: 'CHANGE' } });
    expect(audit.map((a) => a.action)).toEqual(['employer.create', 'employer.update']);
  });

  it('filters by sector, INN and name', async () => {
    const e = await createEmployer(t, 'Иртыш Агро');
    const byInn = await request(t.http).get(`/api/v1/employers?inn=${e.inn}`).set(as(Role.LIAISON)).expect(200);
    expect(byInn.body.items.map((x: { id: string }) => x.id)).toEqual([e.id]);
    const byName = await request(t.http)
      .get(`/api/v1/employers?q=${encodeURIComponent('иртыш')}`)
      .set(as(Role.STAFF))
      .expect(200);
    expect(byName.body.items.map((x: { id: string }) => x.id)).toContain(e.id);
    await request(t.http).get('/api/v1/employers?sector=SPACE').set(as(Role.STAFF)).expect(400);
  });

  it("staff open accounts for an employer's people: role EMPLOYER, linked, one-time token, audited; the account sees its organisation", async () => {
    const e = await createEmployer(t);
    const created = await request(t.http)
      .post(`/api/v1/employers/${e.id}/users`)
      .set(as(Role.STAFF))
      .send({ email: ' HR@Example.Test ', fullName: 'Анна Смирнова' })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'hr@example.test', role: 'EMPLOYER', employerId: e.id, active: true });
    expect(created.body.passwordSetup.token).toEqual(expect.any(String));
    expect(created.body).not.toHaveProperty('passwordHash');
    const listed = await request(t.http).get(`/api/v1/employers/${e.id}/users`).set(as(Role.ADMIN)).expect(200);
    expect(listed.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
    const audit = await t.app.get(PrismaService).auditEvent.findMany({ where: { entityId: created.body.id, kind: 'CHANGE' } });
    expect(audit.map((a) => a.action)).toEqual(['user.create']);

    await request(t.http)
      .post('/api/v1/auth/password-reset')
      .send({ token: created.body.passwordSetup.token, newPassword: 'Irtysh-River-Bank-2026' })
      .expect(204);
    const token = (await login(t, 'hr@example.test', 'Irtysh-River-Bank-2026')).accessToken;
    await request(t.http).get(`/api/v1/employers/${e.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    await request(t.http).get(`/api/v1/employers/${ctx.employer.id}`).set('Authorization', `Bearer ${token}`).expect(404);
  });

  it('employer accounts: duplicate email 409, unknown employer 404, bad body 400, roles other than staff and admin 403', async () => {
    const e = await createEmployer(t);
    await request(t.http).post(`/api/v1/employers/${e.id}/users`).set(as(Role.ADMIN)).send({ email: 'dup@example.test', fullName: 'A' }).expect(201);
    const dup = await request(t.http)
      .post(`/api/v1/employers/${e.id}/users`)
      .set(as(Role.STAFF))
      .send({ email: 'dup@example.test', fullName: 'B' })
      .expect(409);
    expect(dup.body.code).toEqual(expect.any(String));
    const missing = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';
    expect(
      (await request(t.http).post(`/api/v1/employers/${missing}/users`).set(as(Role.STAFF)).send({ email: 'x@example.test', fullName: 'X' }).expect(404)).body
        .code,
    ).toBe('EMPLOYER_NOT_FOUND');
    await request(t.http).get(`/api/v1/employers/${missing}/users`).set(as(Role.STAFF)).expect(404);
    await request(t.http).post(`/api/v1/employers/${e.id}/users`).set(as(Role.STAFF)).send({ email: 'not-an-email', fullName: 'X' }).expect(400);
    await request(t.http)
      .post(`/api/v1/employers/${e.id}/users`)
      .set(as(Role.STAFF))
      .send({ email: 'y@example.test', fullName: 'Y', role: 'ADMIN' })
      .expect(400);
    for (const role of [Role.LIAISON, Role.EMPLOYER]) {
      await request(t.http).post(`/api/v1/employers/${ctx.employer.id}/users`).set(as(role)).send({ email: 'z@example.test', fullName: 'Z' }).expect(403);
      await request(t.http).get(`/api/v1/employers/${ctx.employer.id}/users`).set(as(role)).expect(403);
    }
  });
});
