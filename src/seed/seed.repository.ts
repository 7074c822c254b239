import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';

/** The few seed writes that have no domain service yet (partner agencies arrive with the dossier issue). */
@Injectable()
export class SeedRepository {
  constructor(private readonly prisma: PrismaService) {}

  async ensureAgency(name: string, country: string): Promise<string> {
    const found = await this.prisma.partnerAgency.findFirst({ where: { name }, select: { id: true } });
    if (found) return found.id;
    return (await this.prisma.partnerAgency.create({ data: { name, country }, select: { id: true } })).id;
  }

  employerIdByInn(inn: string): Promise<string | undefined> {
    return this.prisma.employer.findUnique({ where: { inn }, select: { id: true } }).then((e) => e?.id);
  }

  anyWorker(): Promise<boolean> {
    return this.prisma.worker.count().then((n) => n > 0);
  }

  userExists(email: string): Promise<boolean> {
    return this.prisma.user.count({ where: { email } }).then((n) => n > 0);
  }

  userIdByEmail(email: string): Promise<string | undefined> {
    return this.prisma.user.findUnique({ where: { email }, select: { id: true } }).then((u) => u?.id);
  }

  anyLabourRequest(): Promise<boolean> {
    return this.prisma.labourRequest.count().then((n) => n > 0);
  }
}
