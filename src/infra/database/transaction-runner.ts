import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService, Tx } from './prisma.service';

/**
 * The one way a service opens a database transaction: it hands a unit of work to `run`, which
 * passes the transaction to the repositories it calls. Services never see Prisma itself (ARCHITECTURE
 * rule 2: only repositories touch Prisma); they see a transaction as an opaque `Tx` to pass on.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(work: (tx: Tx) => Promise<T>, options?: { isolationLevel?: Prisma.TransactionIsolationLevel; maxWait?: number; timeout?: number }): Promise<T> {
    return this.prisma.$transaction(work, options);
  }
}
