import { AppError } from '../../common/errors/app-error';

export const ReportExportErrors = {
  notFound: () => new AppError(404, 'REPORT_EXPORT_NOT_FOUND', 'No such report export.'),
  notReady: (status: string) => new AppError(409, 'REPORT_EXPORT_NOT_READY', `The export is ${status.toLowerCase()}; download it once its status is DONE.`),
  failed: (code: string | null) => new AppError(409, 'REPORT_EXPORT_FAILED', `The export failed (${code ?? 'unknown'}); ask for a new one.`),
  expired: () => new AppError(410, 'REPORT_EXPORT_EXPIRED', 'The export has expired and its file was deleted; ask for a new one.'),
};

/** Codes written to a FAILED export (errorCode): the job failed on its last attempt. */
export const BUILD_FAILED = 'REPORT_EXPORT_BUILD_FAILED';

/** An XLSX export of more rows than REPORT_EXPORT_XLSX_MAX_ROWS (its errorCode is REPORT_EXPORT_TOO_LARGE). */
export const tooLargeForXlsx = (rows: number, max: number) =>
  new AppError(422, 'REPORT_EXPORT_TOO_LARGE', `${rows} rows are more than an XLSX export may hold (${max}); export them as CSV.`);
