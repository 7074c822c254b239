import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Role } from './permissions';

/** The authenticated caller and the request it made: what services need for scope and audit. */
export interface Actor {
  id: string;
  role: Role;
  /** EMPLOYER: the one organisation the user belongs to. */
  employerId: string | null;
  /** LIAISON: the partner agencies the user works with. */
  agencyIds: string[];
  sessionId: string;
  requestId: string;
  ip: string;
}

/** Context of an unauthenticated request (login, public forms), for audit. */
export interface RequestContext {
  requestId: string;
  ip: string;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { user: Actor }>();
  return request.user;
});

export const RequestCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { requestId: request.id, ip: request.ip };
});
