import type { Client } from 'pg';
import { PrismaService } from '../../src/infra/database/prisma.service';
import type { TestApp } from './app';

/** Waits until a backend of the test database other than `except` waits for a lock. */
export async function someoneWaitsForALock(t: TestApp, except: Client): Promise<void> {
  const prisma = t.app.get(PrismaService);
  const pid = (await except.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  for (let i = 0; i < 400; i++) {
    const [row] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> ${pid}`;
    if (row.n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('nobody waited for a lock');
}
