import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { PrismaService } from '../../infra/database/prisma.service';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

// One round trip: count the hit in a fixed window and start a block when the limit is passed.
const REDIS_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3]); blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}`;

/**
 * Rate-limit counters on shared storage, so limits hold across API replicas: Redis when
 * configured, otherwise a table in PostgreSQL.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis?: Redis;
  private readonly prefix: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
  ) {
    this.prefix = config.redis.prefix;
    if (config.redis.url) {
      this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
      this.redis.on('error', () => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const k = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const block = blockDuration > 0 ? blockDuration : ttl;
    if (this.redis) {
      const [hits, ttlLeft, blockedLeft] = (await this.redis.eval(REDIS_SCRIPT, 2, k, `${k}:blocked`, ttl, limit, block)) as number[];
      return { totalHits: hits, timeToExpire: Math.ceil(Math.max(ttlLeft, 0) / 1000), isBlocked: blockedLeft > 0, timeToBlockExpire: Math.ceil(Math.max(blockedLeft, 0) / 1000) };
    }
    const [row] = await this.prisma.$queryRaw<{ hits: number; ttl_ms: number; blocked_ms: number }[]>`
      INSERT INTO rate_limits AS r (key, hits, expires_at)
      VALUES (${k}, 1, now() + make_interval(secs => ${ttl / 1000}))
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
        expires_at = CASE WHEN r.expires_at <= now() THEN EXCLUDED.expires_at ELSE r.expires_at END,
        blocked_until = CASE
          WHEN r.blocked_until > now() THEN r.blocked_until
          WHEN (CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END) > ${limit}
            THEN now() + make_interval(secs => ${block / 1000})
          ELSE NULL END
      RETURNING hits,
        (extract(epoch FROM (expires_at - now())) * 1000)::int AS ttl_ms,
        COALESCE((extract(epoch FROM (blocked_until - now())) * 1000)::int, 0) AS blocked_ms`;
    return {
      totalHits: row.hits,
      timeToExpire: Math.ceil(Math.max(row.ttl_ms, 0) / 1000),
      isBlocked: row.blocked_ms > 0,
      timeToBlockExpire: Math.ceil(Math.max(row.blocked_ms, 0) / 1000),
    };
  }
}
