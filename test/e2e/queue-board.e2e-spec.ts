import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers } from '../factories/users';

describe('queue board (/admin/queues)', () => {
  let t: TestApp;
  let tokens: Record<Role, string>;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_LOGIN_RATE_PER_MINUTE: '1000' });
    tokens = (await createRoleUsers(t)).tokens;
  });
  afterAll(() => t?.close());

  it('answers 401 without a token and with a bad one', async () => {
    const res = await request(t.http).get('/admin/queues').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    await request(t.http).get('/admin/queues/api/queues').set('Authorization', 'Bearer nonsense').expect(401);
  });

  it('answers 403 to every role but ADMIN', async () => {
    for (const role of [Role.STAFF, Role.LIAISON, Role.EMPLOYER]) {
      const res = await request(t.http).get('/admin/queues/api/queues').set('Authorization', `Bearer ${tokens[role]}`).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });

  it('shows the queues to an administrator: the page without the API content policy, its JSON with it, neither cached', async () => {
    const res = await request(t.http).get('/admin/queues/api/queues').set('Authorization', `Bearer ${tokens.ADMIN}`).expect(200);
    expect(JSON.stringify(res.body)).toContain('maintenance');
    expect(res.headers).toMatchObject({ 'content-security-policy': "default-src 'none';frame-ancestors 'none'", 'cache-control': 'no-store' });
    const page = await request(t.http).get('/admin/queues').set('Authorization', `Bearer ${tokens.ADMIN}`).expect(200);
    expect(page.headers['content-security-policy']).toBeUndefined();
    expect(page.headers).toMatchObject({ 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  });
});
