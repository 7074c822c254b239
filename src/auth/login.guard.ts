import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AppError, CommonErrors } from '../common/errors/app-error';
import { LoginDto } from './dto/auth.dto';

/** Validates the body first (guards run before pipes), then Passport's local strategy. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = typeof body === 'object' && body !== null ? await validate(dto, { whitelist: true, forbidNonWhitelisted: true }) : [];
    if (typeof body !== 'object' || body === null) throw CommonErrors.validation([{ field: 'body', message: 'must be a JSON object' }]);
    if (errors.length) {
      throw CommonErrors.validation(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message }))));
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (err instanceof AppError && typeof err.extra.retryAfterSeconds === 'number') {
      // a throttled sign-in (AuthErrors.loginThrottled): say when to come back
      context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(err.extra.retryAfterSeconds));
    }
    if (err) throw err;
    return user;
  }
}
