import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { statementName } from './statement-name';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Prisma, PrismaClient } from '../../generated/prisma/client';

export type Tx = Prisma.TransactionClient;

export function createPool(config: AppConfig, url: string): Pool {
  const pool = new Pool({
    connectionString: url,
    max: config.database.poolMax,
    // never wait forever for a connection: a request gets 503 instead of hanging
    connectionTimeoutMillis: config.database.connectTimeoutMs,
    keepAlive: true,
    statement_timeout: config.database.statementTimeoutMs,
    idle_in_transaction_session_timeout: config.database.statementTimeoutMs * 2,
    application_name: 'omsk-centre',
    // No JIT compilation: it pays only for long CPU-bound queries, and the app's longest (the report
    // summaries, 0.1–0.3 s at full scale) crossed its cost thresholds and spent up to 0.4 s compiling
    // (EXPLAIN ANALYZE of quota-summary asOf: 634 ms with JIT, 264 ms without; bench/README.md).
    options: '-c jit=off',
    // Prisma reads the relations of an `include` concurrently, and inside an interactive transaction
    // they all go to the transaction's one connection; pg queues such overlapping queries only with
    // a deprecation warning, and pg 9 refuses them. In pipeline mode pg sends them one after the
    // other on the connection, as it is meant to (https://node-postgres.com/features/pipelining);
    // a client used by one query at a time works as before.
    pipeline: true,
  });
  pool.on('error', () => undefined); // an idle client lost: the pool replaces it
  return pool;
}

/** The Prisma client. Only repositories use it (ARCHITECTURE.md, rule 2). */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const pool = createPool(config, config.database.url!);
    super({
      adapter: new PrismaPg(pool, {
        // named prepared statements: measured ~1.4x the throughput of unnamed ones (TOOLCHAIN.md)
        statementNameGenerator: (q) => statementName('p_', q.sql),
      }),
      transactionOptions: { maxWait: config.database.connectTimeoutMs, timeout: config.database.statementTimeoutMs },
    });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
