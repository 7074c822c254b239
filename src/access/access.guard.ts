import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuthErrors } from '../auth/auth.errors';
import type { Actor } from './actor';
import { PERMISSION_KEY, PUBLIC_KEY } from './permission.decorator';
import { Permission, roleHas } from './permissions';

/**
 * Layer one of authorisation, global and deny-by-default: a route is public, or it names one
 * permission, which the caller's role must hold. A route that declares nothing is refused. The
 * caller is authenticated by Passport's `jwt` strategy (JwtStrategy), at every request.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true) return true;
    await super.canActivate(context);
    const { user } = context.switchToHttp().getRequest<FastifyRequest & { user: Actor }>();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) throw AuthErrors.noPermissionDeclared();
    if (!roleHas(user.role, permission)) throw AuthErrors.forbidden();
    return true;
  }

  /** Passport's verdict: an error as it is (e.g. the database is down: 503), no caller → 401. */
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw AuthErrors.unauthenticated();
    return user;
  }
}
