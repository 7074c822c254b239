// GET /api/v1/health/live through every global layer of the app (Fastify request id, security
// headers, CORS, the request's logging context and its JSON log line, Nest's guards: the throttler,
// which health skips, and the access guard, which lets a public route through; pipes; the ETag
// hook) against bare node:http answering the same JSON. Health probes are never rate limited (a
// probe answered 429 under load would take a healthy replica out), so no counter is touched here.
const BODY = { status: 'ok' };

export default {
  name: 'health-live',
  description: 'liveness probe: framework + global middleware overhead, no database',
  method: 'GET',
  path: '/api/v1/health/live',
  headers: {},
  /** Minimal app/baseline requests-per-second ratio. */
  target: 0.6,
  /** Both targets must answer this before the load starts. */
  expect: { status: 200, json: BODY },
  async setup() {
    return {};
  },
  baseline: {
    handler(req, res, ctx) {
      ctx.sendJson(res, 200, BODY);
    },
  },
};
