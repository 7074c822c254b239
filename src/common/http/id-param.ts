import { Param, ParseUUIDPipe } from '@nestjs/common';
import type { AppError } from '../errors/app-error';

/**
 * The `:id` route parameter as a UUID. A malformed id cannot name an existing record, so it answers
 * the same 404 as an unknown one.
 */
export function IdParam(notFound: () => AppError, name = 'id'): ParameterDecorator {
  return Param(name, new ParseUUIDPipe({ exceptionFactory: notFound }));
}
