import { IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/app';

const ALLOWED = 'https://app.centre.example';

/** A request with a target supertest cannot send (`*`, or a path without its leading slash). */
async function rawRequest(t: TestApp, method: string, target: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const server = t.http as Server;
  // supertest listens for each of its requests; this one listens for its own and stops after
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path: target, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '2kb', CORS_ORIGINS: `${ALLOWED},https://other.centre.example` });
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

  it('answers a URL that is not valid percent-encoding with 400 problem details and the same headers', async () => {
    const res = await request(t.http).get('/api/v1/workers/%E0%A4%A').set('X-Request-Id', 'bad-url-1').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'BAD_URL', instance: '/api/v1/workers/%E0%A4%A' });
    expect(res.headers).toMatchObject({ ...API_SECURITY, 'x-request-id': 'bad-url-1' });
  });

  it('answers a path parameter over the length limit with 414 problem details and the same headers', async () => {
    const res = await request(t.http)
      .get(`/api/v1/workers/${'a'.repeat(150)}`)
      .expect(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
    expect(res.headers).toMatchObject(API_SECURITY);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['OPTIONS', '*'],
    ['GET', '*api/v1/health/live'],
  ])('answers %s %s, a target no route can match, with 404 and the same headers', async (method, target) => {
    const res = await rawRequest(t, method, target);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers).toMatchObject(API_SECURITY);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
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
    const res = await request(t.http).post('/api/v1/health/live').set('Content-Type', 'application/json').send('{"broken":').expect(400);
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

  describe('CORS (CORS_ORIGINS)', () => {
    it('lets a page on an allowed origin read the answer and the headers it needs', async () => {
      const res = await request(t.http).get('/api/v1/health/live').set('Origin', ALLOWED).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-expose-headers']).toBe('ETag, X-Request-Id, Retry-After, Idempotent-Replayed');
      expect(res.headers.vary).toMatch(/\bOrigin\b/);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers).toMatchObject(API_SECURITY);
    });

    it('gives a page on any other origin nothing that would let it read the answer', async () => {
      const res = await request(t.http).get('/api/v1/health/live').set('Origin', 'https://evil.example').expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers.vary).toMatch(/\bOrigin\b/);
    });

    it('answers the preflight of an allowed origin with 204 and the allowed methods and headers', async () => {
      const res = await request(t.http)
        .options('/api/v1/workers')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-allow-methods']).toMatch(/\bPOST\b/);
      expect(res.headers['access-control-allow-headers']).toBe('authorization, content-type, idempotency-key');
    });

    it.each(['PATCH', 'PUT', 'DELETE'])('allows %s in a preflight of an allowed origin, for ten minutes', async (method) => {
      const res = await request(t.http).options('/api/v1/workers/x').set('Origin', ALLOWED).set('Access-Control-Request-Method', method).expect(204);
      expect(res.headers['access-control-allow-methods']?.split(/, */)).toContain(method);
      expect(res.headers['access-control-max-age']).toBe('600');
    });

    it('answers OPTIONS with an Origin but no requested method like a preflight, not with a plain-text error', async () => {
      const res = await request(t.http).options('/api/v1/workers').set('Origin', ALLOWED).expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.text).toBe('');
    });

    it('gives the preflight of another origin no permission', async () => {
      const res = await request(t.http)
        .options('/api/v1/workers')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .expect(204);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers a request without Origin (probe, proxy, server) with Vary: Origin and no CORS headers', async () => {
      const res = await request(t.http).get('/api/v1/health/live').expect(200);
      expect(res.headers.vary).toBe('Origin');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-expose-headers']).toBeUndefined();
    });

    it('answers OPTIONS without Origin, which is no preflight, with 404 problem details', async () => {
      const res = await request(t.http).options('/api/v1/workers').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('CORS with no CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: '' });
  });
  afterAll(() => t?.close());

  it('lets no other origin read an answer', async () => {
    const res = await request(t.http).get('/api/v1/health/live').set('Origin', ALLOWED).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-expose-headers']).toBeUndefined();
  });

  it('answers a preflight with 404: no route allows it', async () => {
    await request(t.http).options('/api/v1/workers').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'POST').expect(404);
  });
});
