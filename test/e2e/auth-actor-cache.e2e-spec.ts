import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { ACTOR_CACHE_APPLICATION_NAME, ActorCache } from '../../src/auth/actor-cache';
import { AuthRepository } from '../../src/auth/auth.repository';
import { createTestApp, TEST_SECRETS, TestApp } from '../support/app';
import { createAgency, createUser, login, TestUser } from '../factories/users';
import { createWorker } from '../factories/workers';

type Http = TestApp['http'];

const LIMITS = { AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' };
/** How long a change made elsewhere may take to reach a replica's cache (it takes milliseconds). */
const NOTIFY_WITHIN_MS = 2000;

const session = (http: Http, token: string) => request(http).get('/api/v1/auth/session').set('Authorization', `Bearer ${token}`);
const sidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

/** Polls until `check` holds or `ms` pass; whether it held. */
async function eventually(check: () => boolean | Promise<boolean>, ms = NOTIFY_WITHIN_MS): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
}

/** The status of GET /auth/session once it becomes `status`, or the last one seen when it does not within `ms`. */
async function sessionStatusWithin(http: Http, token: string, status: number, ms = NOTIFY_WITHIN_MS): Promise<number> {
  let last = 0;
  await eventually(async () => (last = (await session(http, token)).status) === status, ms);
  return last;
}

describe('actor cache (token checks served from memory, invalidated at once)', () => {
  let t: TestApp;
  let cache: ActorCache;
  let repo: AuthRepository;
  let sql: Client;
  let admin: string;
  /** Database reads of actors since the last reset (the cache's misses). */
  let reads: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp(LIMITS);
    cache = t.app.get(ActorCache);
    repo = t.app.get(AuthRepository);
    // another replica, or an operator with psql: a connection of its own
    sql = new Client({ connectionString: t.config.database.url });
    await sql.connect();
    admin = (await login(t, TEST_SECRETS.BOOTSTRAP_ADMIN_EMAIL, TEST_SECRETS.BOOTSTRAP_ADMIN_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });
  beforeEach(() => {
    reads = jest.spyOn(repo, 'loadActor');
  });
  afterEach(() => reads.mockRestore());

  /** Whether a token check is answered without reading the database. */
  async function servedFromMemory(http: Http, token: string): Promise<boolean> {
    reads.mockClear();
    await session(http, token).expect(200);
    return reads.mock.calls.length === 0;
  }

  /**
   * A fresh user logged in, whose actor this process has cached. (The first read may not be kept:
   * a notification of the user's creation still on its way fences it off, by the epoch rule.)
   */
  async function cachedSession(role = Role.STAFF, links: { agencyIds?: string[] } = {}): Promise<{ user: TestUser; token: string }> {
    const user = await createUser(t, role, links);
    const { accessToken: token } = await login(t, user.email, user.password);
    expect(await eventually(() => servedFromMemory(t.http, token))).toBe(true);
    return { user, token };
  }

  /** A cached liaison officer of one agency, and a worker of another agency the officer cannot read yet (404). */
  async function liaisonFacingAnotherAgencysWorker() {
    const [mine, other] = [await createAgency(t), await createAgency(t)];
    const worker = await createWorker(t, { recruitmentChannel: 'PARTNER_AGENCY', partnerAgencyId: other.id });
    const { user, token } = await cachedSession(Role.LIAISON, { agencyIds: [mine.id] });
    const read = () => request(t.http).get(`/api/v1/workers/${worker.id}`).set('Authorization', `Bearer ${token}`);
    await read().expect(404);
    return { user, other, read };
  }

  /** A change no trigger announces (triggers off for one transaction): only the TTL or a DB read would see it. */
  async function silently(text: string, values: unknown[]): Promise<void> {
    await sql.query('BEGIN');
    await sql.query('SET LOCAL session_replication_role = replica');
    await sql.query(text, values);
    await sql.query('COMMIT');
  }

  it('listens from the start and serves a live session from memory', async () => {
    expect(cache.listening).toBe(true);
    const { user, token } = await cachedSession();
    // a revocation nobody announces is not seen: the answer came from memory
    await silently('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1', [sidOf(token)]);
    expect(await servedFromMemory(t.http, token)).toBe(true);
    cache.invalidateUser(user.id);
    await session(t.http, token).expect(401);
  });

  it('(a) an administrator deactivating the user through the API refuses the next request', async () => {
    const { user, token } = await cachedSession();
    await request(t.http).patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ active: false }).expect(200);
    await session(t.http, token).expect(401);
  });

  it('(b) logout refuses the next request with that token', async () => {
    const { token } = await cachedSession();
    await request(t.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    await session(t.http, token).expect(401);
  });

  it('reusing a rotated refresh token refuses the session\'s access token on the next request', async () => {
    const user = await createUser(t, Role.STAFF);
    const first = await login(t, user.email, user.password);
    const second = (await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    await session(t.http, second.accessToken).expect(200);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await session(t.http, second.accessToken).expect(401);
  });

  it('an administrator\'s password reset refuses the next request', async () => {
    const { user, token } = await cachedSession();
    await request(t.http).post(`/api/v1/users/${user.id}/password-reset`).set('Authorization', `Bearer ${admin}`).expect(201);
    await session(t.http, token).expect(401);
  });

  describe('(c) changes made in SQL by another connection reach the cache by NOTIFY', () => {
    it.each([
      ['the user deactivated', 'UPDATE users SET active = false WHERE id = $1'],
      ['the user deleted', 'DELETE FROM users WHERE id = $1'],
      ['the session revoked', 'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1'],
      ['the session deleted', 'DELETE FROM refresh_tokens WHERE user_id = $1'],
    ])('%s: the token is refused within a moment', async (_, change) => {
      const { user, token } = await cachedSession();
      await sql.query(change, [user.id]);
      expect(await sessionStatusWithin(t.http, token, 401)).toBe(401);
    });

    it('a role changed in SQL shows in the next answers', async () => {
      const { user, token } = await cachedSession();
      await sql.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id]);
      expect(await eventually(async () => (await session(t.http, token)).body.role === 'ADMIN')).toBe(true);
    });

    it('agencies linked in SQL widen a liaison officer\'s scope', async () => {
      const { user, other, read } = await liaisonFacingAnotherAgencysWorker();
      await sql.query('INSERT INTO user_agencies (user_id, agency_id) VALUES ($1, $2)', [user.id, other.id]);
      expect(await eventually(async () => (await read()).status === 200)).toBe(true);
    });

    it('logins and refreshes do not evict anyone (they change nothing a token check reads)', async () => {
      const { user, token } = await cachedSession();
      await login(t, user.email, user.password); // updates users.last_login_at, adds a refresh token
      await sleep(200); // a notification, had one been sent, would have arrived
      expect(await servedFromMemory(t.http, token)).toBe(true);
    });
  });

  describe('(d) role and link changes through the administrators\' API', () => {
    it('a new role ends the sessions at once; the next login carries it', async () => {
      const { user, token } = await cachedSession();
      await request(t.http).patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ role: 'ADMIN' }).expect(200);
      await session(t.http, token).expect(401);
      const again = await login(t, user.email, user.password);
      expect((await session(t.http, again.accessToken).expect(200)).body.role).toBe('ADMIN');
    });

    it('new agencies take effect on the next request', async () => {
      const { user, other, read } = await liaisonFacingAnotherAgencysWorker();
      await request(t.http).patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ agencyIds: [other.id] }).expect(200);
      await read().expect(200);
    });
  });

  describe('(e) while the listening connection is down', () => {
    it('bypasses the cache, honours a revocation on the very next request, and resumes after reconnecting', async () => {
      const { user, token } = await cachedSession();
      const pid = cache.listenerPid!;
      const { rows } = await sql.query<{ application_name: string }>('SELECT application_name FROM pg_stat_activity WHERE pid = $1', [pid]);
      expect(rows[0]?.application_name).toBe(ACTOR_CACHE_APPLICATION_NAME);

      await sql.query('SELECT pg_terminate_backend($1)', [pid]);
      expect(await eventually(() => !cache.listening)).toBe(true);
      expect(cache.size).toBe(0);
      // every check reads the database (the first after a reconnect would too: the cache starts empty)
      reads.mockClear();
      await session(t.http, token).expect(200);
      await session(t.http, token).expect(200);
      expect(reads).toHaveBeenCalledTimes(2);
      // no notification can arrive now, and none is sent: only a database read sees this
      await silently('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [user.id]);
      await session(t.http, token).expect(401);

      // back: a new connection listens, entries are kept again and notifications arrive again
      expect(await eventually(() => cache.listening, 15_000)).toBe(true);
      expect(cache.listenerPid).not.toBe(pid);
      const again = await cachedSession();
      await silently('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [again.user.id]);
      expect(await servedFromMemory(t.http, again.token)).toBe(true);
      await sql.query('UPDATE users SET active = false WHERE id = $1', [again.user.id]);
      expect(await sessionStatusWithin(t.http, again.token, 401)).toBe(401);
    });
  });

  describe('across replicas', () => {
    // Another API process's cache: an instance of its own with its own listening connection, so the
    // database's notification is the only way it learns of a change. (A second Nest application in
    // this process would not do: Passport's strategies are process-wide, so both would share one.)
    let other: ActorCache;
    beforeAll(async () => {
      other = new ActorCache(t.config);
      await other.onModuleInit();
    });
    afterAll(() => other?.onModuleDestroy());

    const loadThere = (userId: string, token: string) => other.load(userId, sidOf(token), (u, s) => repo.loadActor(u, s));

    it.each<[string, (user: TestUser, token: string) => Promise<unknown>]>([
      ['a logout', (_, token) => request(t.http).post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204)],
      ['a deactivation', (user) => request(t.http).patch(`/api/v1/users/${user.id}`).set('Authorization', `Bearer ${admin}`).set('If-Match', '*').send({ active: false }).expect(200)],
      ['a password reset', (user) => request(t.http).post(`/api/v1/users/${user.id}/password-reset`).set('Authorization', `Bearer ${admin}`).expect(201)],
    ])('%s through this replica reaches the other within a moment', async (_, change) => {
      expect(other.listening).toBe(true);
      const { user, token } = await cachedSession();
      const keptThere = async () => {
        reads.mockClear();
        expect(await loadThere(user.id, token)).toMatchObject({ id: user.id });
        return reads.mock.calls.length === 0;
      };
      expect(await eventually(keptThere)).toBe(true);
      await change(user, token);
      await session(t.http, token).expect(401);
      expect(await eventually(async () => (await loadThere(user.id, token)) === null)).toBe(true);
    });
  });
});

describe('actor cache off (AUTH_ACTOR_CACHE_TTL_MS=0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...LIMITS, AUTH_ACTOR_CACHE_TTL_MS: '0' });
  });
  afterAll(() => t?.close());

  it('opens no listening connection and reads every token check from the database', async () => {
    const cache = t.app.get(ActorCache);
    expect(cache.listening).toBe(false);
    expect(cache.listenerPid).toBeNull();
    const sql = new Client({ connectionString: t.config.database.url });
    await sql.connect();
    try {
      const { rows } = await sql.query('SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [ACTOR_CACHE_APPLICATION_NAME]);
      expect(rows).toHaveLength(0);
      const user = await createUser(t, Role.STAFF);
      const { accessToken } = await login(t, user.email, user.password);
      await session(t.http, accessToken).expect(200);
      await sql.query('BEGIN');
      await sql.query('SET LOCAL session_replication_role = replica');
      await sql.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      await sql.query('COMMIT');
      await session(t.http, accessToken).expect(401);
      expect(cache.size).toBe(0);
    } finally {
      await sql.end();
    }
  });
});
