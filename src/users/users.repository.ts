import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import { Role } from '../access/permissions';

const SELECT = {
  id: true,
  email: true,
  fullName: true,
  role: true,
  active: true,
  employerId: true,
  lastLoginAt: true,
  version: true,
  createdAt: true,
  agencies: { select: { agencyId: true } },
} satisfies Prisma.UserSelect;

export type UserRecord = Prisma.UserGetPayload<{ select: typeof SELECT }>;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: Tx = this.prisma): Promise<UserRecord | null> {
    return tx.user.findUnique({ where: { id }, select: SELECT });
  }

  list(filter: { role?: Role; active?: boolean; employerId?: string; after?: { createdAt: Date; id: string } }, take: number) {
    const after = filter.after;
    return this.prisma.user.findMany({
      where: {
        role: filter.role,
        active: filter.active,
        employerId: filter.employerId,
        ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
      select: SELECT,
    });
  }

  create(tx: Tx, data: { email: string; fullName: string; role: Role; employerId?: string | null; agencyIds: string[]; passwordHash?: string }) {
    return tx.user.create({
      data: {
        email: data.email,
        fullName: data.fullName,
        role: data.role,
        employerId: data.employerId ?? null,
        passwordHash: data.passwordHash,
        agencies: { create: data.agencyIds.map((agencyId) => ({ agencyId })) },
      },
      select: SELECT,
    });
  }

  /** Updates when the version still matches; null when someone else changed it first. */
  async update(
    tx: Tx,
    id: string,
    version: number,
    data: { fullName?: string; role?: Role; employerId?: string | null; active?: boolean; agencyIds?: string[] },
  ): Promise<UserRecord | null> {
    const { agencyIds, ...fields } = data;
    const { count } = await tx.user.updateMany({ where: { id, version }, data: { ...fields, version: { increment: 1 } } });
    if (count === 0) return null;
    if (agencyIds) {
      await tx.userAgency.deleteMany({ where: { userId: id } });
      await tx.userAgency.createMany({ data: agencyIds.map((agencyId) => ({ userId: id, agencyId })) });
    }
    return this.findById(id, tx);
  }

  async countExisting(tx: Tx, employerId: string | null | undefined, agencyIds: string[]) {
    // one after the other: a transaction is one connection, which runs one query at a time
    const employers = employerId ? await tx.employer.count({ where: { id: employerId } }) : 0;
    const agencies = agencyIds.length ? await tx.partnerAgency.count({ where: { id: { in: agencyIds } } }) : 0;
    return { employers, agencies };
  }

  emailExists(email: string): Promise<boolean> {
    return this.prisma.user.count({ where: { email } }).then((n) => n > 0);
  }

  adminExists(): Promise<boolean> {
    return this.prisma.user.count({ where: { role: 'ADMIN' } }).then((n) => n > 0);
  }
}
