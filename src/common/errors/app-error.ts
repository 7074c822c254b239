export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure the client can act on: a stable machine code, an HTTP status and a human detail.
 * Domain folders define their own codes in x.errors.ts; the global filter renders them as
 * RFC 9457 problem details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const CommonErrors = {
  validation: (errors: FieldError[]) => new AppError(400, 'VALIDATION_FAILED', 'The request has invalid or unknown fields.', { errors }),
  notFound: (what = 'Resource') => new AppError(404, 'NOT_FOUND', `${what} was not found.`),
  preconditionFailed: (current: string) =>
    new AppError(412, 'PRECONDITION_FAILED', 'The record was changed by someone else; reload it and retry.', {
      currentEtag: current,
    }),
  preconditionRequired: () => new AppError(428, 'PRECONDITION_REQUIRED', 'Send If-Match with the ETag you read.'),
  idempotencyKeyReused: () => new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body.'),
  idempotencyInProgress: () => new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed.'),
  badCursor: () => new AppError(400, 'INVALID_CURSOR', 'The cursor is malformed or expired.'),
  bodyNotObject: () => new AppError(400, 'BODY_NOT_OBJECT', 'The body must be a JSON object ({ … }).'),
  bodyTooDeep: (maxDepth: number) => new AppError(400, 'JSON_TOO_DEEP', `The JSON body nests objects and arrays deeper than ${maxDepth} levels.`),
  nulCharacter: (fields: string[]) =>
    new AppError(400, 'VALIDATION_FAILED', 'The request has invalid or unknown fields.', {
      errors: fields.map((field) => ({ field, message: 'must not contain the NUL character (\\u0000)' })),
    }),
  unsupportedMediaType: (accepted: readonly string[]) =>
    new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `This content type is not accepted here; send ${accepted.join(', ').replace(/, ([^,]*)$/, ' or $1')}.`),
  dependencyDown: (what: string) => new AppError(503, 'SERVICE_UNAVAILABLE', `${what} is unavailable; retry shortly.`),
};
