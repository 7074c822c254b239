import { HttpException, HttpStatus } from '@nestjs/common';
import { AppError, FieldError } from './app-error';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's own failures (URL, body parsing, limits) by their error code. */
const FASTIFY: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', detail: 'The URL is not valid percent-encoding.' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG', detail: 'A path parameter is longer than allowed.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The JSON body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The body is larger than allowed.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'This content type is not accepted here; send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', detail: 'Content-Length does not match the body.' },
};

const CONNECTION_FAILURE = new RegExp(
  [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'timeout exceeded when trying to connect',
    'Connection terminated',
    'connect ETIMEDOUT',
    "Can't reach database",
    'canceling statement due to statement timeout',
    'terminating connection',
    'the database system is (shutting down|starting up)',
  ].join('|'),
  'i',
);

function isPrismaError(e: unknown): e is Error & { code?: string; meta?: Record<string, unknown> } {
  return e instanceof Error && /^Prisma|DriverAdapterError/.test(e.name);
}

export function isDatabaseUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: string }).code;
  // connection lost or refused, pool timeout, admin shutdown, statement timeout, too many connections,
  // the server still starting, a deadlock or serialization failure: the client may retry
  if (code && ['P1001', 'P1002', 'P1017', 'P2024', 'ECONNREFUSED', '57P01', '57014', '53300', '57P03', '40P01', '40001'].includes(code)) return true;
  const cause = (e as { cause?: unknown }).cause;
  return CONNECTION_FAILURE.test(e.message) || (cause !== undefined && cause !== e && isDatabaseUnavailable(cause));
}

function titleOf(status: number): string {
  return (HttpStatus[status] ?? 'Error')
    .toString()
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());
}

function make(status: number, code: string, detail: string, instance: string, extra: object = {}): Problem {
  // extra members never override the standard ones (an error naming a record's `status` must not change the HTTP status)
  return { ...extra, type: `urn:omsk-centre:problem:${code}`, title: titleOf(status), status, detail, instance, code };
}

/** Maps any thrown value to problem details. `internal` is true when the error must be logged. */
export function toProblem(err: unknown, instance: string): { problem: Problem; internal: boolean } {
  // Nest's Fastify adapter wraps Fastify's own errors in an HttpException with the original as cause
  const fastifyCode = ((err as { cause?: { code?: string } } | null)?.cause ?? (err as { code?: string } | null))?.code;
  if (fastifyCode && FASTIFY[fastifyCode]) {
    const f = FASTIFY[fastifyCode];
    return { problem: make(f.status, f.code, f.detail, instance), internal: false };
  }
  if (err instanceof AppError) {
    return { problem: make(err.status, err.code, err.message, instance, err.extra), internal: false };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const body = err.getResponse();
    const given = typeof body === 'object' && body ? (body as Record<string, unknown>) : {};
    const code = typeof given.code === 'string' ? given.code : (CODE_BY_STATUS[status] ?? `HTTP_${status}`);
    let detail = typeof given.message === 'string' ? given.message : err.message;
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(detail)) {
      return { problem: make(404, 'ROUTE_NOT_FOUND', 'There is no such route.', instance), internal: false };
    }
    if (status === 429) detail = 'Too many requests; slow down and retry later.';
    return { problem: make(status, code, detail, instance), internal: status >= 500 };
  }
  if (isDatabaseUnavailable(err)) {
    return { problem: make(503, 'SERVICE_UNAVAILABLE', 'The database is unavailable; retry shortly.', instance), internal: true };
  }
  if (isPrismaError(err) && err.code === 'P2002') {
    return { problem: make(409, 'DUPLICATE', 'A record with these values already exists.', instance), internal: false };
  }
  if (isPrismaError(err) && err.code === 'P2025') {
    return { problem: make(404, 'NOT_FOUND', 'The record was not found.', instance), internal: false };
  }
  const status = (err as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { problem: make(status, CODE_BY_STATUS[status] ?? `HTTP_${status}`, titleOf(status) + '.', instance), internal: false };
  }
  return { problem: make(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged.', instance), internal: true };
}
