import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { errorCodes } from 'fastify';
import { AppError, CommonErrors } from './app-error';
import { toProblem } from './problem';

const INSTANCE = '/api/v1/things/1';

/** What Node's net module throws when nothing listens on the port. */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address: '127.0.0.1',
    port: 5432,
  });
}

/** Nest's Fastify adapter turns Fastify's 4xx errors into an HttpException with the original as cause. */
function wrappedLikeNest(error: Error & { statusCode?: number }): HttpException {
  return new HttpException(error.message, error.statusCode!, { cause: error });
}

const fastifyErrors = {
  invalidJson: () => new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(),
  tooLarge: () => new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(),
  mediaType: () => new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/plain'),
};

describe('toProblem', () => {
  it.each<[string, () => unknown, { status: number; code: string; internal: boolean }]>([
    ['an AppError', () => new AppError(422, 'QUOTA_EXCEEDED', 'No quota left.'), { status: 422, code: 'QUOTA_EXCEEDED', internal: false }],
    ['a stale If-Match', () => CommonErrors.preconditionFailed('"3"'), { status: 412, code: 'PRECONDITION_FAILED', internal: false }],
    ['a NotFoundException', () => new NotFoundException(), { status: 404, code: 'NOT_FOUND', internal: false }],
    ['an unknown route', () => new NotFoundException('Cannot GET /api/v1/nope'), { status: 404, code: 'ROUTE_NOT_FOUND', internal: false }],
    ['a ThrottlerException', () => new ThrottlerException(), { status: 429, code: 'RATE_LIMITED', internal: false }],
    ['an HttpException 429', () => new HttpException('slow down', 429), { status: 429, code: 'RATE_LIMITED', internal: false }],
    ['a PayloadTooLargeException', () => new PayloadTooLargeException(), { status: 413, code: 'PAYLOAD_TOO_LARGE', internal: false }],
    ['a Nest 500', () => new InternalServerErrorException('boom'), { status: 500, code: 'INTERNAL_ERROR', internal: true }],
    ['FST_ERR_CTP_INVALID_JSON_BODY', fastifyErrors.invalidJson, { status: 400, code: 'MALFORMED_JSON', internal: false }],
    ['FST_ERR_CTP_BODY_TOO_LARGE', fastifyErrors.tooLarge, { status: 413, code: 'PAYLOAD_TOO_LARGE', internal: false }],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', fastifyErrors.mediaType, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', internal: false }],
    ['wrapped FST_ERR_CTP_INVALID_JSON_BODY', () => wrappedLikeNest(fastifyErrors.invalidJson()), { status: 400, code: 'MALFORMED_JSON', internal: false }],
    ['wrapped FST_ERR_CTP_BODY_TOO_LARGE', () => wrappedLikeNest(fastifyErrors.tooLarge()), { status: 413, code: 'PAYLOAD_TOO_LARGE', internal: false }],
    [
      'wrapped FST_ERR_CTP_INVALID_MEDIA_TYPE',
      () => wrappedLikeNest(fastifyErrors.mediaType()),
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', internal: false },
    ],
    ['a refused connection', connectionRefused, { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true }],
    [
      'a refused connection as cause',
      () => new Error('query failed', { cause: connectionRefused() }),
      { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true },
    ],
    ['a pool connect timeout', () => new Error('timeout exceeded when trying to connect'), { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true }],
    [
      'a statement timeout (57014)',
      () => Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true },
    ],
    [
      'a deadlock (40P01), e.g. two rate-limit batches',
      () => Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true },
    ],
    [
      'too many connections (53300)',
      () => Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true },
    ],
    [
      'the server still starting (57P03)',
      () => Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      { status: 503, code: 'SERVICE_UNAVAILABLE', internal: true },
    ],
    [
      'a unique violation',
      () => Object.assign(new Error('Unique constraint failed'), { name: 'PrismaClientKnownRequestError', code: 'P2002' }),
      { status: 409, code: 'DUPLICATE', internal: false },
    ],
    ['an unknown Error', () => new Error('secret internals: password=hunter2'), { status: 500, code: 'INTERNAL_ERROR', internal: true }],
    ['a thrown string', () => 'oops', { status: 500, code: 'INTERNAL_ERROR', internal: true }],
    ['null', () => null, { status: 500, code: 'INTERNAL_ERROR', internal: true }],
  ])('maps %s', (_what, make, expected) => {
    const { problem, internal } = toProblem(make(), INSTANCE);
    expect({ status: problem.status, code: problem.code, internal }).toEqual(expected);
    expect(problem).toMatchObject({
      type: `urn:omsk-centre:problem:${expected.code}`,
      title: expect.any(String),
      detail: expect.any(String),
      instance: INSTANCE,
    });
  });

  it("keeps an AppError's detail and extra fields", () => {
    const errors = [{ field: 'email', message: 'must be an email' }];
    const { problem } = toProblem(CommonErrors.validation(errors), INSTANCE);
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'The request has invalid or unknown fields.', errors });
  });

  it('never lets an extra field override a standard member (a record status is not the HTTP status)', () => {
    const { problem } = toProblem(new AppError(409, 'ILLEGAL_TRANSITION', 'No.', { status: 'APPROVED', code: 'X', type: 'y' }), INSTANCE);
    expect(problem).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', type: 'urn:omsk-centre:problem:ILLEGAL_TRANSITION' });
  });

  it('takes a code given in an HttpException body', () => {
    const { problem } = toProblem(new BadRequestException({ code: 'WEIRD_INPUT', message: 'odd' }), INSTANCE);
    expect(problem).toMatchObject({ status: 400, code: 'WEIRD_INPUT', detail: 'odd' });
  });

  it("never shows an unknown error's message to the client", () => {
    const { problem } = toProblem(new Error('secret internals: password=hunter2'), INSTANCE);
    expect(problem.detail).not.toContain('hunter2');
    expect(JSON.stringify(problem)).not.toContain('secret internals');
  });

  it("does not show a database error's message either", () => {
    const { problem } = toProblem(connectionRefused(), INSTANCE);
    expect(JSON.stringify(problem)).not.toContain('127.0.0.1');
  });
});
