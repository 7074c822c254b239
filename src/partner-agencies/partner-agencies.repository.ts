import { Injectable } from '@nestjs/common';
import type { RecordScope } from '../access/scope';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';

export type PartnerAgencyRecord = Prisma.PartnerAgencyGetPayload<object>;

@Injectable()
export class PartnerAgenciesRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(scope: RecordScope, filter: { country?: string; active?: boolean; after?: string }, take: number) {
    return this.prisma.partnerAgency.findMany({
      where: {
        country: filter.country,
        active: filter.active,
        ...(scope.agencyIds ? { id: { in: scope.agencyIds } } : {}),
        ...(filter.after ? { AND: [{ id: { gt: filter.after } }] } : {}),
      },
      orderBy: { id: 'asc' },
      take,
    });
  }

  findById(id: string, tx: Tx = this.prisma) {
    return tx.partnerAgency.findUnique({ where: { id } });
  }

  create(tx: Tx, data: Prisma.PartnerAgencyCreateInput) {
    return tx.partnerAgency.create({ data });
  }

  /** Null when the version no longer matches (someone else saved first). */
  async update(tx: Tx, id: string, version: number, data: Prisma.PartnerAgencyUpdateManyMutationInput) {
    const { count } = await tx.partnerAgency.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    return count ? this.findById(id, tx) : null;
  }
}
