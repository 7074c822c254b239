import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { searchQuery, searchText } from '../../src/workers/transliteration';
import { WorkersRepository } from '../../src/workers/workers.repository';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';
import { createDraftRequest } from '../factories/labour-requests';

/**
 * Name search ranking (WorkersRepository.search, src/workers/worker-search.ts): each query word
 * against the lexicon of name words (trigram word similarity >= SEARCH_MIN_WORD_SIMILARITY), the
 * score a weighted mean of each query word's best match, ties (one query word) by the name word
 * matched, then in id order.
 */
describe('worker search', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const search = (q: string, role = Role.STAFF, extra = '') =>
    request(t.http)
      .get(`/api/v1/workers?q=${encodeURIComponent(q)}${extra}`)
      .set(as(role))
      .expect(200);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
  /** Every page of a search as STAFF, following nextCursor: the ids and scores in the order given. */
  async function allPages(q: string, limit: number) {
    const seen: string[] = [];
    const scores: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await search(q, Role.STAFF, `&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(res));
      scores.push(...res.body.items.map((i: { score: number }) => i.score));
      cursor = res.body.nextCursor;
    }
    return { seen, scores };
  }

  /** A placement straight in the table (the placement rules are not under test here). */
  async function place(workerId: string, employerId: string, startDate: string, endDate?: string) {
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const lr = await createDraftRequest(t, employerId);
    await t.app.get(PrismaService).placement.create({
      data: {
        labourRequestId: lr.id,
        employerId,
        workerId,
        startDate: day(startDate),
        endDate: endDate ? day(endDate) : null,
        status: endDate ? 'ENDED' : 'ACTIVE',
        monthlyWageRub: 60000,
        hoursPerWeek: 40,
      },
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('finds a name with a vowel slip inside it (Курбанов for Қурбонов, Usopov for Yusupov), best first', async () => {
    // full names with patronymics: the whole-string similarity of the old query fell below its 0.3 cut
    const qurbonov = await createWorker(t, {
      citizenship: 'TJ',
      lastNameCyr: 'Қурбонов',
      firstNameCyr: 'Фарҳод',
      patronymicCyr: 'Шарифович',
      lastNameLat: 'QURBONOV',
      firstNameLat: 'FARHOD',
      patronymicLat: 'SHARIFOVICH',
    });
    const yusupov = await createWorker(t, {
      lastNameCyr: 'Юсупов',
      firstNameCyr: 'Бахтиёр',
      patronymicCyr: 'Рустамович',
      lastNameLat: 'YUSUPOV',
      firstNameLat: 'BAXTIYOR',
      patronymicLat: 'RUSTAMOVICH',
    });
    expect(ids(await search('Курбанов'))[0]).toBe(qurbonov.id);
    expect(ids(await search('Usopov'))[0]).toBe(yusupov.id);
    const res = await search('Юсупов Бахтиер');
    expect(res.body.items[0]).toMatchObject({ id: yusupov.id, score: expect.any(Number) });
    expect(res.body.items[0].score).toBeGreaterThan(0.8);
  });

  it('answers an empty page when no name comes close', async () => {
    await createWorker(t);
    const res = await search('Zzyzx');
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages through a common name: every match once, scores never rising from one page to the next', async () => {
    const lastNames = [
      ['Эргашев', 'ERGASHEV'],
      ['Эргашева', 'ERGASHEVA'],
      ['Эргашов', 'ERGASHOV'],
    ];
    const created = new Set<string>();
    for (let i = 0; i < 27; i++) {
      const [cyr, lat] = lastNames[i % 3];
      created.add((await createWorker(t, { lastNameCyr: cyr, lastNameLat: lat, birthDate: `1980-01-${String((i % 28) + 1).padStart(2, '0')}` })).id);
    }
    const { seen, scores } = await allPages('Ergashev', 10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => created.has(id)).length).toBe(created.size);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0.4)).toBe(true);
  });

  it('orders equally similar name words alphabetically, each in id order, over every page (Тошпулатов before Тошпулатова)', async () => {
    const create = (cyr: string, lat: string, day: number) =>
      createWorker(t, { lastNameCyr: cyr, lastNameLat: lat, birthDate: `1979-03-${String(day).padStart(2, '0')}` });
    const masculine = [
      (await create('Тошпулатов', 'TOSHPULATOV', 1)).id,
      (await create('Тошпулатов', 'TOSHPULATOV', 2)).id,
      (await create('Тошпулатов', 'TOSHPULATOV', 3)).id,
    ].sort();
    const feminine = [(await create('Тошпулатова', 'TOSHPULATOVA', 4)).id];
    // ids are random: until one of the feminine ones sorts before a masculine one, an order by id
    // alone would give the same list, and the test could not tell the two orders apart
    for (let day = 5; feminine.every((id) => id > masculine[masculine.length - 1]); day++) {
      feminine.push((await create('Тошпулатова', 'TOSHPULATOVA', day)).id);
    }
    feminine.sort();
    expect([...masculine, ...feminine]).not.toEqual([...masculine, ...feminine].sort());
    const { seen, scores } = await allPages('Toshpulatof', 2);
    expect(seen).toEqual([...masculine, ...feminine]);
    expect(new Set(scores).size).toBe(1);
    // the same order in one page
    expect(ids(await search('Toshpulatof'))).toEqual([...masculine, ...feminine]);
  });

  it('matches each query word against whole name words, not a stretch across two of them', async () => {
    const hurshid = await createWorker(t, {
      lastNameCyr: 'Тошматов',
      firstNameCyr: 'Хуршид',
      patronymicCyr: 'Жасурович',
      lastNameLat: 'TOSHMATOV',
      firstNameLat: 'XURSHID',
      patronymicLat: 'JASUROVICH',
    });
    // the whole-string word similarity found "shid ja" in "xurshid jasurovich" for Jamshid (0.63)
    expect(ids(await search('Jamshid'))).not.toContain(hurshid.id);
    expect(ids(await search('Хуршид'))).toContain(hurshid.id);
    expect(ids(await search('Hurshit Jasurovich'))[0]).toBe(hurshid.id);
  });

  it('ranks a multi-word query: all words matched first, then one of them, every page in score order without overlap', async () => {
    const name = (lastNameCyr: string, lastNameLat: string, firstNameCyr: string, firstNameLat: string) =>
      createWorker(t, { citizenship: 'TJ', lastNameCyr, lastNameLat, firstNameCyr, firstNameLat, patronymicCyr: null, patronymicLat: null } as never);
    const both = await name('Давлатов', 'DAVLATOV', 'Комрон', 'KOMRON');
    const surname = await name('Давлатов', 'DAVLATOV', 'Сомон', 'SOMON');
    const given = await name('Шарифов', 'SHARIFOV', 'Комрон', 'KOMRON');
    const first = await search('Давлатоф Комрон');
    expect(first.body.items[0]).toMatchObject({ id: both.id, score: expect.any(Number) });
    expect(first.body.items[0].score).toBeGreaterThan(0.8);
    const { seen, scores } = await allPages('Давлатоф Комрон', 1);
    expect(seen[0]).toBe(both.id);
    expect(seen).toEqual(expect.arrayContaining([surname.id, given.id]));
    expect(new Set(seen).size).toBe(seen.length);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // the family name carries more trigrams than the given name, so it weighs more
    expect(seen.indexOf(surname.id)).toBeLessThan(seen.indexOf(given.id));
  });

  it('keeps the name words in step with the dossiers: a new name is found, the old one not, an erased one leaves no word behind', async () => {
    const prisma = t.app.get(PrismaService);
    const words = (text: string) => text.split(' ');
    const w = await createWorker(t, { lastNameCyr: 'Хожиходжаев', lastNameLat: 'XOJIXODJAYEV' });
    expect(ids(await search('Khojikhodjaev'))).toContain(w.id);
    const renamed = await request(t.http)
      .patch(`/api/v1/workers/${w.id}`)
      .set(as(Role.STAFF))
      .set('If-Match', '*')
      .send({ lastNameCyr: 'Бобохонов', lastNameLat: 'BOBOXONOV' })
      .expect(200);
    expect(ids(await search('Khojikhodjaev'))).not.toContain(w.id);
    expect(ids(await search('Bobokhonov'))).toContain(w.id);
    const oldWords = words(searchText({ lastNameCyr: 'Хожиходжаев', lastNameLat: 'XOJIXODJAYEV' }));
    expect(await prisma.nameWord.count({ where: { word: { in: oldWords } } })).toBe(0);
    const text = (await prisma.worker.findUniqueOrThrow({ where: { id: w.id } })).searchText;
    const held = await prisma.workerNameWord.findMany({ where: { workerId: w.id }, select: { word: true } });
    expect(held.map((h) => h.word).sort()).toEqual([...new Set(words(text))].sort());
    await request(t.http).post(`/api/v1/workers/${w.id}/erasure`).set(as(Role.ADMIN)).send({ confirmCaseNumber: renamed.body.caseNumber }).expect(200);
    expect(ids(await search('Bobokhonov'))).not.toContain(w.id);
    expect(await prisma.workerNameWord.count({ where: { workerId: w.id } })).toBe(0);
    expect(await prisma.nameWord.count({ where: { word: { in: words(searchText({ lastNameCyr: 'Бобохонов', lastNameLat: 'BOBOXONOV' })) } } })).toBe(0);
    // words other dossiers hold stay, counted
    const karimov = await prisma.nameWord.findUniqueOrThrow({ where: { word: 'karimov' } });
    expect(karimov.workers).toBe(await prisma.workerNameWord.count({ where: { word: 'karimov' } }));
  });

  it("applies the record scope inside the ranked query: a liaison officer finds only its agencies' workers", async () => {
    const other = await createAgency(t);
    const mine = await createWorker(t, {
      lastNameCyr: 'Мирзоев',
      lastNameLat: 'MIRZOEV',
      recruitmentChannel: 'PARTNER_AGENCY',
      partnerAgencyId: ctx.agency.id,
    });
    const theirs = await createWorker(t, { lastNameCyr: 'Мирзоев', lastNameLat: 'MIRZOEV', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: other.id });
    const liaison = ids(await search('Mirzoyev', Role.LIAISON));
    expect(liaison).toContain(mine.id);
    expect(liaison).not.toContain(theirs.id);
    expect(ids(await search('Mirzoyev'))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await search('Mirzoyev', Role.EMPLOYER)).body.items).toEqual([]);
  });

  it("an employer's search answers the minimal view of the workers placed with it, with only its own placements", async () => {
    const placed = await createWorker(t, { lastNameCyr: 'Нуриддинов', lastNameLat: 'NURIDDINOV', occupations: ['bricklayer'] });
    const elsewhere = await createWorker(t, { lastNameCyr: 'Нуриддинов', lastNameLat: 'NURIDDINOV' });
    await place(placed.id, ctx.otherEmployer.id, '2025-03-01', '2025-11-30'); // an earlier placement elsewhere: not the employer's to see
    await place(placed.id, ctx.employer.id, '2026-03-01');
    await place(elsewhere.id, ctx.otherEmployer.id, '2026-03-01');
    const res = await search('Nuridinov', Role.EMPLOYER);
    expect(res.body.items).toEqual([
      {
        id: placed.id,
        caseNumber: placed.caseNumber,
        lastNameCyr: 'Нуриддинов',
        firstNameCyr: placed.firstNameCyr,
        lastNameLat: 'NURIDDINOV',
        firstNameLat: placed.firstNameLat,
        citizenship: placed.citizenship,
        occupations: ['bricklayer'],
        placements: [{ employerId: ctx.employer.id, startDate: '2026-03-01', endDate: null, status: 'ACTIVE' }],
        score: expect.any(Number),
      },
    ]);
    // the same search as staff: both, as summaries
    expect(ids(await search('Nuridinov'))).toEqual(expect.arrayContaining([placed.id, elsewhere.id]));
    // scoped in the query, not only in the view: the other employer's placement never leaves the database
    const repo = t.app.get(WorkersRepository);
    const scope = { employerId: ctx.employer.id };
    const employersOf = (rows: { placements: { employerId: string }[] }[]) => rows.flatMap((r) => r.placements.map((p) => p.employerId));
    expect(employersOf(await repo.search(scope, {}, 10, searchQuery('Nuridinov'), 0, 'minimal'))).toEqual([ctx.employer.id]);
    expect(employersOf((await repo.list(scope, {}, 200, undefined, 'minimal')).filter((w) => w.id === placed.id))).toEqual([ctx.employer.id]);
    expect((await repo.findById(placed.id, scope))?.placements.map((p) => p.employerId)).toEqual([ctx.employer.id]);
    expect((await repo.findById(placed.id, {}))?.placements).toHaveLength(2);
  });

  it('pages through the plain list (no q) in creation order, every worker once; an employer gets the minimal view of its own placed workers only', async () => {
    const created: { id: string; caseNumber: string; firstNameCyr: string; firstNameLat: string; citizenship: string }[] = [];
    for (let i = 1; i <= 5; i++)
      created.push(await createWorker(t, { lastNameCyr: 'Списков', lastNameLat: 'SPISKOV', birthDate: `1985-05-0${i}`, occupations: ['welder'] }));
    const createdIds = created.map((w) => w.id);
    const list = async (role: Role) => {
      const seen: { id: string }[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const res: request.Response = await request(t.http)
          .get(`/api/v1/workers?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(as(role))
          .expect(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      }
      return seen;
    };
    const staff = await list(Role.STAFF);
    expect(new Set(staff.map((w) => w.id)).size).toBe(staff.length);
    expect(staff.map((w) => w.id).filter((id) => createdIds.includes(id))).toEqual(createdIds);
    expect(staff.find((w) => w.id === createdIds[0])).not.toHaveProperty('score');

    await place(createdIds[0], ctx.otherEmployer.id, '2025-01-10', '2025-06-30'); // elsewhere before: not the employer's to see
    await place(createdIds[0], ctx.employer.id, '2026-04-01');
    await place(createdIds[1], ctx.otherEmployer.id, '2026-04-01');
    const mine = await list(Role.EMPLOYER);
    const [w] = created;
    expect(mine.filter((i) => createdIds.includes(i.id))).toEqual([
      {
        id: w.id,
        caseNumber: w.caseNumber,
        lastNameCyr: 'Списков',
        firstNameCyr: w.firstNameCyr,
        lastNameLat: 'SPISKOV',
        firstNameLat: w.firstNameLat,
        citizenship: w.citizenship,
        occupations: ['welder'],
        placements: [{ employerId: ctx.employer.id, startDate: '2026-04-01', endDate: null, status: 'ACTIVE' }],
      },
    ]);
    for (const item of mine as unknown as { placements: { employerId: string }[] }[]) {
      expect(item.placements.every((p) => p.employerId === ctx.employer.id)).toBe(true);
    }
  });

  it('pages the plain list through workers created in the same millisecond: each once, ties in id order', async () => {
    const prisma = t.app.get(PrismaService);
    const same: string[] = [];
    for (let i = 1; i <= 4; i++)
      same.push((await createWorker(t, { lastNameCyr: 'Одновременов', lastNameLat: 'ODNOVREMENOV', birthDate: `1990-07-0${i}` })).id);
    await prisma.$executeRaw`UPDATE workers SET created_at = '2020-01-01T00:00:00.123Z' WHERE id = ANY (${same}::uuid[])`;
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: request.Response = await request(t.http)
        .get(`/api/v1/workers?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(Role.STAFF))
        .expect(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 4)).toEqual([...same].sort()); // the oldest: 2020, before every other worker
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['a search cursor on the plain list', Buffer.from(JSON.stringify([50, 'rank'])).toString('base64url')],
    ['a date that is not one', Buffer.from(JSON.stringify(['not-a-date', '7d0f0b5e-7b5e-4a8e-9d0e-000000000000'])).toString('base64url')],
    ['an id that is not a uuid', Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x'])).toString('base64url')],
  ])('refuses a plain-list cursor that is %s with 400 INVALID_CURSOR', async (_what, cursor) => {
    const res = await request(t.http).get(`/api/v1/workers?cursor=${cursor}`).set(as(Role.STAFF)).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });

  it.each([
    ['a plain-list cursor', Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', '7d0f0b5e-7b5e-4a8e-9d0e-000000000000'])).toString('base64url')],
    ['a negative offset', Buffer.from(JSON.stringify([-5, 'rank'])).toString('base64url')],
    ['a fractional offset', Buffer.from(JSON.stringify([1.5, 'rank'])).toString('base64url')],
  ])('refuses a search cursor that is %s with 400 INVALID_CURSOR', async (_what, cursor) => {
    const res = await request(t.http).get(`/api/v1/workers?q=Ergashev&cursor=${cursor}`).set(as(Role.STAFF)).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });
});
