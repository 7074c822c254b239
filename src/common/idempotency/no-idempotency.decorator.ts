import { SetMetadata } from '@nestjs/common';

export const NO_IDEMPOTENCY = 'idempotency:off';

/**
 * A POST whose answer must never be stored (it holds a secret shown once, such as the access code
 * of a public complaint): `Idempotency-Key` is not honoured there, so a retry makes a new record.
 */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY, true);
