import { AppError, CommonErrors } from '../../common/errors/app-error';

export const PublicComplaintErrors = {
  /** One answer for an unknown reference and a wrong code: nobody learns which references exist. */
  notFound: () => new AppError(404, 'PUBLIC_COMPLAINT_NOT_FOUND', 'No complaint has this reference and access code.'),
  intakeThrottled: (retryAfterSeconds: number) =>
    new AppError(429, 'PUBLIC_COMPLAINTS_THROTTLED', `Too many complaints from this address; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds }),
  codeThrottled: (retryAfterSeconds: number) =>
    new AppError(429, 'ACCESS_CODE_THROTTLED', `Too many wrong access codes; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds }),
  contact: (problem: 'CONTACT_NOT_WANTED' | 'CONTACT_REQUIRED') =>
    CommonErrors.validation([
      { field: 'contact', message: problem === 'CONTACT_NOT_WANTED' ? 'given only with wantsContact: true' : 'required with wantsContact: true' },
    ]),
  destroyed: () =>
    new AppError(409, 'COMPLAINT_CONTENT_DESTROYED', 'This complaint was closed long ago and its content destroyed; contact the Centre directly.'),
};
