import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../../audit/audit.service';

/**
 * @nestjs/throttler's guard (the routes that must never be limited say @SkipThrottle), which also
 * writes a security audit row when a public authentication route is throttled.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  @Inject(AuditService) private readonly audit: AuditService;

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
