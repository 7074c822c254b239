import { AppError } from '../common/errors/app-error';

export const AuthErrors = {
  invalidCredentials: () => new AppError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong.'),
  locked: (until: Date) =>
    new AppError(423, 'ACCOUNT_LOCKED', 'Too many failed attempts; the account is locked for a while.', {
      lockedUntil: until.toISOString(),
    }),
  unauthenticated: () => new AppError(401, 'UNAUTHENTICATED', 'A valid access token is required.'),
  invalidRefreshToken: () => new AppError(401, 'INVALID_REFRESH_TOKEN', 'The refresh token is invalid, expired or revoked.'),
  refreshTokenReused: () =>
    new AppError(401, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been revoked.'),
  invalidResetToken: () => new AppError(400, 'INVALID_RESET_TOKEN', 'The password reset token is invalid, used or expired.'),
  weakPassword: (problems: string[]) =>
    new AppError(422, 'WEAK_PASSWORD', `The password ${problems.join(', ')}.`, {
      errors: problems.map((message) => ({ field: 'newPassword', message })),
    }),
  forbidden: () => new AppError(403, 'FORBIDDEN', 'Your role may not do this.'),
  noPermissionDeclared: () => new AppError(403, 'FORBIDDEN', 'This route declares no permission and is denied.'),
};
