import { AppError, FieldError } from '../common/errors/app-error';

export const EmployerErrors = {
  notFound: () => new AppError(404, 'EMPLOYER_NOT_FOUND', 'The employer was not found.'),
  duplicate: () => new AppError(409, 'EMPLOYER_DUPLICATE', 'An employer with this INN or OGRN already exists.'),
  invalidRegistration: (errors: FieldError[]) =>
    new AppError(
      422,
      'EMPLOYER_REGISTRATION_INVALID',
      'The registration data is invalid: the INN or OGRN fails its check digits, or the ОКВЭД code is not on the list.',
      { errors },
    ),
};
