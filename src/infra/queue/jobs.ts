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
  /** One e-mail of outgoing_mail. */
  SendMail = 'mail.send',
  /** One worker notice to the NoticeSender. */
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
  [JobName.SendMail]: { mailId: string };
  [JobName.SendWorkerNotice]: { noticeId: string };
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

export const ALL_QUEUES = Object.values(QueueName);

export function isJobName(name: string): name is JobName {
  return (Object.values(JobName) as string[]).includes(name);
}
