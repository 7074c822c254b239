import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { createTestApp, TestApp } from '../support/app';
import { createAgency, createRoleUsers } from '../factories/users';
import { createWorker } from '../factories/workers';

/**
 * Name search ranking (WorkersRepository.list with q): a nearest-neighbour scan of the GiST
 * trigram index by word-similarity distance, cut at SEARCH_MIN_WORD_SIMILARITY.
 */
describe('worker search', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const search = (q: string, role = Role.STAFF, extra = '') =>
    request(t.http).get(`/api/v1/workers?q=${encodeURIComponent(q)}${extra}`).set(as(role)).expect(200);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('finds a name with a vowel slip inside it (Курбанов for Қурбонов, Usopov for Yusupov), best first', async () => {
    // full names with patronymics: the whole-string similarity of the old query fell below its 0.3 cut
    const qurbonov = await createWorker(t, {
      citizenship: 'TJ', lastNameCyr: 'Қурбонов', firstNameCyr: 'Фарҳод', patronymicCyr: 'Шарифович',
      lastNameLat: 'QURBONOV', firstNameLat: 'FARHOD', patronymicLat: 'SHARIFOVICH',
    });
    const yusupov = await createWorker(t, {
      lastNameCyr: 'Юсупов', firstNameCyr: 'Бахтиёр', patronymicCyr: 'Рустамович',
      lastNameLat: 'YUSUPOV', firstNameLat: 'BAXTIYOR', patronymicLat: 'RUSTAMOVICH',
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
    const lastNames = [['Эргашев', 'ERGASHEV'], ['Эргашева', 'ERGASHEVA'], ['Эргашов', 'ERGASHOV']];
    const created = new Set<string>();
    for (let i = 0; i < 27; i++) {
      const [cyr, lat] = lastNames[i % 3];
      created.add((await createWorker(t, { lastNameCyr: cyr, lastNameLat: lat, birthDate: `1980-01-${String((i % 28) + 1).padStart(2, '0')}` })).id);
    }
    const seen: string[] = [];
    const scores: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await search('Ergashev', Role.STAFF, `&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(res));
      scores.push(...res.body.items.map((i: { score: number }) => i.score));
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => created.has(id)).length).toBe(created.size);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0.4)).toBe(true);
  });

  it('applies the record scope inside the ranked query: a liaison officer finds only its agencies\' workers', async () => {
    const other = await createAgency(t);
    const mine = await createWorker(t, { lastNameCyr: 'Мирзоев', lastNameLat: 'MIRZOEV', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: ctx.agency.id });
    const theirs = await createWorker(t, { lastNameCyr: 'Мирзоев', lastNameLat: 'MIRZOEV', recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: other.id });
    const liaison = ids(await search('Mirzoyev', Role.LIAISON));
    expect(liaison).toContain(mine.id);
    expect(liaison).not.toContain(theirs.id);
    expect(ids(await search('Mirzoyev'))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await search('Mirzoyev', Role.EMPLOYER)).body.items).toEqual([]);
  });
});
