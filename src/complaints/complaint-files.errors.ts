import { AppError, CommonErrors } from '../common/errors/app-error';

/** The failures of a complaint's evidence files and referral letters. */
export const ComplaintFileErrors = {
  badName: (message: string) => CommonErrors.validation([{ field: 'name', message }]),
  exists: (name: string) =>
    new AppError(409, 'EVIDENCE_EXISTS', `The complaint already holds a file named "${name}"; evidence is never replaced: upload it under another name.`),
  tooLarge: (max: number) => new AppError(413, 'FILE_TOO_LARGE', `The file is larger than ${Math.round(max / 1024 / 1024)} MB.`),
  unsupported: () =>
    new AppError(
      415,
      'UNSUPPORTED_FILE_TYPE',
      'Evidence is a PDF, JPEG or PNG, or a voice recording (Ogg/Opus, MP3, AAC, M4A, 3GPP, WAV, AMR, WebM), judged by content, not name.',
    ),
  evidenceNotFound: () => new AppError(404, 'EVIDENCE_NOT_FOUND', 'The complaint has no file of this name.'),
  evidenceDestroyed: () => new AppError(410, 'EVIDENCE_DESTROYED', 'This file was destroyed under the retention policy.'),
  referralNotFound: () => new AppError(404, 'REFERRAL_NOT_FOUND', 'The referral was not found on this complaint.'),
  letterDestroyed: () => new AppError(410, 'LETTER_DESTROYED', 'This referral letter was destroyed under the retention policy.'),
  notAcceptable: () => new AppError(406, 'NOT_ACCEPTABLE', 'A referral letter is served as application/pdf or text/plain; the Accept header allows neither.'),
};
