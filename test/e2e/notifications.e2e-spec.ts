import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { createRoleUsers } from '../factories/users';
import { createTestApp, TestApp } from '../support/app';

const UNKNOWN = '7d0f0b5e-7b5e-4a8e-9d0e-000000000000';

describe('notifications', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });
  const list = (role: Role, query = '') => request(t.http).get(`/api/v1/notifications${query}`).set(as(role));

  /**
   * Writes notices through the service, in one transaction as a module does with its change. The
   * pause after it keeps creation times (milliseconds) distinct, so "newest first" is one order.
   */
  const notify = async (userIds: string[], title: string, entityId: string | null = null) => {
    const count = await t.app
      .get(PrismaService)
      .$transaction((tx) =>
        t.app
          .get(NotificationsService)
          .notify(tx, userIds, { kind: 'test.notice', title, body: `About ${title}`, entityType: entityId ? 'labour_request' : null, entityId }),
      );
    await new Promise((resolve) => setTimeout(resolve, 3));
    return count;
  };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('every role lists only its own notifications, newest first; duplicates of a user are written once', async () => {
    for (const role of Object.values(Role)) await list(role).expect(200, { items: [], nextCursor: null });
    expect(await notify([ctx.users.STAFF.id, ctx.users.EMPLOYER.id, ctx.users.EMPLOYER.id], 'first', UNKNOWN)).toBe(2);
    await notify([ctx.users.EMPLOYER.id], 'second');
    await notify([ctx.users.LIAISON.id, ctx.users.ADMIN.id], 'third');
    const employer = await list(Role.EMPLOYER).expect(200);
    expect(employer.body.items.map((n: { title: string }) => n.title)).toEqual(['second', 'first']);
    expect(employer.body.items[1]).toEqual({
      id: expect.any(String),
      kind: 'test.notice',
      title: 'first',
      body: 'About first',
      entityType: 'labour_request',
      entityId: UNKNOWN,
      readAt: null,
      createdAt: expect.any(String),
    });
    expect((await list(Role.STAFF).expect(200)).body.items.map((n: { title: string }) => n.title)).toEqual(['first']);
    expect((await list(Role.LIAISON).expect(200)).body.items.map((n: { title: string }) => n.title)).toEqual(['third']);
    expect((await list(Role.ADMIN).expect(200)).body.items.map((n: { title: string }) => n.title)).toEqual(['third']);
  });

  it('a notice is written only if its transaction commits', async () => {
    const prisma = t.app.get(PrismaService);
    await expect(
      prisma.$transaction(async (tx) => {
        await t.app.get(NotificationsService).notify(tx, [ctx.users.STAFF.id], { kind: 'test.notice', title: 'rolled back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await prisma.notification.count({ where: { title: 'rolled back' } })).toBe(0);
  });

  it('cursor pagination walks every notice once; unread=true filters; 400 on a bad filter or cursor', async () => {
    for (let i = 1; i <= 5; i++) await notify([ctx.users.LIAISON.id], `page ${i}`);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: request.Response = await list(Role.LIAISON, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((n: { title: string }) => n.title));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(['page 5', 'page 4', 'page 3', 'page 2', 'page 1', 'third']);
    await list(Role.LIAISON, '?unread=maybe').expect(400);
    await list(Role.LIAISON, '?cursor=%%%').expect(400);
    await list(Role.LIAISON, '?limit=0').expect(400);
    await list(Role.LIAISON, '?colour=red').expect(400);
  });

  it("POST /notifications/:id/read marks the own notice read once; another user's or an unknown one → 404", async () => {
    await notify([ctx.users.STAFF.id], 'to read');
    const unread = await list(Role.STAFF, '?unread=true').expect(200);
    const target = unread.body.items.find((n: { title: string }) => n.title === 'to read');
    for (const role of [Role.ADMIN, Role.LIAISON, Role.EMPLOYER]) {
      const res = await request(t.http).post(`/api/v1/notifications/${target.id}/read`).set(as(role)).expect(404);
      expect(res.body.code).toBe('NOTIFICATION_NOT_FOUND');
    }
    const read = await request(t.http).post(`/api/v1/notifications/${target.id}/read`).set(as(Role.STAFF)).expect(200);
    expect(read.body).toMatchObject({ id: target.id, title: 'to read', readAt: expect.any(String) });
    const again = await request(t.http).post(`/api/v1/notifications/${target.id}/read`).set(as(Role.STAFF)).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    const stillUnread = await list(Role.STAFF, '?unread=true').expect(200);
    expect(stillUnread.body.items.map((n: { id: string }) => n.id)).not.toContain(target.id);
    expect((await list(Role.STAFF, '?unread=false').expect(200)).body.items.map((n: { id: string }) => n.id)).toEqual([target.id]);
    await request(t.http).post(`/api/v1/notifications/${UNKNOWN}/read`).set(as(Role.STAFF)).expect(404);
    await request(t.http).post('/api/v1/notifications/not-an-id/read').set(as(Role.STAFF)).expect(404);
  });

  it('401 without a token', async () => {
    await request(t.http).get('/api/v1/notifications').expect(401);
    await request(t.http).post(`/api/v1/notifications/${UNKNOWN}/read`).expect(401);
  });
});
