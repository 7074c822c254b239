import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Clock } from '../../infra/clock/clock';
import { AppError, CommonErrors } from '../errors/app-error';
import { IdempotencyRepository } from './idempotency.repository';
import { NO_IDEMPOTENCY } from './no-idempotency.decorator';

const HEADER = 'idempotency-key';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `Idempotency-Key` on POST: the same key and body replays the first answer; the same key with
 * another body answers 422; a key still in flight answers 409. Keys are scoped to the caller and
 * the route, and expire after IDEMPOTENCY_TTL_HOURS. A global interceptor (APP_INTERCEPTOR in
 * AppModule): it runs after the guards, so the caller is known, and hands every other request on.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { id: string } }>();
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (this.reflector.get<boolean | undefined>(NO_IDEMPOTENCY, context.getHandler())) return next.handle();
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new AppError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 255 characters.');
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const scope = `${request.user?.id ?? 'anonymous'} ${request.method} ${request.routeOptions.url ?? request.url}`;
    const hash = createHash('sha256').update(canonical(request.body)).digest('hex');
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const expiresAt = new Date(this.clock.now().getTime() + this.config.idempotencyTtlHours * 3600_000);

    return from(this.claimOrReplay(scope, key, hash, expiresAt)).pipe(
      switchMap((replay) => {
        if (replay) {
          void reply.header('idempotent-replayed', 'true');
          return of(replay.body);
        }
        return next.handle().pipe(
          switchMap((body: unknown) => from(this.repo.complete(scope, key, status, body).then(() => body))),
          catchError((err: unknown) => from(this.repo.release(scope, key)).pipe(switchMap(() => throwError(() => err)))),
        );
      }),
    );
  }

  private async claimOrReplay(scope: string, key: string, hash: string, expiresAt: Date): Promise<{ body: unknown } | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.repo.claim(scope, key, hash, expiresAt)) return undefined;
      const existing = await this.repo.find(scope, key);
      if (!existing) continue; // released meanwhile: claim again
      if (existing.expiresAt < this.clock.now()) {
        await this.repo.release(scope, key);
        continue;
      }
      if (existing.requestHash !== hash) throw CommonErrors.idempotencyKeyReused();
      if (existing.responseStatus === null) throw CommonErrors.idempotencyInProgress();
      return { body: existing.responseBody };
    }
    throw CommonErrors.idempotencyInProgress();
  }
}
