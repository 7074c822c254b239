import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Actor } from '../access/actor';
import type { AppConfig } from '../config/config';

/**
 * Paths whose values never reach a log line. Fixed paths, not wildcards: a wildcard path makes
 * every child logger pay for redaction (measured: ~30 µs a request).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  // the access code of a public complaint (src/complaints/public)
  'req.headers["x-access-code"]',
  'headers["x-access-code"]',
  'password',
  'newPassword',
  'currentPassword',
  'accessToken',
  'refreshToken',
  'token',
  'accessCode',
  'number',
  'documentNumber',
  'passportNumber',
  'body.password',
  'body.newPassword',
  'body.refreshToken',
  'body.token',
  'body.number',
  'body.passport',
  'err.config',
];

/**
 * The one pino logger of a process: Fastify logs through it, and so does Nest (nestjs-pino). Lines
 * go to stdout through pino's own asynchronous destination (sonic-boom), buffered: written when 4 KB
 * have gathered, or at most 250 ms after a line on a quiet process. Whatever is still buffered is
 * written synchronously when the process exits (pino registers that itself). A stop waits for the
 * logger just before process.exit (flushLogger, in main.ts and worker.ts): an asynchronous write
 * still in flight at exit would otherwise land after the lines written at exit, out of order. A silent logger (the
 * tests) writes nothing and needs no buffer.
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const out =
    destination ??
    (config.logLevel === 'silent'
      ? pino.destination({ dest: 1, sync: true })
      : pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }));
  return pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, out);
}

/**
 * Resolves once every line logged so far has been written, or after `timeoutMs` (stdout may be
 * blocked: a stop must not hang on it). An error writing is not the caller's to handle.
 */
export function flushLogger(logger: Pick<Logger, 'flush'>, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    logger.flush(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * nestjs-pino over the existing logger. In the API (`useExisting`: the logger is Fastify's) its
 * middleware runs for every route and keeps the request's own logger — Fastify's `request.log`,
 * bound to the request id — in its AsyncLocalStorage, so that every line Nest's `Logger` writes
 * while serving a request carries `requestId`. In the worker process there are no requests.
 */
export function loggerParams(logger: Logger, useExisting: boolean): Params {
  return useExisting ? { pinoHttp: { logger }, useExisting: true } : { pinoHttp: { logger, autoLogging: false }, forRoutes: [] };
}

export const REQUEST_LINE_MESSAGE = 'request completed';

/**
 * One line per request, written when the response has gone out, through the request's logger
 * (Fastify's `request.log`, which binds `requestId`): method, route, path, status, duration and the
 * authenticated user's id.
 */
export function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  request.log.info(
    {
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: pathOf(request.url),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: (request as FastifyRequest & { user?: Actor }).user?.id ?? null,
    },
    REQUEST_LINE_MESSAGE,
  );
}

/** The path of a request target, without its query (which may hold search words). */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
