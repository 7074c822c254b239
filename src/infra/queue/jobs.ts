/** Every queue, job name and payload type of the system, in one place (ARCHITECTURE.md, rule 7). */
export enum QueueName {
  Maintenance = 'maintenance',
  Placements = 'placements',
}

export enum JobName {
  PurgeExpiredIdempotencyKeys = 'idempotency-keys.purge',
  StartDuePlacements = 'placements.start-due',
}

export interface JobPayloads {
  [JobName.PurgeExpiredIdempotencyKeys]: Record<string, never>;
  [JobName.StartDuePlacements]: Record<string, never>;
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredIdempotencyKeys]: QueueName.Maintenance,
  [JobName.StartDuePlacements]: QueueName.Placements,
};

export const ALL_QUEUES = Object.values(QueueName);

export function isJobName(name: string): name is JobName {
  return (Object.values(JobName) as string[]).includes(name);
}
