import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import DataLoader from 'dataloader';
import { Redis } from 'ioredis';
import { CommonErrors } from '../errors/app-error';
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
// Registered once as a command, so each hit sends EVALSHA with the script's hash, not the script.
const REDIS_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3]); blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}`;

type ThrottleRedis = Redis & {
  throttleHit(key: string, blockKey: string, ttlMs: number, limit: number, blockMs: number): Promise<number[]>;
};

// The same on PostgreSQL, for a batch of hits (see `hits` below) in one named prepared statement on the
// pool: $1 distinct keys, $2 hits per key, $3 window ms, $4 limit, $5 block ms. Each key's row is
// counted up by its hits and blocked when the count passes the limit; `was_blocked` says whether a
// block was already running (read from the statement's snapshot, which all its parts share), so
// that each hit of the batch gets the answer it would have got alone, counted in arrival order.
// Keys are sorted and inserted in that order: concurrent batches lock their rows in one order.
const PG_HITS_SQL = `
  WITH hit AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::float8[], $4::bigint[], $5::float8[]) AS h(key, n, ttl_ms, lim, block_ms)
  ), prev AS (
    SELECT r.key, r.blocked_until > now() AS was_blocked FROM rate_limits r JOIN hit USING (key)
  ), up AS (
    INSERT INTO rate_limits AS r (key, hits, expires_at, blocked_until)
    SELECT key, n, now() + make_interval(secs => ttl_ms / 1000),
           CASE WHEN n > lim THEN now() + make_interval(secs => block_ms / 1000) END
    FROM hit ORDER BY key
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.expires_at <= now() THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
      expires_at = CASE WHEN r.expires_at <= now() THEN EXCLUDED.expires_at ELSE r.expires_at END,
      blocked_until = CASE
        WHEN r.blocked_until > now() THEN r.blocked_until
        WHEN (CASE WHEN r.expires_at <= now() THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END)
             > (SELECT h.lim FROM hit h WHERE h.key = EXCLUDED.key)
          THEN now() + make_interval(secs => (SELECT h.block_ms FROM hit h WHERE h.key = EXCLUDED.key) / 1000)
        ELSE NULL END
    RETURNING r.key, r.hits, r.expires_at, r.blocked_until
  )
  SELECT up.key, up.hits,
    (extract(epoch FROM (up.expires_at - now())) * 1000)::int AS ttl_ms,
    COALESCE((extract(epoch FROM (up.blocked_until - now())) * 1000)::int, 0) AS blocked_ms,
    COALESCE(prev.was_blocked, false) AS was_blocked
  FROM up LEFT JOIN prev USING (key)`;

interface Hit {
  key: string;
  ttl: number;
  limit: number;
  block: number;
}

function toRecord(hits: number, ttlMs: number, blockedMs: number): ThrottlerStorageRecord {
  return {
    totalHits: hits,
    timeToExpire: Math.ceil(Math.max(ttlMs, 0) / 1000),
    isBlocked: blockedMs > 0,
    timeToBlockExpire: Math.ceil(Math.max(blockedMs, 0) / 1000),
  };
}

/**
 * Rate-limit counters on shared storage, so limits hold across API replicas: Redis when
 * configured, otherwise a table in PostgreSQL.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis?: ThrottleRedis;
  private readonly prefix: string;
  private closing?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
  ) {
    this.prefix = config.redis.prefix;
    if (config.redis.url) {
      // auto-pipelining: the hits of concurrent requests issued in the same tick go out in one write
      const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, enableAutoPipelining: true });
      redis.defineCommand('throttleHit', { numberOfKeys: 2, lua: REDIS_SCRIPT });
      redis.on('error', () => undefined);
      this.redis = redis as ThrottleRedis;
    }
  }

  /**
   * Hits on PostgreSQL: the hits of the requests that arrive in one turn of the event loop go out
   * together, one round trip per batch (at 16 concurrent requests on one client address, one
   * statement per hit would queue them all on the row lock of one counter). No cache: every hit
   * counts, and each is run by a statement issued after it arrived.
   */
  private readonly hits = new DataLoader<Hit, ThrottlerStorageRecord>((hits) => this.countHits(hits), {
    cache: false,
    maxBatchSize: 256,
    batchScheduleFn: (run) => setImmediate(run),
  });

  private async countHits(hits: readonly Hit[]): Promise<ThrottlerStorageRecord[]> {
    const byKey = new Map<string, { hit: Hit; n: number }>();
    const order = hits.map((h) => {
      const entry = byKey.get(h.key) ?? byKey.set(h.key, { hit: h, n: 0 }).get(h.key)!;
      return ++entry.n; // this hit's place among the batch's hits on its key
    });
    // rows are locked in key order, so two batches in flight on overlapping keys never deadlock
    const keys = [...byKey.values()].sort((a, b) => (a.hit.key < b.hit.key ? -1 : a.hit.key > b.hit.key ? 1 : 0));
    const { rows } = await this.prisma.pool.query<{ key: string; hits: number; ttl_ms: number; blocked_ms: number; was_blocked: boolean }>({
      name: 'rate_limit_hits',
      text: PG_HITS_SQL,
      values: [keys.map((e) => e.hit.key), keys.map((e) => e.n), keys.map((e) => e.hit.ttl), keys.map((e) => e.hit.limit), keys.map((e) => e.hit.block)],
    });
    const byRow = new Map(rows.map((r) => [r.key, r]));
    return hits.map((h, i) => {
      const row = byRow.get(h.key)!;
      const total = row.hits - byKey.get(h.key)!.n + order[i]; // the count as this hit left it
      const blocked = row.was_blocked || total > h.limit;
      // a hit under the limit is let through even when a later hit of the same batch started a block
      return toRecord(total, row.ttl_ms, blocked ? Math.max(row.blocked_ms, 1) : 0);
    });
  }

  /**
   * Nest calls this twice, at once (the instance is also @nestjs/throttler's storage provider): both
   * calls share one close. Two QUITs in flight made the second fail on the closed connection, and the
   * disconnect() that followed left ioredis's 2 s close timer holding the process (a test worker
   * then could not exit).
   */
  onModuleDestroy(): Promise<void> {
    return (this.closing ??= this.close());
  }

  private async close(): Promise<void> {
    const redis = this.redis;
    const ended = () => !redis || redis.status === 'end';
    if (!redis || ended()) return;
    // QUIT when connected: Redis closes the connection and nothing is left behind
    const quit =
      redis.status === 'ready'
        ? await redis.quit().then(
            () => true,
            () => false,
          )
        : false;
    if (!quit && !ended()) redis.disconnect();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const k = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const block = blockDuration > 0 ? blockDuration : ttl;
    if (this.redis) {
      // Redis unreachable: the request is refused with 503 (limits fail closed), never let through
      const [hits, ttlLeft, blockedLeft] = await this.redis.throttleHit(k, `${k}:blocked`, ttl, limit, block).catch((e: unknown) => {
        throw Object.assign(CommonErrors.dependencyDown('The rate-limit storage'), { cause: e });
      });
      return toRecord(hits, ttlLeft, blockedLeft);
    }
    return this.hits.load({ key: k, ttl, limit, block });
  }
}
