import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Response headers a browser page on an allowed origin may read. */
const EXPOSED_HEADERS = ['ETag', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'];
/** Every method the API answers (@fastify/cors allows only GET, HEAD and POST unless told). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * The @fastify/cors options for the origins of CORS_ORIGINS. The origin is decided per request
 * (an origin function): a request without an `Origin` header — a probe, a proxy, a server-to-server
 * client — is not a CORS request, so it gets no CORS headers (only the `Vary: Origin` the plugin
 * adds for every non-fixed origin, so that a shared cache never hands its answer to a browser), and
 * an `OPTIONS` request without one is no preflight and answers 404. A browser sends an Origin with
 * every cross-origin request and every preflight: those are answered for the configured origins.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  const allowed = [...origins];
  return {
    origin: (origin, callback) => callback(null, origin === undefined ? false : allowed),
    methods: METHODS,
    credentials: false,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
    // an OPTIONS request with an Origin but no Access-Control-Request-Method is answered like a
    // preflight, not refused with @fastify/cors's plain-text 400 (every failure is problem details)
    strictPreflight: false,
  };
}

/**
 * CORS by @fastify/cors, registered as a plugin. With no origins configured nothing is registered:
 * no answer carries CORS headers and browsers on other origins are refused, as the CORS protocol
 * does by default.
 */
export async function registerCors(app: NestFastifyApplication, origins: readonly string[]): Promise<void> {
  if (origins.length) await app.register(fastifyCors, corsOptions(origins));
}
