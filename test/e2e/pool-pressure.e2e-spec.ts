import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { createTestApp, TestApp } from '../support/app';
import { createRoleUsers } from '../factories/users';
import { createDraftRequest } from '../factories/labour-requests';

// With a small pool, a write whose transaction holds a connection and then asks the pool for
// another one waits for a connection that every other such write also holds: all of them time out.
// Writes must read what they need before their transaction, or through it.
describe('writes under a pool of 2 connections', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof createRoleUsers>>;
  const as = (role: Role) => ({ Authorization: `Bearer ${ctx.tokens[role]}` });

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_MAX: '2', DB_CONNECT_TIMEOUT_MS: '2000', AUTH_LOGIN_RATE_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    ctx = await createRoleUsers(t);
  });
  afterAll(() => t?.close());

  it('six concurrent labour-request edits that check the occupation list all succeed', async () => {
    const drafts = await Promise.all(Array.from({ length: 6 }, () => createDraftRequest(t, ctx.employer.id)));
    const answers = await Promise.all(
      drafts.map((d) =>
        request(t.http).patch(`/api/v1/labour-requests/${d.id}`).set(as(Role.STAFF)).set('If-Match', '*').send({ occupationCode: '7112', workersRequested: 3 }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
  });
});
