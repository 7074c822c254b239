import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';

export type EmployerRecord = Prisma.EmployerGetPayload<object>;

function scoped(scope: RecordScope): Prisma.EmployerWhereInput {
  return scope.employerId ? { id: scope.employerId } : {};
}

@Injectable()
export class EmployersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, scope: RecordScope, tx: Tx = this.prisma): Promise<EmployerRecord | null> {
    return tx.employer.findFirst({ where: { AND: [{ id }, scoped(scope)] } });
  }

  list(scope: RecordScope, filter: { sector?: Prisma.EmployerWhereInput['sector']; inn?: string; q?: string; after?: string }, take: number) {
    return this.prisma.employer.findMany({
      where: {
        AND: [
          scoped(scope),
          { sector: filter.sector, inn: filter.inn },
          filter.q ? { name: { contains: filter.q, mode: 'insensitive' } } : {},
          filter.after ? { id: { gt: filter.after } } : {},
        ],
      },
      orderBy: { id: 'asc' },
      take,
    });
  }

  create(tx: Tx, data: Prisma.EmployerCreateInput): Promise<EmployerRecord> {
    return tx.employer.create({ data });
  }

  /** Null when the version no longer matches (someone else saved first). */
  async update(tx: Tx, id: string, version: number, data: Prisma.EmployerUpdateInput): Promise<EmployerRecord | null> {
    const { count } = await tx.employer.updateMany({
      where: { id, version },
      data: { ...(data as Prisma.EmployerUpdateManyMutationInput), version: { increment: 1 } },
    });
    return count === 1 ? tx.employer.findUnique({ where: { id } }) : null;
  }
}
