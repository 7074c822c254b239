import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service';
import { Prisma } from '../../generated/prisma/client';

export interface StoredAnswer {
  requestHash: string;
  responseStatus: number | null;
  responseBody: unknown;
  expiresAt: Date;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Claims the key; false when another request already holds it. */
  async claim(scope: string, key: string, requestHash: string, expiresAt: Date): Promise<boolean> {
    const { count } = await this.prisma.idempotencyKey.createMany({
      data: [{ scope, key, requestHash, expiresAt }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  find(scope: string, key: string): Promise<StoredAnswer | null> {
    return this.prisma.idempotencyKey.findUnique({
      where: { scope_key: { scope, key } },
      select: { requestHash: true, responseStatus: true, responseBody: true, expiresAt: true },
    });
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.prisma.idempotencyKey.update({
      where: { scope_key: { scope, key } },
      data: { responseStatus: status, responseBody: (body ?? null) as Prisma.InputJsonValue },
    });
  }

  async release(scope: string, key: string): Promise<void> {
    await this.prisma.idempotencyKey.deleteMany({ where: { scope, key } });
  }

  async purgeExpired(now: Date): Promise<number> {
    const { count } = await this.prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
    return count;
  }
}
