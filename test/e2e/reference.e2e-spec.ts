import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers, validInn } from '../factories/users';

describe('reference data', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const audits = (entityType: string) =>
    t.app.get(PrismaService).auditEvent.findMany({ where: { entityType, kind: 'CHANGE' }, orderBy: { occurredAt: 'asc' } });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('seeds МРОТ, the Omsk coefficient and the resulting floor; an admin changes a year, audited', async () => {
    const list = await request(t.http).get('/api/v1/reference/wage-floors').set(as(Role.EMPLOYER)).expect(200);
    expect(list.body).toContainEqual(expect.objectContaining({ year: 2026, mrotRub: 27093, regionalCoefficient: 1.15, floorRub: 31157 }));
    const put = await request(t.http).put('/api/v1/reference/wage-floors/2027').set(as(Role.ADMIN)).send({ mrotRub: 30000, note: 'law of 2026' }).expect(200);
    expect(put.body).toEqual({ year: 2027, mrotRub: 30000, regionalCoefficient: 1.15, floorRub: 34500, note: 'law of 2026' });
    await request(t.http).put('/api/v1/reference/wage-floors/2027').set(as(Role.ADMIN)).send({ mrotRub: 31000 }).expect(200);
    expect((await audits('minimum_wage')).map((a) => a.action)).toEqual(['minimum_wage.create', 'minimum_wage.update']);
    await request(t.http).put('/api/v1/reference/wage-floors/1999').set(as(Role.ADMIN)).send({ mrotRub: 1 }).expect(400);
    await request(t.http).put('/api/v1/reference/wage-floors/20x6').set(as(Role.ADMIN)).send({ mrotRub: 1 }).expect(400);
    await request(t.http).put('/api/v1/reference/wage-floors/2027').set(as(Role.ADMIN)).send({ mrotRub: -5 }).expect(400);
    await request(t.http).put('/api/v1/reference/wage-floors/2027').set(as(Role.ADMIN)).send({ mrotRub: 30000, extra: 1 }).expect(400);
    await request(t.http).put('/api/v1/reference/wage-floors/2027').set(as(Role.STAFF)).send({ mrotRub: 1000 }).expect(403);
  });

  it('a new coefficient changes every floor', async () => {
    await request(t.http).put('/api/v1/reference/regional-coefficients/OMSK').set(as(Role.ADMIN)).send({ coefficient: 1.2 }).expect(200);
    const list = await request(t.http).get('/api/v1/reference/wage-floors').set(as(Role.STAFF)).expect(200);
    expect(list.body.find((w: { year: number }) => w.year === 2025)).toMatchObject({ regionalCoefficient: 1.2, floorRub: 26928 });
    await request(t.http).put('/api/v1/reference/regional-coefficients/OMSK').set(as(Role.ADMIN)).send({ coefficient: 1.15 }).expect(200);
    await request(t.http).put('/api/v1/reference/regional-coefficients/omsk').set(as(Role.ADMIN)).send({ coefficient: 1.2 }).expect(400);
    await request(t.http).put('/api/v1/reference/regional-coefficients/OMSK').set(as(Role.ADMIN)).send({ coefficient: 0 }).expect(400);
  });

  it('bans: seeded decrees, filter by day, dates checked (422), If-Match (412), unknown id 404', async () => {
    const all = await request(t.http).get('/api/v1/reference/bans').set(as(Role.LIAISON)).expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(2);
    const before2026 = await request(t.http).get('/api/v1/reference/bans?on=2026-02-28').set(as(Role.STAFF)).expect(200);
    const after2026 = await request(t.http).get('/api/v1/reference/bans?on=2026-03-01').set(as(Role.STAFF)).expect(200);
    expect(after2026.body.length).toBe(before2026.body.length + 1);
    await request(t.http).get('/api/v1/reference/bans?on=yesterday').set(as(Role.STAFF)).expect(400);

    const created = await request(t.http)
      .post('/api/v1/reference/bans')
      .set(as(Role.ADMIN))
      .send({ title: 'Test decree', activityCodes: ['01.13'], effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31' })
      .expect(201);
    expect(created.body).toMatchObject({ activityCodes: ['01.13'], effectiveTo: '2027-12-31', version: 1 });
    const bad = await request(t.http)
      .post('/api/v1/reference/bans')
      .set(as(Role.ADMIN))
      .send({ title: 'Backwards', activityCodes: ['01.13'], effectiveFrom: '2027-01-01', effectiveTo: '2026-12-31' })
      .expect(422);
    expect(bad.body.code).toBe('BAN_DATES_INVALID');
    await request(t.http)
      .post('/api/v1/reference/bans')
      .set(as(Role.ADMIN))
      .send({ title: 'Bad code', activityCodes: ['471'], effectiveFrom: '2027-01-01' })
      .expect(400);

    const id = created.body.id as string;
    const patched = await request(t.http)
      .patch(`/api/v1/reference/bans/${id}`)
      .set(as(Role.ADMIN))
      .set('If-Match', '"1"')
      .send({ effectiveTo: null })
      .expect(200);
    expect(patched.body).toMatchObject({ effectiveTo: null, version: 2 });
    await request(t.http).patch(`/api/v1/reference/bans/${id}`).set(as(Role.ADMIN)).set('If-Match', '"1"').send({ note: 'x' }).expect(412);
    const backwards = await request(t.http)
      .patch(`/api/v1/reference/bans/${id}`)
      .set(as(Role.ADMIN))
      .set('If-Match', '*')
      .send({ effectiveTo: '2026-01-01' })
      .expect(422);
    expect(backwards.body.code).toBe('BAN_DATES_INVALID');
    const missing = await request(t.http)
      .patch('/api/v1/reference/bans/7d0f0b5e-7b5e-4a8e-9d0e-000000000000')
      .set(as(Role.ADMIN))
      .send({ note: 'x' })
      .expect(404);
    expect(missing.body.code).toBe('BAN_NOT_FOUND');
    await request(t.http).patch(`/api/v1/reference/bans/${id}`).set(as(Role.STAFF)).send({ note: 'x' }).expect(403);
  });

  it('occupations are listed and searched; an admin adds one', async () => {
    const found = await request(t.http)
      .get(`/api/v1/reference/occupations?q=${encodeURIComponent('каменщик')}`)
      .set(as(Role.EMPLOYER))
      .expect(200);
    expect(found.body).toEqual([{ code: '7112', title: 'Bricklayer', titleRu: 'Каменщик' }]);
    await request(t.http).put('/api/v1/reference/occupations/7126').set(as(Role.ADMIN)).send({ title: 'Plumber', titleRu: 'Сантехник' }).expect(200);
    const byCode = await request(t.http).get('/api/v1/reference/occupations?q=7126').set(as(Role.STAFF)).expect(200);
    expect(byCode.body).toEqual([{ code: '7126', title: 'Plumber', titleRu: 'Сантехник' }]);
    await request(t.http).put('/api/v1/reference/occupations/712').set(as(Role.ADMIN)).send({ title: 'Plumber', titleRu: 'Сантехник' }).expect(400);
  });

  it('local wages by year and occupation; an unknown occupation is 422', async () => {
    const list = await request(t.http).get('/api/v1/reference/local-wages?year=2026&occupationCode=7112').set(as(Role.STAFF)).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ year: 2026, occupationCode: '7112', amountRub: 78000 })]);
    const put = await request(t.http).put('/api/v1/reference/local-wages/2026/7112').set(as(Role.ADMIN)).send({ amountRub: 80000 }).expect(200);
    expect(put.body).toMatchObject({ amountRub: 80000 });
    const unknown = await request(t.http).put('/api/v1/reference/local-wages/2026/0001').set(as(Role.ADMIN)).send({ amountRub: 80000 }).expect(422);
    expect(unknown.body.code).toBe('OCCUPATION_UNKNOWN');
    await request(t.http).get('/api/v1/reference/local-wages?year=abc').set(as(Role.STAFF)).expect(400);
    expect((await audits('local_wage')).map((a) => a.action)).toEqual(['local_wage.update']);
  });

  it('labour parameters: seeded, changed within their range only', async () => {
    const list = await request(t.http).get('/api/v1/reference/labour-parameters').set(as(Role.EMPLOYER)).expect(200);
    expect(list.body.map((p: { key: string; value: number }) => [p.key, p.value])).toEqual([
      ['FULL_TIME_HOURS_PER_WEEK', 40],
      ['INCOME_TAX_RATE', 0.13],
      ['MAX_DEDUCTION_SHARE', 0.2],
    ]);
    const put = await request(t.http).put('/api/v1/reference/labour-parameters/MAX_DEDUCTION_SHARE').set(as(Role.ADMIN)).send({ value: 0.5 }).expect(200);
    expect(put.body).toMatchObject({ key: 'MAX_DEDUCTION_SHARE', value: 0.5 });
    await request(t.http).put('/api/v1/reference/labour-parameters/MAX_DEDUCTION_SHARE').set(as(Role.ADMIN)).send({ value: 1.5 }).expect(400);
    await request(t.http).put('/api/v1/reference/labour-parameters/VAT').set(as(Role.ADMIN)).send({ value: 0.2 }).expect(400);
    await request(t.http).put('/api/v1/reference/labour-parameters/MAX_DEDUCTION_SHARE').set(as(Role.ADMIN)).send({ value: 0.2 }).expect(200);
  });

  it('activity codes (ОКВЭД): listed and searched; an admin adds one, which employers may then declare', async () => {
    const found = await request(t.http).get('/api/v1/reference/activity-codes?q=47.1').set(as(Role.EMPLOYER)).expect(200);
    expect(found.body.map((c: { code: string }) => c.code)).toEqual(['47.11']);
    const byTitle = await request(t.http)
      .get(`/api/v1/reference/activity-codes?q=${encodeURIComponent('хлеба')}`)
      .set(as(Role.STAFF))
      .expect(200);
    expect(byTitle.body.map((c: { code: string }) => c.code)).toEqual(['10.71']);

    const refused = await request(t.http)
      .post('/api/v1/employers')
      .set(as(Role.STAFF))
      .send({ name: 'Fish farm', inn: validInn(), okved: '03.22' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'EMPLOYER_REGISTRATION_INVALID', errors: [{ field: 'okved' }] });
    await request(t.http).put('/api/v1/reference/activity-codes/03.22').set(as(Role.ADMIN)).send({ title: 'Пресноводное рыбоводство' }).expect(200);
    await request(t.http).post('/api/v1/employers').set(as(Role.STAFF)).send({ name: 'Fish farm', inn: validInn(), okved: '03.22' }).expect(201);

    await request(t.http).put('/api/v1/reference/activity-codes/03').set(as(Role.ADMIN)).send({ title: 'Рыболовство' }).expect(400);
    await request(t.http).put('/api/v1/reference/activity-codes/03.21').set(as(Role.ADMIN)).send({ title: '' }).expect(400);
    await request(t.http).put('/api/v1/reference/activity-codes/03.21').set(as(Role.STAFF)).send({ title: 'Морское рыбоводство' }).expect(403);
    expect((await audits('activity_code')).map((a) => a.action)).toEqual(['activity_code.create']);
  });
});
