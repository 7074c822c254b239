import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyPluginCallback, onRequestHookHandler } from 'fastify';

/** Response headers a browser page on an allowed origin may read. */
const EXPOSED_HEADERS = ['ETag', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'];
/** Every method the API answers (@fastify/cors allows only GET, HEAD and POST unless told). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * CORS for the origins of CORS_ORIGINS, by @fastify/cors, run only for the requests it concerns:
 * those that carry an `Origin` header. A browser sends one with every cross-origin request and
 * every preflight; probes, proxies and server-to-server clients send none, and for them
 * @fastify/cors would only add `Vary: Origin` and the list of exposed headers, at the price of
 * copying its options and building Fastify's route options twice on every request (6–10 % of a
 * health probe's instructions, bench/README.md). They get `Vary: Origin` alone, so that a
 * shared cache never hands their answer to a browser on another origin.
 *
 * @fastify/cors adds its request hook itself; it is given a view of the instance that keeps the
 * hook instead (the technique Nest's Fastify adapter uses for `app.enableCors()`), and one hook of
 * our own runs it when there is an Origin. Its preflight route is registered as usual: an `OPTIONS`
 * request without an Origin is not a preflight and reaches it as a 404.
 *
 * With no origins configured nothing is registered: no answer carries CORS headers and browsers
 * on other origins are refused, as the CORS protocol does by default.
 */
export async function registerCors(fastify: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (!origins.length) return;
  const options: FastifyCorsOptions = {
    origin: [...origins],
    methods: METHODS,
    credentials: false,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
    // an OPTIONS request with an Origin but no Access-Control-Request-Method is answered like a
    // preflight, not refused with @fastify/cors's plain-text 400 (every failure is problem details)
    strictPreflight: false,
  };
  const plugin: FastifyPluginCallback = (instance, _opts, done) => {
    let corsHook: onRequestHookHandler | undefined;
    const keepingHook = new Proxy(instance, {
      get(target, name) {
        if (name === 'addHook') {
          return (hook: string, fn: onRequestHookHandler) => {
            if (hook === 'onRequest' && !corsHook) corsHook = fn;
            else target.addHook(hook as 'onRequest', fn);
            return keepingHook;
          };
        }
        const value: unknown = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    (cors as unknown as FastifyPluginCallback<FastifyCorsOptions>)(keepingHook, options, (err) => {
      if (err) return done(err);
      const hook = corsHook;
      if (!hook) return done(new Error('@fastify/cors added no request hook'));
      instance.addHook('onRequest', function corsWhenOrigin(request, reply, next) {
        if (request.headers.origin === undefined) {
          void reply.header('vary', 'Origin');
          next();
        } else {
          void hook.call(this, request, reply, next);
        }
      });
      done();
    });
  };
  // not encapsulated (what fastify-plugin marks): the hook and the preflight route apply to every route
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  await fastify.register(plugin);
}
