import request from 'supertest';
import { createTestApp, TestApp } from '../support/app';

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '2kb' });
  });
  afterAll(() => t?.close());

  it('answers health/live with the request id echoed', async () => {
    const res = await request(t.http).get('/api/v1/health/live').set('X-Request-Id', 'req-123').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBe('req-123');
  });

  it('generates a request id when none (or a malformed one) is given', async () => {
    const res = await request(t.http).get('/api/v1/health/live').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  // helmet's headers a JSON API needs (OWASP REST Security Cheat Sheet), on answers and problems alike
  const API_SECURITY = {
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    'cross-origin-resource-policy': 'same-site',
  };
  const HTML_ONLY = [
    'x-dns-prefetch-control',
    'x-download-options',
    'x-permitted-cross-domain-policies',
    'x-xss-protection',
    'origin-agent-cluster',
    'cross-origin-opener-policy',
    'referrer-policy',
    'x-powered-by',
  ];

  it.each([
    ['an answer', '/api/v1/health/live', 200],
    ['a problem', '/api/v1/no-such-thing', 404],
    ['a refusal', '/api/v1/workers', 401],
  ])('sends the API security headers on %s, and none of the HTML-only ones', async (_what, path, status) => {
    const res = await request(t.http).get(path).expect(status);
    expect(res.headers).toMatchObject(API_SECURITY);
    for (const name of HTML_ONLY) expect(res.headers).not.toHaveProperty(name);
  });

  it.each(['/docs', '/docs/swagger-ui.css'])('serves the HTML page %s without the API content policy, framing still refused', async (path) => {
    const res = await request(t.http).get(path).expect(200);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown route with 404 problem details', async () => {
    const res = await request(t.http).get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', instance: '/api/v1/no-such-thing' });
    expect(res.body.type).toEqual(expect.any(String));
    expect(res.body.title).toEqual(expect.any(String));
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await request(t.http)
      .post('/api/v1/health/live')
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await request(t.http)
      .post('/api/v1/health/live')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(4096) }))
      .expect(413);
    expect(res.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers ready with the database and the queue up', async () => {
    const res = await request(t.http).get('/api/v1/health/ready').expect(200);
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, queue: { status: 'up' } });
  });
});
