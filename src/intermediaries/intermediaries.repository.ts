import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import type { IntermediaryStatus } from '../generated/prisma/enums';

export type IntermediaryRecord = Prisma.IntermediaryGetPayload<object>;

@Injectable()
export class IntermediariesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(filter: { status?: IntermediaryStatus; after?: string }, take: number) {
    return this.prisma.intermediary.findMany({
      where: { status: filter.status, ...(filter.after ? { id: { gt: filter.after } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }

  findById(id: string, tx: Tx = this.prisma) {
    return tx.intermediary.findUnique({ where: { id } });
  }

  create(tx: Tx, data: Prisma.IntermediaryCreateInput) {
    return tx.intermediary.create({ data });
  }

  /** Null when the version no longer matches (someone else saved first). */
  async update(tx: Tx, id: string, version: number, data: Prisma.IntermediaryUpdateManyMutationInput) {
    const { count } = await tx.intermediary.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    return count ? this.findById(id, tx) : null;
  }
}
