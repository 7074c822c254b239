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

  update(tx: Tx, id: string, data: Prisma.IntermediaryUpdateInput) {
    return tx.intermediary.update({ where: { id }, data });
  }
}
