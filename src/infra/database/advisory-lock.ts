import type { PrismaService } from './prisma.service';

/**
 * Runs `fn` while this process holds the PostgreSQL advisory lock `name` (held by a transaction that
 * stays open meanwhile), or answers null at once when another process holds it: one scan or backfill
 * at a time over every replica.
 */
export function exclusively<T>(prisma: PrismaService, name: string, fn: () => Promise<T>, timeoutMs = 3_600_000): Promise<T | null> {
  return prisma.$transaction(
    async (tx) => {
      // the lock's transaction waits while `fn` works on other connections: not an idle one to end
      await tx.$executeRaw`SET LOCAL idle_in_transaction_session_timeout = 0`;
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${name})) AS locked`;
      return locked ? fn() : null;
    },
    { timeout: timeoutMs, maxWait: 5_000 },
  );
}
