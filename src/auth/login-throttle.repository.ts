import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';
import type { ThrottleState } from './login-throttle.rules';

// Counts a failure under each key ($1, sorted so that concurrent statements lock rows in one order)
// at $2; a count whose last failure is older than $3 starts again. $4: when the row may go. Up to
// 20 rows that nothing needs any more are deleted on the way (never one of this statement's keys).
const RECORD_FAILURE_SQL = `
  WITH gone AS (
    DELETE FROM login_throttle WHERE key IN (
      SELECT key FROM login_throttle WHERE expires_at < $2 AND key <> ALL($1::text[]) LIMIT 20 FOR UPDATE SKIP LOCKED)
  )
  INSERT INTO login_throttle AS t (key, failures, last_failure_at, expires_at)
  SELECT k, 1, $2, $4 FROM unnest($1::text[]) AS k ORDER BY k
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.last_failure_at IS NULL OR t.last_failure_at < $3 THEN 1 ELSE t.failures + 1 END,
    last_failure_at = $2,
    expires_at = GREATEST(t.expires_at, $4)
  RETURNING key, failures`;

// Starts (or lengthens, never shortens) the wait of each key: $1 keys, $2 until when.
const BLOCK_SQL = `
  UPDATE login_throttle t SET blocked_until = GREATEST(t.blocked_until, b.until), expires_at = GREATEST(t.expires_at, b.until)
  FROM unnest($1::text[], $2::timestamptz[]) AS b(key, until)
  WHERE t.key = b.key`;

/**
 * The sign-in throttle's counters (see login-throttle.rules.ts), in PostgreSQL so that every API
 * replica counts the same failures. Keys arrive already hashed.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  async read(keys: string[]): Promise<Map<string, ThrottleState>> {
    const { rows } = await this.prisma.pool.query<{ key: string; blocked_until: Date | null; last_success_at: Date | null }>({
      name: 'login_throttle_read',
      text: 'SELECT key, blocked_until, last_success_at FROM login_throttle WHERE key = ANY($1::text[])',
      values: [keys],
    });
    return new Map(rows.map((r) => [r.key, { blockedUntil: r.blocked_until, lastSuccessAt: r.last_success_at }]));
  }

  /** Counts one failure under each key; answers each key's count. */
  async recordFailure(keys: string[], now: Date, forgetBefore: Date, expiresAt: Date): Promise<Map<string, number>> {
    const { rows } = await this.prisma.pool.query<{ key: string; failures: number }>({
      name: 'login_throttle_failure',
      text: RECORD_FAILURE_SQL,
      values: [[...keys].sort(), now, forgetBefore, expiresAt],
    });
    return new Map(rows.map((r) => [r.key, r.failures]));
  }

  async block(until: { key: string; until: Date }[]): Promise<void> {
    if (!until.length) return;
    const sorted = [...until].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    await this.prisma.pool.query({ name: 'login_throttle_block', text: BLOCK_SQL, values: [sorted.map((u) => u.key), sorted.map((u) => u.until)] });
  }
}
