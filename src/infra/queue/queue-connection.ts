import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import type { AppConfig } from '../../config/config';

export type QueueBackendKind = 'redis' | 'postgres';

/**
 * Chooses BullMQ's backend for this process: Redis when REDIS_URL is set, otherwise BullMQ's
 * PostgreSQL backend on the application's own database. Must run before any Queue or Worker is
 * created (i.e. before the Nest application).
 */
export function configureQueueBackend(config: AppConfig): QueueBackendKind {
  if (config.redis.url) {
    setDefaultBackendFactory();
    return 'redis';
  }
  setDefaultBackendFactory(createPostgresBackend);
  return 'postgres';
}

function redisOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    connectTimeout: 3000,
  };
}

/** Connection for workers: they wait for Redis to come back rather than fail. */
export function workerConnection(config: AppConfig): object {
  if (config.redis.url) return { ...redisOptions(config.redis.url), maxRetriesPerRequest: null };
  return { connectionString: config.database.url!, migrate: true, max: 4, connectionTimeoutMillis: 3000 };
}

/** Connection for producers: fail fast so the outbox keeps the job and retries later. */
export function producerConnection(config: AppConfig): object {
  if (config.redis.url) return { ...redisOptions(config.redis.url), enableOfflineQueue: false, maxRetriesPerRequest: null };
  return { connectionString: config.database.url!, migrate: true, max: 4, connectionTimeoutMillis: 3000 };
}
