import { AppError } from '../common/errors/app-error';

export const UserErrors = {
  notFound: () => new AppError(404, 'USER_NOT_FOUND', 'The user was not found.'),
  emailTaken: () => new AppError(409, 'USER_EMAIL_TAKEN', 'A user with this email already exists.'),
  links: (errors: { field: string; message: string }[]) =>
    new AppError(422, 'USER_LINKS_INVALID', 'The role does not fit the employer or agency links.', { errors }),
  selfChange: () => new AppError(422, 'USER_SELF_CHANGE', 'Administrators cannot change their own role or deactivate themselves.'),
};
