import type { Tx } from './prisma.service';

/**
 * For a transaction that works on a batch (the deadline backfill, the daily scan): lets the process
 * compute for up to a minute between two statements without PostgreSQL ending the connection as
 * idle in transaction (the pool's default is twice the statement timeout, a few seconds, which a
 * busy machine can exceed while it computes a batch). The transaction's own timeout still bounds it.
 */
export async function allowBatchGaps(tx: Tx): Promise<void> {
  await tx.$executeRaw`SET LOCAL idle_in_transaction_session_timeout = '60s'`;
}
