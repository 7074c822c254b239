import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createRoleUsers, createUser, login } from '../factories/users';
import { createWorker, workerInput } from '../factories/workers';

/**
 * Opening a dossier: the duplicate check never names a dossier the caller cannot read, and a
 * liaison officer's new worker belongs to one of their agencies.
 */
describe("worker intake: scope of the duplicate check, the liaison officer's agency", () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let otherAgency: { id: string };
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const workerCount = () => t.app.get(PrismaService).worker.count();

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    otherAgency = await createAgency(t);
  });
  afterAll(() => t?.close());

  /** What a 409 must not reveal of a dossier outside the caller's scope. */
  function expectNothingOf(body: unknown, hidden: { id: string; caseNumber: string; lastNameLat: string; birthDate: string }) {
    const text = JSON.stringify(body);
    for (const value of [hidden.id, hidden.caseNumber, hidden.lastNameLat, hidden.birthDate]) expect(text).not.toContain(value);
  }

  describe("the duplicate check follows the caller's record scope", () => {
    it("a name and birth date matching only another agency's dossier: 409 WORKER_POSSIBLY_REGISTERED, nobody named, while the dossier stays 404", async () => {
      const theirs = await createWorker(t, {
        lastNameCyr: 'Тошматов',
        firstNameCyr: 'Илхом',
        lastNameLat: 'TOSHMATOV',
        firstNameLat: 'ILKHOM',
        birthDate: '1988-08-08',
        recruitmentChannel: 'PARTNER_AGENCY',
        partnerAgencyId: otherAgency.id,
      });
      await request(t.http).get(`/api/v1/workers/${theirs.id}`).set(as(Role.LIAISON)).expect(404);
      const same = workerInput({
        lastNameCyr: 'Тошматов',
        firstNameCyr: 'Илхом',
        lastNameLat: 'TOSHMATOV',
        firstNameLat: 'ILKHOM',
        birthDate: '1988-08-08',
        recruitmentChannel: 'PARTNER_AGENCY',
      });
      const before = await workerCount();
      const res = await request(t.http).post('/api/v1/workers').set(as(Role.LIAISON)).send(same).expect(409);
      expect(res.body).toMatchObject({ code: 'WORKER_POSSIBLY_REGISTERED', reason: 'NAME_AND_BIRTH_DATE', candidates: [] });
      expect(res.body.detail).toMatch(/contact the Centre/i);
      expectNothingOf(res.body, { ...theirs, birthDate: '1988-08-08' });
      expect(await workerCount()).toBe(before);
      // the Centre, which sees every dossier, gets the candidate named
      const staff = await request(t.http).post('/api/v1/workers').set(as(Role.STAFF)).send(same).expect(409);
      expect(staff.body.code).toBe('WORKER_DUPLICATE_SUSPECTED');
      expect(staff.body.candidates).toEqual([expect.objectContaining({ id: theirs.id, caseNumber: theirs.caseNumber, reason: 'NAME_AND_BIRTH_DATE' })]);
      // a name is only a suspicion: once the Centre says it is another person, force creates it in the liaison officer's agency
      const forced = await request(t.http).post('/api/v1/workers?force=true').set(as(Role.LIAISON)).send(same).expect(201);
      expect(forced.body.partnerAgencyId).toBe(ctx.agency.id);
      const timeline = await request(t.http).get(`/api/v1/workers/${forced.body.id}/timeline`).set(as(Role.LIAISON)).expect(200);
      expect(timeline.body.items[0]).toMatchObject({ kind: 'CREATED', text: 'created despite suspected duplicates' });
    });

    it("a passport number held by another agency's dossier: 409 WORKER_POSSIBLY_REGISTERED, nobody named, force or not", async () => {
      const passport = { number: 'FB7654321', issuedOn: '2021-06-01', expiresOn: '2031-05-31', issuer: 'IIV 1' };
      const holder = await createWorker(t, {
        lastNameCyr: 'Пасортов',
        lastNameLat: 'PASORTOV',
        birthDate: '1979-09-09',
        passport,
        recruitmentChannel: 'PARTNER_AGENCY',
        partnerAgencyId: otherAgency.id,
      });
      const other = workerInput({ lastNameCyr: 'Иной', lastNameLat: 'INOY', birthDate: '1990-10-10', passport: { ...passport, number: 'fb 7654321' } });
      for (const query of ['', '?force=true']) {
        const res = await request(t.http).post(`/api/v1/workers${query}`).set(as(Role.LIAISON)).send(other).expect(409);
        expect(res.body).toMatchObject({ code: 'WORKER_POSSIBLY_REGISTERED', reason: 'PASSPORT_NUMBER', candidates: [] });
        expect(res.body.detail).toMatch(/contact the Centre/i);
        expect(res.body.detail).not.toMatch(/force=true/);
        expectNothingOf(res.body, { ...holder, birthDate: '1979-09-09' });
      }
    });

    it('in scope, the candidates are named; a dossier outside the scope is left out even beside one inside', async () => {
      const name = { lastNameCyr: 'Сабиров', firstNameCyr: 'Отабек', lastNameLat: 'SABIROV', firstNameLat: 'OTABEK', birthDate: '1993-03-13' };
      const mine = await createWorker(t, { ...name, recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id });
      const theirs = await createWorker(t, { ...name, recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: otherAgency.id });
      const res = await request(t.http).post('/api/v1/workers').set(as(Role.LIAISON)).send(workerInput(name)).expect(409);
      expect(res.body.code).toBe('WORKER_DUPLICATE_SUSPECTED');
      expect(res.body.detail).toMatch(/force=true/);
      expect(res.body.candidates).toEqual([
        { id: mine.id, caseNumber: mine.caseNumber, name: 'SABIROV OTABEK', birthDate: '1993-03-13', score: expect.any(Number), reason: 'NAME_AND_BIRTH_DATE' },
      ]);
      expectNothingOf(res.body, { id: theirs.id, caseNumber: theirs.caseNumber, lastNameLat: 'no-name-to-check', birthDate: 'no-date-to-check' });
    });

    it('employers never reach the route', async () => {
      const before = await workerCount();
      const res = await request(t.http).post('/api/v1/workers').set(as(Role.EMPLOYER)).send(workerInput()).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await request(t.http).post('/api/v1/workers?force=true').set(as(Role.EMPLOYER)).send(workerInput()).expect(403);
      expect(await workerCount()).toBe(before);
    });
  });

  describe("a liaison officer's new worker belongs to one of their agencies", () => {
    it('another agency is refused with 422 naming partnerAgencyId, and nothing is created', async () => {
      const before = await workerCount();
      const res = await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(as(Role.LIAISON))
        .send(workerInput({ recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: otherAgency.id }))
        .expect(422);
      expect(res.body).toMatchObject({ code: 'WORKER_LINKS_INVALID', errors: [{ field: 'partnerAgencyId', message: 'must be one of your partner agencies' }] });
      expect(await workerCount()).toBe(before);
    });

    it('none given: their only agency; the worker is then theirs to read', async () => {
      const res = await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(as(Role.LIAISON))
        .send(workerInput({ recruitmentChannel: 'PARTNER_AGENCY' }))
        .expect(201);
      expect(res.body.partnerAgencyId).toBe(ctx.agency.id);
      await request(t.http).get(`/api/v1/workers/${res.body.id}`).set(as(Role.LIAISON)).expect(200);
      // staff may open a dossier with no agency at all
      const walkIn = await request(t.http).post('/api/v1/workers?force=true').set(as(Role.STAFF)).send(workerInput()).expect(201);
      expect(walkIn.body.partnerAgencyId).toBeNull();
    });

    it('an officer of several agencies must say which (422 naming the field); one of theirs is accepted', async () => {
      const third = await createAgency(t);
      const officer = await createUser(t, Role.LIAISON, { agencyIds: [ctx.agency.id, third.id] });
      const auth = { Authorization: `Bearer ${(await login(t, officer.email, officer.password)).accessToken}` };
      const missing = await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(auth)
        .send(workerInput({ recruitmentChannel: 'PARTNER_AGENCY' }))
        .expect(422);
      expect(missing.body.errors).toEqual([{ field: 'partnerAgencyId', message: expect.stringContaining('is required') }]);
      const chosen = await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(auth)
        .send(workerInput({ recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: third.id }))
        .expect(201);
      expect(chosen.body.partnerAgencyId).toBe(third.id);
      await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(auth)
        .send(workerInput({ partnerAgencyId: otherAgency.id }))
        .expect(422);
    });

    it('a liaison officer cannot move a dossier to another agency, or out of every agency, by PATCH', async () => {
      const w = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id });
      const read = await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.LIAISON)).expect(200);
      const moved = await request(t.http)
        .patch(`/api/v1/workers/${w.id}`)
        .set(as(Role.LIAISON))
        .set('If-Match', read.headers.etag)
        .send({ partnerAgencyId: otherAgency.id })
        .expect(422);
      expect(moved.body.errors).toEqual([{ field: 'partnerAgencyId', message: 'must be one of your partner agencies' }]);
      // null is refused too: as a business rule (422), or by validation where the field is not nullable (400)
      const cleared = await request(t.http)
        .patch(`/api/v1/workers/${w.id}`)
        .set(as(Role.LIAISON))
        .set('If-Match', read.headers.etag)
        .send({ partnerAgencyId: null });
      expect([400, 422]).toContain(cleared.status);
      expect(cleared.body.errors.map((e: { field: string }) => e.field)).toEqual(['partnerAgencyId']);
      const after = await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.LIAISON)).expect(200);
      expect(after.body).toMatchObject({ partnerAgencyId: ctx.agency.id, version: read.body.version });
    });
  });
});
