import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

export const PROBLEM_JSON = 'application/problem+json';

function sendProblem(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { problem, internal } = toProblem(err, request.url.split('?')[0]);
  // the request's logger: its lines carry the request id
  if (internal) request.log.error({ context: 'Errors', err, code: problem.code }, 'request failed');
  if (problem.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
  void reply.status(problem.status).type(PROBLEM_JSON).send(problem);
}

/**
 * Fastify's `frameworkErrors`: the answer to a request its router refuses before any hook or
 * route runs (a URL that is not valid percent-encoding, a path parameter over the length limit),
 * as problem details like every other failure.
 */
export function answerFrameworkError(err: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(err, request, reply);
}

/** The one place where failures become RFC 9457 problem details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
