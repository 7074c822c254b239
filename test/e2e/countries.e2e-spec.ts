import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { seedReferenceData } from '../../src/reference/reference.seed';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers } from '../factories/users';
import { createWorker, workerInput } from '../factories/workers';
import { requestInput } from '../factories/labour-requests';

/** Citizenships are ISO 3166 codes of the countries reference table. */
describe('countries and citizenships', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  describe('GET /reference/countries', () => {
    it('every role reads the 249 ISO 3166-1 countries with Russian and English names and their regime', async () => {
      for (const role of Object.values(Role)) {
        const res = await request(t.http).get('/api/v1/reference/countries').set(as(role)).expect(200);
        expect(res.body).toHaveLength(249);
        const byCode = new Map(res.body.map((c: { code: string }) => [c.code, c]));
        expect(byCode.get('UZ')).toEqual({ code: 'UZ', alpha3: 'UZB', nameEn: 'Uzbekistan', nameRu: 'Узбекистан', regime: 'PATENT' });
        expect(byCode.get('KG')).toMatchObject({ regime: 'EAEU' });
        expect(byCode.get('RU')).toMatchObject({ regime: 'RUSSIA' });
        expect(byCode.get('CN')).toMatchObject({ regime: 'VISA' });
      }
      await request(t.http).get('/api/v1/reference/countries').expect(401);
    });

    it('filters by regime and searches codes and both names; bad filters are 400', async () => {
      const codes = async (query: string) =>
        (await request(t.http).get(`/api/v1/reference/countries?${query}`).set(as(Role.LIAISON)).expect(200)).body.map((c: { code: string }) => c.code);
      expect(await codes('regime=EAEU')).toEqual(['AM', 'BY', 'KG', 'KZ']);
      expect(await codes('regime=RUSSIA')).toEqual(['RU']);
      expect(await codes(`q=${encodeURIComponent('узбек')}`)).toEqual(['UZ']);
      expect(await codes('q=tajik')).toEqual(['TJ']);
      expect(await codes('q=kgz')).toEqual(['KG']);
      expect(await codes('q=kg')).toContain('KG');
      await request(t.http).get('/api/v1/reference/countries?regime=SCHENGEN').set(as(Role.STAFF)).expect(400);
      await request(t.http).get('/api/v1/reference/countries?country=UZ').set(as(Role.STAFF)).expect(400);
    });

    it('the start seeds missing countries and leaves an edited one alone', async () => {
      const prisma = t.app.get(PrismaService);
      await prisma.country.update({ where: { code: 'TJ' }, data: { nameRu: 'Республика Таджикистан' } });
      await prisma.country.delete({ where: { code: 'ZW' } });
      await seedReferenceData(t.app);
      expect(await prisma.country.count()).toBe(249);
      expect((await prisma.country.findUnique({ where: { code: 'TJ' } }))?.nameRu).toBe('Республика Таджикистан');
    });
  });

  describe("a worker's citizenship", () => {
    it('a code not on the list is 422 naming citizenship; a malformed one 400; nothing is created', async () => {
      const before = await t.app.get(PrismaService).worker.count();
      const res = await request(t.http)
        .post('/api/v1/workers?force=true')
        .set(as(Role.STAFF))
        .send(workerInput({ citizenship: 'XX' }))
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'WORKER_CITIZENSHIP_INVALID',
        errors: [{ field: 'citizenship', message: expect.stringContaining('XX is not an ISO 3166 country code') }],
      });
      const malformed = await request(t.http)
        .post('/api/v1/workers')
        .set(as(Role.STAFF))
        .send(workerInput({ citizenship: 'Uzbekistan' }))
        .expect(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field)).toContain('citizenship');
      expect(await t.app.get(PrismaService).worker.count()).toBe(before);
    });

    it('RU is refused for a migrant dossier, with a message that says why', async () => {
      const res = await request(t.http)
        .post('/api/v1/workers')
        .set(as(Role.LIAISON))
        .send(workerInput({ citizenship: 'RU' }))
        .expect(422);
      expect(res.body.code).toBe('WORKER_CITIZENSHIP_INVALID');
      expect(res.body.errors).toEqual([{ field: 'citizenship', message: expect.stringContaining('a citizen of Russia is not a labour migrant') }]);
      expect(res.body.detail).toContain('a citizen of Russia is not a labour migrant');
    });

    it('a change of citizenship is checked the same way; a real one is accepted and the regime follows it', async () => {
      const w = await createWorker(t, { citizenship: 'UZ' });
      for (const citizenship of ['ZZ', 'RU']) {
        const res = await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ citizenship }).expect(422);
        expect(res.body.errors[0].field).toBe('citizenship');
      }
      const kg = await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ citizenship: 'KG' }).expect(200);
      expect(kg.body).toMatchObject({ citizenship: 'KG', workAuthorization: 'NOT_REQUIRED' });
    });

    it('the work-authorisation regimes still follow citizenship: EAEU needs nothing, patent and visa countries need papers', async () => {
      for (const [citizenship, expected] of [
        ['KZ', 'NOT_REQUIRED'],
        ['TJ', 'MISSING'],
        ['VN', 'MISSING'],
      ]) {
        const res = await request(t.http).post('/api/v1/workers?force=true').set(as(Role.STAFF)).send(workerInput({ citizenship })).expect(201);
        expect(res.body.workAuthorization).toBe(expected);
      }
    });
  });

  describe("a labour request's preferred citizenships", () => {
    const body = (preferredCitizenships: string[]) => requestInput({ preferredCitizenships, periodStart: '2027-04-01', periodEnd: '2027-11-30' });

    it('an unknown code or RU is refused naming preferredCitizenships; ISO codes are accepted', async () => {
      const bad = await request(t.http)
        .post('/api/v1/labour-requests')
        .set(as(Role.EMPLOYER))
        .send(body(['ZZ']))
        .expect(422);
      expect(bad.body).toMatchObject({
        code: 'LABOUR_REQUEST_INVALID',
        errors: [{ field: 'preferredCitizenships', message: expect.stringContaining('ZZ is not an ISO 3166 country code') }],
      });
      const ru = await request(t.http)
        .post('/api/v1/labour-requests')
        .set(as(Role.EMPLOYER))
        .send(body(['UZ', 'RU']))
        .expect(422);
      expect(ru.body.errors).toEqual([{ field: 'preferredCitizenships', message: expect.stringContaining('a citizen of Russia') }]);
      const ok = await request(t.http)
        .post('/api/v1/labour-requests')
        .set(as(Role.EMPLOYER))
        .send(body(['UZ', 'kg']))
        .expect(201);
      expect(ok.body.preferredCitizenships).toEqual(['UZ', 'KG']);
      const patched = await request(t.http)
        .patch(`/api/v1/labour-requests/${ok.body.id}`)
        .set(as(Role.EMPLOYER))
        .set('If-Match', `"${ok.body.version}"`)
        .send({ preferredCitizenships: ['TJ', 'XK'] })
        .expect(422);
      expect(patched.body.errors).toEqual([{ field: 'preferredCitizenships', message: expect.stringContaining('XK is not') }]);
    });
  });
});
