// GET /api/v1/health/live through every global layer of the app (Fastify onRequest request id,
// helmet, CORS, pino-http request logging, Nest guards incl. the throttler's @SkipThrottle,
// interceptors, pipes) against bare node:http answering the same JSON.
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
