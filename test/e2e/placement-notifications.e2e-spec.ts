import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { Clock } from '../../src/infra/clock/clock';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createApprovedRequest } from '../factories/labour-requests';
import { createRoleUsers, createUser, login } from '../factories/users';
import { readyWorker } from '../factories/workers';
import { createTestApp, TestApp } from '../support/app';

interface Notice {
  kind: string;
  title: string;
  body: string;
  entityType: string;
  entityId: string;
}

/**
 * Issue 16, item 11 (placements): every active user of the employer is told in-app when a placement
 * with it is made, when it ends and when a planned one is cancelled, naming the worker only as the
 * employer's minimal view does, never why it ended.
 */
describe('placement notices to the employer', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  let prisma: PrismaService;
  let colleagueToken: string;
  let outsiderToken: string;
  let inactiveId: string;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
    prisma = t.app.get(PrismaService);
    const colleague = await createUser(t, Role.EMPLOYER, { employerId: ctx.employer.id });
    colleagueToken = (await login(t, colleague.email, colleague.password)).accessToken;
    const outsider = await createUser(t, Role.EMPLOYER, { employerId: ctx.otherEmployer.id });
    outsiderToken = (await login(t, outsider.email, outsider.password)).accessToken;
    inactiveId = (await createUser(t, Role.EMPLOYER, { employerId: ctx.employer.id })).id;
    await prisma.user.update({ where: { id: inactiveId }, data: { active: false } });
  });
  afterAll(() => t?.close());

  /** A worker whose dossier holds what the employer must never read: phone, patronymic, birth date. */
  async function placedWorker(startDate: string) {
    const r = await createApprovedRequest(t, ctx.employer.id, { preferredCitizenships: ['KG'] });
    const w = await readyWorker(t, 'KG');
    await prisma.worker.update({ where: { id: w.id }, data: { phone: '+996555123456', patronymicLat: 'BAKIROVICH', patronymicCyr: 'Бакирович' } });
    const p = (await request(t.http).post('/api/v1/placements').set(as(Role.STAFF)).send({ labourRequestId: r.id, workerId: w.id, startDate }).expect(201))
      .body;
    return { w, p };
  }
  const noticesAbout = async (headers: Record<string, string>, placementId: string): Promise<Notice[]> =>
    (await request(t.http).get('/api/v1/notifications?limit=200').set(headers).expect(200)).body.items.filter((n: Notice) => n.entityId === placementId);
  /** Nothing beyond the minimal view (names, case number, citizenship) and never a reason. */
  const expectMinimal = (n: Notice, w: { birthDate: string }, secret?: string) => {
    const text = JSON.stringify(n);
    for (const leak of ['+996555123456', 'BAKIROVICH', 'Бакирович', w.birthDate, ...(secret ? [secret] : [])]) expect(text).not.toContain(leak);
  };

  it('a placement made with the employer is announced to each of its active users, naming the worker minimally', async () => {
    const { w, p } = await placedWorker('2026-05-04');
    for (const headers of [as(Role.EMPLOYER), bearer(colleagueToken)]) {
      const [n, ...more] = await noticesAbout(headers, p.id);
      expect(more).toEqual([]);
      expect(n).toMatchObject({ kind: 'placement.created', entityType: 'placement', entityId: p.id, title: 'A worker is placed with you' });
      for (const shown of [w.lastNameLat, w.firstNameLat, w.caseNumber, '2026-05-04']) expect(n.body).toContain(shown);
      expectMinimal(n, w);
    }
    expect(await prisma.notification.count({ where: { userId: inactiveId } })).toBe(0);
    expect(await noticesAbout(bearer(outsiderToken), p.id)).toEqual([]);
    for (const role of [Role.ADMIN, Role.STAFF, Role.LIAISON]) expect(await noticesAbout(as(role), p.id)).toEqual([]);
  });

  it("a placement's end is announced without its reason", async () => {
    const { w, p } = await placedWorker('2026-05-04');
    const reason = 'Removed after a complaint about unpaid wages';
    await request(t.http).post(`/api/v1/placements/${p.id}/end`).set(as(Role.STAFF)).send({ endDate: '2026-09-30', reason }).expect(200);
    for (const headers of [as(Role.EMPLOYER), bearer(colleagueToken)]) {
      const ended = (await noticesAbout(headers, p.id)).filter((n) => n.kind === 'placement.ended');
      expect(ended).toEqual([expect.objectContaining({ title: 'A placement with you has ended', entityId: p.id })]);
      expect(ended[0].body).toContain('2026-09-30');
      expect(ended[0].body).toContain(w.caseNumber);
      expectMinimal(ended[0], w, reason);
      expect(ended[0].body).not.toContain('complaint');
    }
    expect(await noticesAbout(bearer(outsiderToken), p.id)).toEqual([]);
  });

  it('a planned placement is announced as planned, and its cancellation without the reason', async () => {
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-05-01T09:00:00Z'));
    try {
      const { w, p } = await placedWorker('2026-05-18');
      expect(p.status).toBe('PLANNED');
      const reason = 'The worker reported threats at the site visit';
      await request(t.http).post(`/api/v1/placements/${p.id}/end`).set(as(Role.STAFF)).send({ reason }).expect(200);
      const notices = await noticesAbout(as(Role.EMPLOYER), p.id);
      expect(notices.map((n) => n.kind).sort()).toEqual(['placement.cancelled', 'placement.created']);
      expect(notices.find((n) => n.kind === 'placement.created')!.body).toContain('will start work with you on 2026-05-18');
      const cancelled = notices.find((n) => n.kind === 'placement.cancelled')!;
      expect(cancelled.title).toBe('A planned placement with you was cancelled');
      expectMinimal(cancelled, w, reason);
      expect(await noticesAbout(bearer(colleagueToken), p.id)).toHaveLength(2);
    } finally {
      clock.mockRestore();
    }
  });
});
