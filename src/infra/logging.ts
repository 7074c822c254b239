import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger } from 'pino';
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
 * The one pino logger of a process: Fastify logs through it and so does Nest (nestjs-pino).
 * Lines are gathered and written to stdout together, synchronously, once 4 KiB have gathered, and
 * at the latest every LOG_FLUSH_MS: a busy process makes one write per few dozen lines. The write
 * is done by the event loop's own thread: writing asynchronously handed every batch to a libuv pool
 * thread, and waking that thread cost more than the write itself on these virtual machines. What
 * is still gathered is written when the process exits: a stop by signal ends through process.exit
 * (shutdown hooks with useProcessExit), never by re-sending the signal, which would skip that flush.
 */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, destination ?? gatheredDestination(1));
}

const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_MS = 250;

/**
 * Lines gathered in an array and handed to pino's destination (sonic-boom, which does the
 * writing: partial writes, EAGAIN, a closed pipe) as one string per batch. sonic-boom's own buffer
 * (`minLength`) measures the UTF-8 length of everything gathered so far on every line it is given,
 * flattening the growing string each time: 5 % of a health probe's instructions
 * (bench/README.md). Here a line costs an array push; `length` (UTF-16 units) only decides when.
 */
export function gatheredDestination(dest: number | string): DestinationStream & { flush(cb?: (err?: Error) => void): void } {
  const stdout = pino.destination({ dest, sync: true });
  let lines: string[] = [];
  let gathered = 0;
  const flush = () => {
    if (!gathered) return;
    const text = lines.join('');
    lines = [];
    gathered = 0;
    if ((stdout as unknown as { destroyed?: boolean }).destroyed) return;
    try {
      stdout.write(text);
    } catch {
      // stdout gone (closed pipe): nothing left to write to
    }
  };
  // a quiet process still writes its last lines within LOG_FLUSH_MS
  const timer = setInterval(flush, LOG_FLUSH_MS).unref();
  process.once('exit', () => {
    clearInterval(timer);
    flush();
  });
  return {
    write(line: string) {
      lines.push(line);
      gathered += line.length;
      if (gathered >= LOG_BUFFER_BYTES) flush();
    },
    // pino's logger.flush()
    flush(cb?: (err?: Error) => void) {
      flush();
      cb?.();
    },
  };
}

/**
 * nestjs-pino over the existing logger: no second per-request middleware logger, and no middleware
 * at all (`forRoutes: []`), which spares every request the Nest middleware layer on Fastify
 * (@fastify/middie). There is no per-request logging context either (nestjs-pino's
 * AsyncLocalStorage): once any AsyncLocalStorage is entered, Node 20 runs a hook on every promise
 * the process creates, a cost every request paid to label lines that are never written on the
 * happy path. Lines about a request carry its id explicitly instead: the request line below, the
 * problem filter's error lines, and Fastify's own lines through `request.log`.
 */
export function loggerParams(logger: Logger, useExisting: boolean): Params {
  const params: Params = { pinoHttp: { logger, autoLogging: false }, forRoutes: [] };
  return useExisting ? { ...params, useExisting: true } : params;
}

type LogFn = (...args: unknown[]) => void;
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Fastify's `request.log`, made only when something logs through it. Fastify gives every request
 * a child logger bound to its id; pino builds a child by serialising its bindings, a cost paid on
 * every request although on the happy path nothing logs through it (the request line is written
 * by `logRequest` on the root logger). This stands in for the child and makes it on first use.
 */
export class LazyChildLogger {
  made?: Logger;
  constructor(
    readonly parent: Logger,
    private readonly bindings: Record<string, unknown>,
    private readonly options: Record<string, unknown>,
  ) {}

  get level(): string {
    return this.options.level === undefined ? this.parent.level : String(this.options.level);
  }

  set level(level: string) {
    this.logger().level = level;
  }

  logger(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  child(bindings: Record<string, unknown>, options?: Record<string, unknown>): Logger {
    return this.logger().child(bindings, options);
  }

  isLevelEnabled(level: string): boolean {
    return this.logger().isLevelEnabled(level);
  }

  /** Whether a line at `level` would be written, without making the child (its own level, else the parent's). */
  wouldLog(level: string): boolean {
    if (this.options.level === undefined) return this.parent.isLevelEnabled(level);
    const values = this.parent.levels.values;
    return values[level] >= (values[String(this.options.level)] ?? Infinity);
  }
}
for (const level of LEVELS) {
  Object.defineProperty(LazyChildLogger.prototype, level, {
    value(this: LazyChildLogger, ...args: unknown[]) {
      if (!this.made && !this.wouldLog(level)) return; // nothing to write: no child needed
      (this.logger()[level] as LogFn)(...args);
    },
  });
}

/** Fastify's `childLoggerFactory`: a lazy child per request (see LazyChildLogger). */
export function lazyChildLoggerFactory(logger: Logger, bindings: Record<string, unknown>, options: Record<string, unknown>): Logger {
  return new LazyChildLogger(logger, bindings, options) as unknown as Logger;
}

/**
 * One JSON line per request on the root logger: request id, method, route, status, duration, user
 * id. Written without a child logger (see LazyChildLogger): the id is a field of the line.
 */
export function requestLogger(logger: Logger): (request: FastifyRequest, reply: FastifyReply) => void {
  const write = requestLineWriter(logger);
  return (request, reply) =>
    write({
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: pathOf(request.url),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: (request.raw as { userId?: string }).userId ?? null,
    });
}

/** The fields of a request line, in the order they are written. */
export interface RequestLine {
  requestId: string;
  method: string;
  route: string | null;
  url: string;
  statusCode: number;
  durationMs: number;
  userId: string | null;
}

export const REQUEST_LINE_MESSAGE = 'request completed';

/**
 * Writes the line `logger.info(fields, 'request completed')` would write (level, time, pid and
 * hostname, the fields, msg: logging.spec.ts compares the two) to the logger's own destination, so
 * it keeps its place among the other lines, when the logger's level lets info lines through.
 *
 * Built here rather than by pino: a request line is written for every request, and pino's
 * serialising (each key and value escaped on its own, the pieces concatenated, the result
 * flattened again when written) cost ~20,000 instructions a request, a seventh of a health
 * probe's; `JSON.stringify` of the fields still ~9,000 (bench/README.md). The fields are fixed,
 * none is redacted (REDACTED_PATHS) or has a serializer, so pino would do nothing else to them.
 */
export function requestLineWriter(logger: Logger): (line: RequestLine) => void {
  const internals = logger as unknown as Record<symbol, unknown>;
  const destination = internals[pino.symbols.streamSym] as DestinationStream;
  // what pino writes after the time in every line of this logger: its bindings (pid, hostname)
  const bindings = internals[pino.symbols.chindingsSym] as string;
  const start = `{"level":${logger.levels.values.info},"time":`;
  const end = `,"msg":${JSON.stringify(REQUEST_LINE_MESSAGE)}}\n`;
  return (line) => {
    if (!logger.isLevelEnabled('info')) return;
    destination.write(
      `${start}${Date.now()}${bindings},"requestId":${jsonString(line.requestId)},"method":${jsonString(line.method)}` +
        `,"route":${line.route === null ? 'null' : jsonString(line.route)},"url":${jsonString(line.url)}` +
        `,"statusCode":${jsonNumber(line.statusCode)},"durationMs":${jsonNumber(line.durationMs)}` +
        `,"userId":${line.userId === null ? 'null' : jsonString(line.userId)}${end}`,
    );
  };
}

/**
 * `value` as a JSON string. Quoted as it is when it is printable ASCII without a quote or a
 * backslash, as request ids, methods, routes and most paths are; anything else by JSON.stringify.
 */
export function jsonString(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return JSON.stringify(value);
  }
  return `"${value}"`;
}

/** `value` as JSON: a finite number as itself, anything else as null (as pino and JSON.stringify). */
function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** The path of a request target, without its query (which may hold search words). */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
