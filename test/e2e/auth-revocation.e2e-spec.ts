import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { createTestApp, TEST_SECRETS, TestApp } from '../support/app';
import { createAgency, createUser, login, TestUser } from '../factories/users';
import { createWorker } from '../factories/workers';

const LIMITS = { AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' };

/**
 * Every token check reads the user and the session from PostgreSQL (JwtStrategy.validate): nothing
 * about a caller is kept between requests, so a change made anywhere — through this API, through
 * another replica, or directly in SQL — decides the very next request, with no waiting.
 */
describe('revocation and changes take effect at the next request', () => {
  let t: TestApp;
  /** Another replica, or an operator with psql: a connection of its own. */
  let sql: Client;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp(LIMITS);
    sql = new Client({ connectionString: t.config.database.url });
    await sql.connect();
    admin = (await login(t, TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, TEST_SECRETS.BOOTSTRAP_ADMIN_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  const session = (token: string) => request(t.http).get('/api/v1/auth/session').set('Authorization', `Bearer ${token}`);

  /** A user logged in whose token has just worked. */
  async function signedIn(role = Role.STAFF, links: { agencyIds?: string[] } = {}): Promise<{ user: TestUser; token: string }> {
    const user = await createUser(t, role, links);
    const { accessToken: token } = await login(t, user.email, user.password);
    await session(token).expect(200);
    return { user, token };
  }

  /** A liaison officer of one agency, and a worker of another agency the officer cannot read yet (404). */
  async function liaisonFacingAnotherAgencysWorker() {
    const [mine, other] = [await createAgency(t), await createAgency(t)];
    const worker = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: other.id });
    const { user, token } = await signedIn(Role.LIAISON, { agencyIds: [mine.id] });
    const read = () => request(t.http).get(`/api/v1/workers/${worker.id}`).set('Authorization', `Bearer ${token}`);
    await read().expect(404);
    return { user, other, read };
  }

  describe('through this API', () => {
    it('an administrator deactivating the user refuses the next request', async () => {
      const { user, token } = await signedIn();
      await request(t.http).patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ active: false }).expect(200);
      await session(token).expect(401);
    });

    it('logout refuses the next request with that token', async () => {
      const { token } = await signedIn();
      await request(t.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      await session(token).expect(401);
    });

    it("reusing a rotated refresh token refuses the session's access token on the next request", async () => {
      const user = await createUser(t, Role.STAFF);
      const first = await login(t, user.email, user.password);
      const second = (await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      await session(second.accessToken).expect(200);
      await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      await session(second.accessToken).expect(401);
    });

    it("an administrator's password reset refuses the next request", async () => {
      const { user, token } = await signedIn();
      await request(t.http).post(`/api/v1/users/${user.id}/password-reset`).set('Authorization', `Bearer ${admin}`).expect(201);
      await session(token).expect(401);
    });

    it('a new role ends the sessions at once; the next login carries it', async () => {
      const { user, token } = await signedIn();
      await request(t.http).patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ role: 'ADMIN' }).expect(200);
      await session(token).expect(401);
      const again = await login(t, user.email, user.password);
      expect((await session(again.accessToken).expect(200)).body.role).toBe('ADMIN');
    });

    it('new agencies take effect on the next request', async () => {
      const { user, other, read } = await liaisonFacingAnotherAgencysWorker();
      await request(t.http)
        .patch(`/api/v1/users/${user.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .set('If-Match', '*')
        .send({ agencyIds: [other.id] })
        .expect(200);
      await read().expect(200);
    });
  });

  describe('made elsewhere (another replica, or SQL on another connection)', () => {
    it.each([
      ['the user deactivated', 'UPDATE users SET active = false WHERE id = $1'],
      ['the user deleted', 'DELETE FROM users WHERE id = $1'],
      ['the session revoked', 'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1'],
      ['the session deleted', 'DELETE FROM refresh_tokens WHERE user_id = $1'],
    ])('%s: the next request is refused', async (_, change) => {
      const { user, token } = await signedIn();
      await sql.query(change, [user.id]);
      expect((await session(token).expect(401)).body.code).toBe('UNAUTHENTICATED');
    });

    it('a role changed shows in the next answer', async () => {
      const { user, token } = await signedIn();
      await sql.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id]);
      expect((await session(token).expect(200)).body.role).toBe('ADMIN');
    });

    it("agencies linked widen a liaison officer's scope at the next request", async () => {
      const { user, other, read } = await liaisonFacingAnotherAgencysWorker();
      await sql.query('INSERT INTO user_agencies (user_id, agency_id) VALUES ($1, $2)', [user.id, other.id]);
      await read().expect(200);
    });
  });
});
