import { AppError } from '../common/errors/app-error';

export const AuthErrors = {
  invalidCredentials: () => new AppError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong.'),
  /** Too many failed sign-ins for this e-mail or from this address (the same whether an account has the e-mail or not). */
  loginThrottled: (retryAfterSeconds: number) =>
    new AppError(429, 'LOGIN_THROTTLED', `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds }),
  unauthenticated: () => new AppError(401, 'UNAUTHENTICATED', 'A valid access token is required.'),
  invalidRefreshToken: () => new AppError(401, 'INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked.'),
  refreshTokenReused: () => new AppError(401, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been revoked.'),
  invalidResetToken: () => new AppError(400, 'INVALID_RESET_TOKEN', 'The password reset token is invalid, used or expired.'),
  /** `field`: the password's field as the client sent it (`newPassword` on POST /auth/password-reset). */
  weakPassword: (problems: string[], field: string) =>
    new AppError(422, 'WEAK_PASSWORD', `The password ${problems.join('; ')}`.replace(/([^.])$/, '$1.'), {
      errors: [{ field, message: problems.join('; ') }],
    }),
  forbidden: () => new AppError(403, 'FORBIDDEN', 'Your role may not do this.'),
  noPermissionDeclared: () => new AppError(403, 'FORBIDDEN', 'This route declares no permission and is denied.'),
};
