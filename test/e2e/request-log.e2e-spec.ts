import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { Role } from '../../src/access/permissions';
import { AuthService } from '../../src/auth/auth.service';
import { createTestApp, TestApp } from '../support/app';
import { createUser, login } from '../factories/users';

/** The app's log lines (LOG_LEVEL=info), read from the destination it writes to. */
class LogLines extends Writable {
  readonly text: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  lines(): Record<string, unknown>[] {
    return this.text.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  forRequest(requestId: string) {
    return this.lines().filter((l) => l.requestId === requestId && l.msg === 'request completed');
  }
}

/** The request line is written when the response has gone out: wait for it rather than race it. */
async function lineOf(log: LogLines, requestId: string) {
  for (let i = 0; i < 100 && log.forRequest(requestId).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  return log.forRequest(requestId);
}

describe('request log', () => {
  const log = new LogLines();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logDestination: log });
  });
  afterAll(() => t?.close());

  it('writes one JSON line per request: request id, method, route, path, status, duration, user id', async () => {
    await request(t.http).get('/api/v1/health/live?probe=1').set('X-Request-Id', 'log-live-1').expect(200);
    const lines = await lineOf(log, 'log-live-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      requestId: 'log-live-1',
      method: 'GET',
      route: '/api/v1/health/live',
      url: '/api/v1/health/live',
      statusCode: 200,
      userId: null,
    });
    expect(typeof lines[0].durationMs).toBe('number');
  });

  it('writes the line of a URL the router refuses before any hook, once', async () => {
    await request(t.http).get('/api/v1/workers/%E0%A4%A').set('X-Request-Id', 'log-bad-url-1').expect(400);
    const lines = await lineOf(log, 'log-bad-url-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', route: null, url: '/api/v1/workers/%E0%A4%A', statusCode: 400 });
    await new Promise((r) => setTimeout(r, 50));
    expect(log.forRequest('log-bad-url-1')).toHaveLength(1);
  });

  it('names the authenticated user, and never writes the bearer token or a password', async () => {
    const user = await createUser(t, Role.STAFF);
    const { accessToken } = await login(t, user.email, user.password);
    await request(t.http).get('/api/v1/auth/session').set('Authorization', `Bearer ${accessToken}`).set('X-Request-Id', 'log-session-1').expect(200);
    await request(t.http)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-login-1')
      .send({ email: user.email, password: 'Wrong-Password-2026!' })
      .expect(401);
    expect((await lineOf(log, 'log-session-1'))[0]).toMatchObject({ route: '/api/v1/auth/session', statusCode: 200, userId: user.id });
    expect((await lineOf(log, 'log-login-1'))[0]).toMatchObject({ route: '/api/v1/auth/login', statusCode: 401, userId: null });
    const all = log.text.join('\n');
    expect(all).not.toContain(accessToken);
    expect(all).not.toContain(user.password);
    expect(all).not.toContain('Wrong-Password-2026!');
  });

  it('logs an unknown route with its status and no route template', async () => {
    await request(t.http).get('/api/v1/no-such-route').set('X-Request-Id', 'log-404-1').expect(404);
    expect((await lineOf(log, 'log-404-1'))[0]).toMatchObject({ method: 'GET', url: '/api/v1/no-such-route', statusCode: 404 });
  });

  it('gives every line written while serving a request its request id, and none to lines outside one', async () => {
    const user = await createUser(t, Role.STAFF);
    const { accessToken } = await login(t, user.email, user.password);
    const auth = t.app.get(AuthService);
    const loadActor = auth.loadActor.bind(auth);
    // a service's own line, written through Nest's Logger in the middle of the request
    const spy = jest.spyOn(auth, 'loadActor').mockImplementation(async (userId, sessionId) => {
      const actor = await loadActor(userId, sessionId);
      new Logger('Probe').log('actor loaded');
      return actor;
    });
    try {
      await request(t.http).get('/api/v1/auth/session').set('Authorization', `Bearer ${accessToken}`).set('X-Request-Id', 'log-context-1').expect(200);
      await lineOf(log, 'log-context-1');
      new Logger('Probe').log('outside any request');
    } finally {
      spy.mockRestore();
    }
    const probe = log.lines().filter((l) => l.context === 'Probe');
    expect(probe).toEqual([
      expect.objectContaining({ msg: 'actor loaded', requestId: 'log-context-1' }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
  });

  it('gives a generated request id when the client sends none or an unusable one, and echoes it', async () => {
    const given = await request(t.http).get('/api/v1/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    const generated = given.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lineOf(log, generated)).toHaveLength(1);
  });
});
