import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';
import { RouteMemo } from '../http/route-memo';

/** The throttler, auditing when the public authentication routes are throttled. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  @Inject(AuditService) private readonly audit: AuditService;
  /** Routes that skip every throttler (@SkipThrottle: the health probes). */
  private readonly skipped = new RouteMemo((targets) =>
    this.throttlers.every((t) => this.reflector.getAllAndOverride<boolean>(THROTTLER_SKIP + t.name, targets) === true),
  );

  /**
   * A route that skips every throttler is let through at once, synchronously: the base guard
   * would look up five metadata keys per throttler and await three promises to reach the same
   * answer on every request. Nest's guard runner accepts a boolean as well as a promise.
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    // a skipIf option is decided per request: leave those to the base guard
    const decidedPerRequest = this.commonOptions.skipIf || this.throttlers.some((t) => t.skipIf);
    if (!decidedPerRequest && this.skipped.of(context)) return true as unknown as Promise<boolean>;
    return super.canActivate(context);
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.routeOptions.url?.includes('/auth/')) {
      await this.audit
        .security({ requestId: request.id, ip: request.ip }, 'auth.throttled', 'route', request.routeOptions.url, { hits: detail.totalHits })
        .catch(() => undefined);
    }
    return super.throwThrottlingException(context, detail);
  }
}
