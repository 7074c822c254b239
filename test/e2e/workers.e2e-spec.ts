import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createRoleUsers } from '../factories/users';
import { createWorker, workerInput } from '../factories/workers';
import { createDraftRequest } from '../factories/labour-requests';

describe('workers', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('opens a dossier with a case number, the initial status and derived work authorisation', async () => {
    const res = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ recruitmentChannel: 'WALK_IN' }))
      .expect(201);
    expect(res.body.caseNumber).toMatch(/^OMS-\d{4}-\d{6}$/);
    expect(res.body).toMatchObject({ status: 'ARRIVED', workAuthorization: 'MISSING', version: 1 });
    const kg = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(
        workerInput({
          citizenship: 'KG',
          lastNameCyr: 'Мамытов',
          lastNameLat: 'MAMYTOV',
          recruitmentChannel: 'PARTNER_AGENCY',
          partnerAgencyId: ctx.agency.id,
        }),
      )
      .expect(201);
    expect(kg.body).toMatchObject({ status: 'CANDIDATE', workAuthorization: 'NOT_REQUIRED' });
  });

  it('case numbers are gap-free under concurrent creation (20 at once)', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(t.http)
          .post('/api/v1/workers?force=true')
          .set(as(Role.STAFF))
          .send(workerInput({ lastNameCyr: 'Параллельный', lastNameLat: `PARALLEL`, birthDate: `1990-01-${String(i + 1).padStart(2, '0')}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.caseNumber)).size).toBe(20);
    const all = await t.app.get(PrismaService).worker.findMany({ select: { caseNumber: true } });
    const numbers = all.map((w) => Number(w.caseNumber.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('suspected duplicates (same birth date, name in any spelling) answer 409 with candidates unless force=true', async () => {
    const first = await createWorker(t, {
      lastNameCyr: 'Ахмедов',
      firstNameCyr: 'Акмал',
      lastNameLat: 'AKHMEDOV',
      firstNameLat: 'AKMAL',
      birthDate: '1991-05-05',
    });
    const dup = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ lastNameCyr: 'Ахмедов', firstNameCyr: 'Акмал', lastNameLat: 'AXMEDOV', firstNameLat: 'AKMAL', birthDate: '1991-05-05' }))
      .expect(409);
    expect(dup.body.code).toBe('WORKER_DUPLICATE_SUSPECTED');
    expect(dup.body.candidates.map((c: { id: string }) => c.id)).toContain(first.id);
    await request(t.http)
      .post('/api/v1/workers?force=true')
      .set(as(Role.STAFF))
      .send(workerInput({ lastNameCyr: 'Ахмедов', firstNameCyr: 'Акмал', lastNameLat: 'AXMEDOV', firstNameLat: 'AKMAL', birthDate: '1991-05-05' }))
      .expect(201);
    // another birth date is another person
    await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ lastNameCyr: 'Ахмедов', lastNameLat: 'AKHMEDOV', birthDate: '1992-06-06' }))
      .expect(201);
  });

  it('a passport number already on file is refused whatever the name (DOCUMENT_NUMBER_TAKEN, force or not); the passport is recorded encrypted', async () => {
    const passport = { number: 'AA1112223', issuedOn: '2022-04-01', expiresOn: '2032-03-31', issuer: 'IIV' };
    const first = await request(t.http).post('/api/v1/workers').set(as(Role.STAFF)).send(workerInput({ passport })).expect(201);
    const docs = await request(t.http).get(`/api/v1/workers/${first.body.id}/documents`).set(as(Role.STAFF)).expect(200);
    expect(docs.body.items).toMatchObject([{ type: 'PASSPORT', number: 'AA1112223' }]);
    const other = workerInput({
      lastNameCyr: 'Совсемдругой',
      lastNameLat: 'SOVSEMDRUGOY',
      birthDate: '1970-01-01',
      passport: { ...passport, number: 'aa 1112223' },
    });
    const dup = await request(t.http).post('/api/v1/workers').set(as(Role.STAFF)).send(other).expect(409);
    expect(dup.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
    expect(dup.body.candidates).toEqual([expect.objectContaining({ id: first.body.id, reason: 'PASSPORT_NUMBER' })]);
    const forced = await request(t.http).post('/api/v1/workers?force=true').set(as(Role.STAFF)).send(other).expect(409);
    expect(forced.body.code).toBe('DOCUMENT_NUMBER_TAKEN');
    const stored = await t.app.get(PrismaService).workerDocument.findFirstOrThrow({ where: { workerId: first.body.id, type: 'PASSPORT' } });
    expect(stored.numberEnc).not.toContain('1112223');
    expect(stored.country).toBe('UZ');
    const bad = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ passport: { ...passport, number: 'XY9998887', expiresOn: '2020-01-01' } }))
      .expect(422);
    expect(bad.body.errors[0].field).toMatch(/^passport\./);
    await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ passport: { number: 'X' } as never }))
      .expect(400);
  });

  it.each(['Ахмедов', 'Akhmedov', 'Axmedov', 'Ahmedov', 'ахмедов акмал'])('finds Ахмедов / AKHMEDOV by %s, ranked by similarity', async (q) => {
    const res = await request(t.http)
      .get(`/api/v1/workers?q=${encodeURIComponent(q)}`)
      .set(as(Role.STAFF))
      .expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0].lastNameLat).toMatch(/^A(KH|X)MEDOV$/);
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('lists summaries, in a search too; the whole dossier only through GET /workers/:id, which the access log records', async () => {
    const w = await createWorker(t, {
      lastNameCyr: 'Сводкин',
      firstNameCyr: 'Фарход',
      lastNameLat: 'SVODKIN',
      firstNameLat: 'FARKHOD',
      phone: '+998901112233',
      birthDate: '1993-02-03',
    });
    const SUMMARY = [
      'archivedAt',
      'birthDate',
      'caseNumber',
      'citizenship',
      'firstNameCyr',
      'firstNameLat',
      'id',
      'intermediaryBlacklisted',
      'lastNameCyr',
      'lastNameLat',
      'occupations',
      'patronymicCyr',
      'patronymicLat',
      'status',
      'unannounced',
      'workAuthorization',
    ];
    const dossier = (await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).expect(200)).body;
    const reads = () => t.app.get(PrismaService).auditEvent.count({ where: { kind: 'ACCESS', action: 'worker.read', entityId: w.id } });
    expect(await reads()).toBe(1);
    const listed = (await request(t.http).get('/api/v1/workers?limit=200').set(as(Role.STAFF)).expect(200)).body.items.find(
      (i: { id: string }) => i.id === w.id,
    );
    const found = (await request(t.http).get('/api/v1/workers?q=svodkin').set(as(Role.STAFF)).expect(200)).body.items[0];
    expect(Object.keys(listed).sort()).toEqual(SUMMARY);
    expect(Object.keys(found).sort()).toEqual([...SUMMARY, 'score'].sort());
    const summary = Object.fromEntries(SUMMARY.map((k) => [k, dossier[k]]));
    expect(listed).toEqual(summary);
    expect(found).toEqual({ ...summary, score: expect.any(Number) });
    expect(await reads()).toBe(1); // a list is not a dossier read
  });

  it('refuses bad input with 400 and incoherent dates with 422', async () => {
    const bad = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ lastNameCyr: 'Smith', citizenship: 'uzb', sex: 'X' as never }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['citizenship', 'lastNameCyr', 'sex']);
    const future = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ birthDate: '2090-01-01' }))
      .expect(422);
    expect(future.body.code).toBe('WORKER_DATES_INVALID');
    const link = await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send(workerInput({ partnerAgencyId: '7d0f0b5e-7b5e-4a8e-9d0e-000000000000' }))
      .expect(422);
    expect(link.body.code).toBe('WORKER_LINKS_INVALID');
    await request(t.http)
      .post('/api/v1/workers')
      .set(as(Role.STAFF))
      .send({ ...workerInput(), status: 'EMPLOYED' })
      .expect(400);
  });

  it('transitions along the lifecycle; an illegal move is 409 with the allowed targets; all in the timeline', async () => {
    const w = await createWorker(t, { recruitmentChannel: 'WALK_IN' });
    const ok = await request(t.http)
      .post(`/api/v1/workers/${w.id}/transitions`)
      .set(as(Role.STAFF))
      .send({ to: 'DOCUMENTS_IN_PROGRESS', reason: 'Registration filed' })
      .expect(200);
    expect(ok.body.status).toBe('DOCUMENTS_IN_PROGRESS');
    const bad = await request(t.http).post(`/api/v1/workers/${w.id}/transitions`).set(as(Role.STAFF)).send({ to: 'CANDIDATE', reason: 'oops' }).expect(409);
    expect(bad.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', allowed: expect.arrayContaining(['READY_TO_WORK']) });
    await request(t.http).post(`/api/v1/workers/${w.id}/transitions`).set(as(Role.STAFF)).send({ to: 'NOWHERE', reason: 'x' }).expect(400);
    const timeline = await request(t.http).get(`/api/v1/workers/${w.id}/timeline`).set(as(Role.STAFF)).expect(200);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['CREATED', 'TRANSITION']);
    expect(timeline.body.items[1]).toMatchObject({ fromStatus: 'ARRIVED', toStatus: 'DOCUMENTS_IN_PROGRESS', text: 'Registration filed' });
  });

  it('archives and restores a dossier: archived ones leave the default list, never the database', async () => {
    const w = await createWorker(t, { lastNameCyr: 'Архивов', lastNameLat: 'ARKHIVOV' });
    const res = await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '*').send({ archived: true }).expect(200);
    expect(res.body.archivedAt).toEqual(expect.any(String));
    const list = await request(t.http).get('/api/v1/workers?q=Arkhivov').set(as(Role.STAFF)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(w.id);
    const all = await request(t.http).get('/api/v1/workers?q=Arkhivov&includeArchived=true').set(as(Role.STAFF)).expect(200);
    expect(all.body.items.find((i: { id: string }) => i.id === w.id)).toMatchObject({ archivedAt: res.body.archivedAt });
    const plain = await request(t.http).get('/api/v1/workers?limit=200').set(as(Role.STAFF)).expect(200);
    expect(plain.body.items.map((i: { id: string }) => i.id)).not.toContain(w.id);
    const plainAll = await request(t.http).get('/api/v1/workers?limit=200&includeArchived=true').set(as(Role.STAFF)).expect(200);
    expect(plainAll.body.items.find((i: { id: string }) => i.id === w.id)).toMatchObject({ archivedAt: res.body.archivedAt });
    await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).expect(200);
    const back = await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '*').send({ archived: false }).expect(200);
    expect(back.body.archivedAt).toBeNull();
  });

  it('two PATCHes with the same version: one wins, the other is 412', async () => {
    const w = await createWorker(t);
    const [a, b] = await Promise.all([
      request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ phone: '+998900000001' }),
      request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ phone: '+998900000002' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
  });

  it('ranks the right person first for misspelled queries in both scripts', async () => {
    const people = [
      { lastNameCyr: 'Холматов', firstNameCyr: 'Улугбек', lastNameLat: 'XOLMATOV', firstNameLat: 'ULUGBEK' },
      { lastNameCyr: 'Хамидов', firstNameCyr: 'Улугбек', lastNameLat: 'KHAMIDOV', firstNameLat: 'ULUGBEK' },
      { lastNameCyr: 'Турдубаев', firstNameCyr: 'Эмиль', lastNameLat: 'TURDUBAEV', firstNameLat: 'EMIL' },
      { lastNameCyr: 'Турсунов', firstNameCyr: 'Эркин', lastNameLat: 'TURSUNOV', firstNameLat: 'ERKIN' },
    ];
    const ids: string[] = [];
    for (const p of people) ids.push((await createWorker(t, p)).id);
    const cases: [string, number][] = [
      ['Kholmatov', 0],
      ['Холматов Улугбек', 0],
      ['Holmatof', 0],
      ['Хамидоф', 1],
      ['Turdubayev', 2],
      ['Турдубаив', 2],
      ['Tursunov Erkin', 3],
    ];
    for (const [q, who] of cases) {
      const res = await request(t.http)
        .get(`/api/v1/workers?q=${encodeURIComponent(q)}`)
        .set(as(Role.STAFF))
        .expect(200);
      expect({ q, first: res.body.items[0]?.id }).toEqual({ q, first: ids[who] });
    }
  });

  it('updates with If-Match (412 when stale) and keeps search text in step with names', async () => {
    const w = await createWorker(t);
    const ok = await request(t.http)
      .patch(`/api/v1/workers/${w.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', '"1"')
      .send({ lastNameCyr: 'Юсупов', lastNameLat: 'YUSUPOV' })
      .expect(200);
    expect(ok.headers.etag).toBe('"2"');
    await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).set('If-Match', '"1"').send({ phone: '+998901234567' }).expect(412);
    const found = await request(t.http).get('/api/v1/workers?q=Iusupov').set(as(Role.STAFF)).expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(w.id);
    await request(t.http).patch(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).send({ caseNumber: 'OMS-1-1' }).expect(400);
  });

  it("scopes: liaison officers see their agencies' workers only; employers none yet; others are 404", async () => {
    const mine = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id });
    const otherAgency = await createAgency(t);
    const theirs = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: otherAgency.id });
    await request(t.http).get(`/api/v1/workers/${mine.id}`).set(as(Role.LIAISON)).expect(200);
    const hidden = await request(t.http).get(`/api/v1/workers/${theirs.id}`).set(as(Role.LIAISON)).expect(404);
    expect(hidden.body.code).toBe('WORKER_NOT_FOUND');
    await request(t.http).post(`/api/v1/workers/${theirs.id}/transitions`).set(as(Role.LIAISON)).send({ to: 'CLOSED', reason: 'not mine' }).expect(404);
    const list = await request(t.http).get('/api/v1/workers?limit=200').set(as(Role.LIAISON)).expect(200);
    const listed: string[] = list.body.items.map((w: { id: string }) => w.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    const agencies = await t.app.get(PrismaService).worker.findMany({ where: { id: { in: listed } }, select: { partnerAgencyId: true } });
    expect(agencies.map((w) => w.partnerAgencyId)).toEqual(listed.map(() => ctx.agency.id));
    await request(t.http).get(`/api/v1/workers/${mine.id}`).set(as(Role.EMPLOYER)).expect(404);
    expect((await request(t.http).get('/api/v1/workers').set(as(Role.EMPLOYER)).expect(200)).body.items).toEqual([]);
  });

  it("?employerId= lists the workers with a placement (any status) with that employer, within each role's scope", async () => {
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const place = async (workerId: string, employerId: string, ended: boolean) => {
      const lr = await createDraftRequest(t, employerId);
      await t.app.get(PrismaService).placement.create({
        data: {
          labourRequestId: lr.id,
          employerId,
          workerId,
          startDate: day(ended ? '2025-03-01' : '2026-03-01'),
          endDate: ended ? day('2025-11-30') : null,
          status: ended ? 'ENDED' : 'ACTIVE',
          monthlyWageRub: 60000,
          hoursPerWeek: 40,
        },
      });
    };
    const otherAgency = await createAgency(t);
    const viaAgency = (partnerAgencyId: string) => ({
      recruitmentChannel: 'PARTNER_AGENCY' as const,
      partnerAgencyId,
      lastNameCyr: 'Работников',
      lastNameLat: 'RABOTNIKOV',
    });
    const atEmployer = await createWorker(t, viaAgency(ctx.agency.id));
    const endedElsewhere = await createWorker(t, viaAgency(ctx.agency.id));
    const both = await createWorker(t, viaAgency(otherAgency.id));
    const unplaced = await createWorker(t, viaAgency(ctx.agency.id));
    await place(atEmployer.id, ctx.employer.id, false);
    await place(endedElsewhere.id, ctx.otherEmployer.id, true);
    await place(both.id, ctx.otherEmployer.id, true);
    await place(both.id, ctx.employer.id, false);
    const ours = new Set([atEmployer.id, endedElsewhere.id, both.id, unplaced.id]);
    const listed = async (role: Role, query: string) => {
      const res = await request(t.http).get(`/api/v1/workers?limit=200&${query}`).set(as(role)).expect(200);
      return res.body.items
        .map((w: { id: string }) => w.id)
        .filter((id: string) => ours.has(id))
        .sort();
    };
    const sorted = (...ids: string[]) => ids.sort();
    for (const role of [Role.ADMIN, Role.STAFF]) {
      expect(await listed(role, `employerId=${ctx.employer.id}`)).toEqual(sorted(atEmployer.id, both.id));
      expect(await listed(role, `employerId=${ctx.otherEmployer.id}`)).toEqual(sorted(endedElsewhere.id, both.id));
      expect(await listed(role, `employerId=${ctx.employer.id}&q=Rabotnikov`)).toEqual(sorted(atEmployer.id, both.id));
    }
    // liaison officers: their agencies' workers only
    expect(await listed(Role.LIAISON, `employerId=${ctx.employer.id}`)).toEqual([atEmployer.id]);
    expect(await listed(Role.LIAISON, `employerId=${ctx.otherEmployer.id}`)).toEqual([endedElsewhere.id]);
    // employers: their own id lists their workers (minimal view, own placements only); another employer's id, nothing
    const own = await request(t.http).get(`/api/v1/workers?employerId=${ctx.employer.id}`).set(as(Role.EMPLOYER)).expect(200);
    expect(own.body.items.map((w: { id: string }) => w.id).sort()).toEqual(sorted(atEmployer.id, both.id));
    expect(own.body.items.flatMap((w: { placements: { employerId: string }[] }) => w.placements.map((p) => p.employerId))).toEqual([
      ctx.employer.id,
      ctx.employer.id,
    ]);
    expect((await request(t.http).get(`/api/v1/workers?employerId=${ctx.otherEmployer.id}`).set(as(Role.EMPLOYER)).expect(200)).body.items).toEqual([]);
    expect(
      (await request(t.http).get(`/api/v1/workers?employerId=${ctx.otherEmployer.id}&q=Rabotnikov`).set(as(Role.EMPLOYER)).expect(200)).body.items,
    ).toEqual([]);
    await request(t.http).get('/api/v1/workers?employerId=not-a-uuid').set(as(Role.STAFF)).expect(400);
  });

  it('every full-dossier read is in the access log, readable by admins only', async () => {
    const w = await createWorker(t);
    await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).expect(200);
    await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.ADMIN)).expect(200);
    const log = await request(t.http).get(`/api/v1/workers/${w.id}/access-log`).set(as(Role.ADMIN)).expect(200);
    const reads = log.body.items.filter((e: { action: string }) => e.action === 'worker.read');
    expect(reads.map((e: { actorId: string }) => e.actorId).sort()).toEqual([ctx.users.ADMIN.id, ctx.users.STAFF.id].sort());
    await request(t.http).get(`/api/v1/workers/${w.id}/access-log`).set(as(Role.STAFF)).expect(403);
    await request(t.http).get('/api/v1/workers/7d0f0b5e-7b5e-4a8e-9d0e-000000000000/access-log').set(as(Role.ADMIN)).expect(404);
  });

  it('flags a worker recruited through a blacklisted intermediary', async () => {
    const i = await request(t.http).post('/api/v1/intermediaries').set(as(Role.STAFF)).send({ name: 'Бригадир Рустам', status: 'UNVERIFIED' }).expect(201);
    const w = await createWorker(t, { recruitmentChannel: 'INTERMEDIARY', intermediaryId: i.body.id });
    expect(w.intermediaryBlacklisted).toBe(false);
    await request(t.http).patch(`/api/v1/intermediaries/${i.body.id}`).set(as(Role.LIAISON)).set('If-Match', '*').send({ status: 'BLACKLISTED' }).expect(200);
    const res = await request(t.http).get(`/api/v1/workers/${w.id}`).set(as(Role.STAFF)).expect(200);
    expect(res.body.intermediaryBlacklisted).toBe(true);
    await request(t.http).get('/api/v1/intermediaries?status=BLACKLISTED').set(as(Role.EMPLOYER)).expect(403);
  });

  it('partner agencies: admins write, staff and liaison read (liaison: own only)', async () => {
    const created = await request(t.http).post('/api/v1/partner-agencies').set(as(Role.ADMIN)).send({ name: 'Dushanbe Agency', country: 'TJ' }).expect(201);
    await request(t.http).post('/api/v1/partner-agencies').set(as(Role.STAFF)).send({ name: 'X Agency', country: 'TJ' }).expect(403);
    await request(t.http).patch(`/api/v1/partner-agencies/${created.body.id}`).set(as(Role.ADMIN)).set('If-Match', '*').send({ licence: 'No 42' }).expect(200);
    await request(t.http).patch('/api/v1/partner-agencies/7d0f0b5e-7b5e-4a8e-9d0e-000000000000').set(as(Role.ADMIN)).send({ licence: 'No 42' }).expect(404);
    const liaison = await request(t.http).get('/api/v1/partner-agencies').set(as(Role.LIAISON)).expect(200);
    expect(liaison.body.items.map((a: { id: string }) => a.id)).toEqual([ctx.agency.id]);
    await request(t.http).get('/api/v1/partner-agencies').set(as(Role.EMPLOYER)).expect(403);
  });
});
