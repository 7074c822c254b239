import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { LoginThrottleRepository } from '../../src/auth/login-throttle.repository';
import { Clock } from '../../src/infra/clock/clock';
import { FieldCrypto } from '../../src/infra/crypto/field-crypto';
import { PrismaService } from '../../src/infra/database/prisma.service';
import { createTestApp, TestApp } from '../support/app';
import { createUser, TestUser } from '../factories/users';

// Failed sign-ins slow down further attempts (src/auth/login-throttle.rules.ts): per e-mail from one
// address after 5 failures, per e-mail over all addresses after 8 here, per address over all
// e-mails after 12 here; 1 s, doubling. Time is frozen (Clock) and moved by hand, every test uses
// addresses (X-Forwarded-For) and e-mails of its own.
describe('sign-in throttle', () => {
  let t: TestApp;
  let now: number;
  const LIMITS = {
    AUTH_LOGIN_RATE_PER_MINUTE: '1000',
    AUTH_LOGIN_EMAIL_FREE_FAILURES: '8',
    AUTH_LOGIN_ADDRESS_FREE_FAILURES: '12',
    AUTH_FAILED_LOGIN_FLOOR_MS: '0',
  };
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
  });
  beforeEach(() => {
    now = Date.now();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  const travel = (ms: number) => (now += ms);
  const WRONG = 'Wrong-Password-2026!';
  const attempt = (ip: string, email: string, password = WRONG, http = t.http) =>
    request(http).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const statuses = async (n: number, ip: string, email: string, password = WRONG) => {
    const got: number[] = [];
    for (let i = 0; i < n; i++) got.push((await attempt(ip, email, password)).status);
    return got;
  };
  const waits = async (ip: string, email: string, seconds: number, password = WRONG) => {
    const res = await attempt(ip, email, password).expect(429);
    expect(res.body).toMatchObject({ code: 'LOGIN_THROTTLED', retryAfterSeconds: seconds });
    expect(res.headers['retry-after']).toBe(String(seconds));
  };

  it('waits 1 s after the fifth failure from an address, twice as long after each further one; a sign-in starts the count again', async () => {
    const u = await createUser(t, Role.STAFF);
    expect(await statuses(5, '203.0.113.1', u.email)).toEqual([401, 401, 401, 401, 401]);
    await waits('203.0.113.1', u.email, 1, u.password); // not even the right password is checked
    travel(999);
    await waits('203.0.113.1', u.email, 1);
    travel(1);
    await attempt('203.0.113.1', u.email).expect(401); // the sixth failure
    await waits('203.0.113.1', u.email, 2);
    travel(2000);
    await attempt('203.0.113.1', u.email).expect(401);
    await waits('203.0.113.1', u.email, 4);
    travel(4000);
    await attempt('203.0.113.1', u.email, u.password).expect(200);
    expect(await statuses(5, '203.0.113.1', u.email)).toEqual([401, 401, 401, 401, 401]);
    await waits('203.0.113.1', u.email, 1);
  });

  it("others' failures never keep the right password out on an address the account signed in from", async () => {
    const victim = await createUser(t, Role.STAFF);
    await attempt('198.51.100.10', victim.email, victim.password).expect(200); // the victim's usual address
    // 8 failures for the e-mail from three addresses, none of which reaches its own 5
    for (const [ip, n] of [
      ['203.0.113.21', 3],
      ['203.0.113.22', 3],
      ['203.0.113.23', 2],
    ] as const)
      expect(await statuses(n, ip, victim.email)).toEqual(Array(n).fill(401));
    // an address the account never signed in from waits for the e-mail's wait, right password or not
    await waits('192.0.2.77', victim.email, 1, victim.password);
    await waits('203.0.113.21', victim.email, 1);
    // the usual address does not
    await attempt('198.51.100.10', victim.email, victim.password).expect(200);
    travel(1000);
    await attempt('192.0.2.77', victim.email, victim.password).expect(200);
  });

  it('one address trying many e-mails waits, with and without accounts; an account that signed in there before does not', async () => {
    const ip = '203.0.113.40';
    const regular = await createUser(t, Role.STAFF);
    await attempt(ip, regular.email, regular.password).expect(200);
    const others: TestUser[] = [await createUser(t, Role.STAFF), await createUser(t, Role.STAFF)];
    const tried = [...others.map((o) => o.email), ...Array.from({ length: 10 }, (_, i) => `nobody-${i}@test.example`)];
    for (const email of tried) await attempt(ip, email).expect(401); // 12 failures from the address
    await waits(ip, 'nobody-else@test.example', 1);
    await waits(ip, others[0].email, 1, others[0].password);
    await attempt(ip, regular.email, regular.password).expect(200);
    await attempt('198.51.100.41', others[0].email, others[0].password).expect(200); // from elsewhere: as usual
  });

  it('forgets the failures of an e-mail from an address after a day without one', async () => {
    const u = await createUser(t, Role.STAFF);
    expect(await statuses(4, '203.0.113.60', u.email)).toEqual([401, 401, 401, 401]);
    travel(86_400_000 + 1000);
    expect(await statuses(5, '203.0.113.60', u.email)).toEqual([401, 401, 401, 401, 401]); // counted from one again
    await waits('203.0.113.60', u.email, 1);
  });

  it('counts in PostgreSQL: another process, with connections of its own, sees the waits this one started', async () => {
    // (not a second Nest application in this process: Passport's strategies are process-wide, so both would share one)
    const otherDb = new PrismaService(t.config);
    const other = new LoginThrottle(new LoginThrottleRepository(otherDb), t.app.get(FieldCrypto), t.config);
    try {
      const u = await createUser(t, Role.STAFF);
      const keys = other.keys(u.email, '203.0.113.80');
      expect(await statuses(5, '203.0.113.80', u.email)).toEqual([401, 401, 401, 401, 401]);
      expect(await other.waitMs(keys, new Date(now))).toBe(1000);
      await other.failed(keys, new Date(now)); // a failure counted there makes this one wait longer
      await waits('203.0.113.80', u.email, 2);
    } finally {
      await otherDb.onModuleDestroy();
    }
  });

  it('keeps neither e-mails nor addresses in the clear, and the database refuses a negative count', async () => {
    const prisma = t.app.get(PrismaService);
    await attempt('203.0.113.99', 'plain-text-check@test.example').expect(401);
    const keys = t.app.get(LoginThrottle).keys('plain-text-check@test.example', '203.0.113.99');
    const rows = await prisma.$queryRawUnsafe<{ key: string; failures: number }[]>(
      'SELECT key, failures FROM login_throttle WHERE key = ANY($1::text[]) ORDER BY key',
      [keys.pair, keys.email, keys.address],
    );
    expect(rows.map((r) => r.failures)).toEqual([1, 1, 1]);
    const all = await prisma.$queryRawUnsafe<{ key: string }[]>('SELECT key FROM login_throttle');
    for (const { key } of all) expect(key).toMatch(/^[0-9a-f]{64}$/);
    await expect(prisma.$executeRawUnsafe(`INSERT INTO login_throttle (key, failures, expires_at) VALUES ('x', -1, now())`)).rejects.toThrow(
      /login_throttle_failures_check/,
    );
  });
});
