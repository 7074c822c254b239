/** Every queue, job name and payload type of the system, in one place (ARCHITECTURE.md, rule 7). */
export enum QueueName {
  Maintenance = 'maintenance',
  Deadlines = 'deadlines',
  Mail = 'mail',
  Notices = 'notices',
  Placements = 'placements',
  ReportExports = 'report-exports',
  Complaints = 'complaints',
}

export enum JobName {
  PurgeExpiredIdempotencyKeys = 'idempotency-keys.purge',
  /** The daily deadline scan: missed deadlines and the reminders due that day. */
  DeadlineScan = 'deadlines.scan',
  /** E-mails of outgoing_mail, up to JOB_BATCH of them (older jobs carry one `mailId`). */
  SendMail = 'mail.send',
  /** Worker notices to the NoticeSender, up to JOB_BATCH of them (older jobs carry one `noticeId`). */
  SendWorkerNotice = 'notices.send',
  StartDuePlacements = 'placements.start-due',
  /** Writes one report export's file. */
  BuildReportExport = 'report-exports.build',
  /** Marks the exports past their expiry EXPIRED and deletes their files (hourly). */
  ExpireReportExports = 'report-exports.expire',
  /** Hourly: untriaged complaints past their triage deadline are escalated to the administrators. */
  ComplaintTriageScan = 'complaints.triage-scan',
  /** Daily: closed complaints past their retention period lose their content (the rows stay as statistics). */
  ComplaintRetentionScan = 'complaints.retention-scan',
}

export interface JobPayloads {
  [JobName.PurgeExpiredIdempotencyKeys]: Record<string, never>;
  [JobName.DeadlineScan]: { day?: string };
  [JobName.SendMail]: { mailIds: string[] };
  [JobName.SendWorkerNotice]: { noticeIds: string[] };
  [JobName.StartDuePlacements]: Record<string, never>;
  [JobName.BuildReportExport]: { exportId: string };
  [JobName.ExpireReportExports]: Record<string, never>;
  [JobName.ComplaintTriageScan]: Record<string, never>;
  [JobName.ComplaintRetentionScan]: Record<string, never>;
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredIdempotencyKeys]: QueueName.Maintenance,
  [JobName.DeadlineScan]: QueueName.Deadlines,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.SendWorkerNotice]: QueueName.Notices,
  [JobName.StartDuePlacements]: QueueName.Placements,
  [JobName.BuildReportExport]: QueueName.ReportExports,
  [JobName.ExpireReportExports]: QueueName.ReportExports,
  [JobName.ComplaintTriageScan]: QueueName.Complaints,
  [JobName.ComplaintRetentionScan]: QueueName.Complaints,
};

/**
 * How many e-mails or worker notices one job carries. A job costs a few Redis commands and two
 * statements whatever it carries, which at one message a job capped reminders near 130 a second.
 */
export const JOB_BATCH = 50;

/** `ids` in jobs of at most JOB_BATCH. */
export function batchesOf(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += JOB_BATCH) out.push(ids.slice(i, i + JOB_BATCH));
  return out;
}

/** The ids a batch job names: `ids` (a list of strings), or `id` from a job queued before batches; null when neither is well formed. */
export function idsOfJob(data: unknown, many: string, one: string): string[] | null {
  const d = (data ?? {}) as Record<string, unknown>;
  const list = d[many];
  if (Array.isArray(list) && list.length > 0 && list.every((x) => typeof x === 'string')) return list as string[];
  return typeof d[one] === 'string' ? [d[one] as string] : null;
}

export const ALL_QUEUES = Object.values(QueueName);

export function isJobName(name: string): name is JobName {
  return (Object.values(JobName) as string[]).includes(name);
}
