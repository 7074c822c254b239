import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AuthErrors } from '../auth/auth.errors';
import { JwtStrategy } from '../auth/strategies';
import { RouteMemo } from '../common/http/route-memo';
import type { Actor } from './actor';
import { PERMISSION_KEY, PUBLIC_KEY } from './permission.decorator';
import { Permission, roleHas } from './permissions';

const JwtAuth = AuthGuard('jwt');

/**
 * Layer one of authorisation, global and deny-by-default: a route is public, or it names one
 * permission, which the caller's role must hold. A route that declares nothing is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly jwt = new (class extends JwtAuth {
    override handleRequest<T>(err: unknown, user: T): T {
      if (err) throw err;
      if (!user) throw AuthErrors.unauthenticated();
      return user;
    }
  })();

  /** What each route declares: public, or the permission it requires. */
  private readonly declared = new RouteMemo((targets) => ({
    isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
    permission: this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets),
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const route = this.declared.of(context);
    // a public route answers synchronously: no promise for Nest to await
    if (route.isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: Actor }>();
    // a token verified before, of a session the actor cache holds: decided here, synchronously
    const cached = this.strategy.cached(request);
    if (cached) {
      request.user = cached;
      return this.permit(request, route.permission);
    }
    return this.authorize(context, request, route.permission);
  }

  private async authorize(context: ExecutionContext, request: FastifyRequest & { user: Actor }, permission: Permission | undefined): Promise<boolean> {
    await this.jwt.canActivate(context);
    return this.permit(request, permission);
  }

  private permit(request: FastifyRequest & { user: Actor }, permission: Permission | undefined): boolean {
    (request.raw as { userId?: string }).userId = request.user.id;
    if (!permission) throw AuthErrors.noPermissionDeclared();
    if (!roleHas(request.user.role, permission)) throw AuthErrors.forbidden();
    return true;
  }
}
