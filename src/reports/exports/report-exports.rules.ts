/**
 * Pure parts of the report exports (issue 19, item 4): the types and formats, the progress steps a
 * job reports, when an export expires, whether its file may be downloaded, and the file's name.
 */

export const EXPORT_TYPES = ['quota-summary', 'wage-summary', 'deadline-compliance', 'placements', 'commission-request-summary'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'EXPIRED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Progress is written when it has grown by at least this many points: at most 100 / STEP writes per export. */
export const PROGRESS_STEP = 5;

/**
 * The progress after `done` of `total` rows, 0–99: 100 is written only with the finished file, so
 * a client never sees 100 on an export it cannot download yet. With no rows to count, 0.
 */
export function progressOf(done: number, total: number): number {
  if (total <= 0 || done <= 0) return 0;
  return Math.min(99, Math.floor((done * 100) / total));
}

/** Whether `next` is worth a write after `last` (a step of PROGRESS_STEP or more). */
export function progressDue(last: number, next: number): boolean {
  return next - last >= PROGRESS_STEP;
}

/** When an export made (or finished) at `from` expires. */
export function expiryOf(from: Date, ttlHours: number): Date {
  return new Date(from.getTime() + ttlHours * 3_600_000);
}

export type DownloadState = 'ready' | 'expired' | 'failed' | 'not-ready';

/**
 * Whether the file may be downloaded at `now`: an export past its expiry is gone (410) even before
 * the expiry job has deleted it; a failed one has no file; a queued or running one has none yet (409).
 */
export function downloadState(e: { status: ExportStatus; expiresAt: Date }, now: Date): DownloadState {
  if (e.status === 'EXPIRED' || e.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (e.status === 'FAILED') return 'failed';
  return e.status === 'DONE' ? 'ready' : 'not-ready';
}

/** The download's name: ASCII only (a header value), e.g. `quota-summary-2026-employer-1f2e3d4c.xlsx`. */
export function exportFileName(type: ExportType, params: Record<string, unknown>, format: ExportFormat, id: string): string {
  const parts = [type, params.year, params.groupBy].filter((p) => p !== undefined && p !== null).map((p) => String(p).replace(/[^A-Za-z0-9-]/g, ''));
  return `${[...parts, id.slice(0, 8)].join('-')}.${format}`;
}
