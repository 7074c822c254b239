import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, CommonErrors } from '../errors/app-error';

function namesWithNul(values: unknown): string[] {
  if (!values || typeof values !== 'object') return [];
  return Object.entries(values)
    .filter(([name, value]) => name.includes('\0') || [value].flat().some((v) => typeof v === 'string' && v.includes('\0')))
    .map(([name]) => name);
}

/** The error for a URL holding `%00`, naming the query or path parameters that hold it. */
export function nulInUrl(request: FastifyRequest): AppError {
  const names = [...namesWithNul(request.query), ...namesWithNul(request.params)];
  return CommonErrors.nulCharacter(names.length ? names : ['url']);
}

/**
 * An `onSend` hook of the streamed routes: an answer sent before the request's body has arrived in
 * full (a scan refused for its size, a token refused before the upload was read) closes the
 * connection, since the rest of that body, left half-read, would block the next request on it.
 */
export function closeUnlessBodyRead(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  if (!request.raw.complete) void reply.header('connection', 'close');
  done(null, payload);
}
