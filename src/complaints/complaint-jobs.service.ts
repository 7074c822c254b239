import { Injectable } from '@nestjs/common';
import { PrismaService } from '../infra/database/prisma.service';
import { ComplaintAlerts } from './complaint-alerts';

/** What the scheduled complaint jobs do, callable from tests and the processor alike. */
@Injectable()
export class ComplaintJobs {
  constructor(
    private readonly alerts: ComplaintAlerts,
    private readonly prisma: PrismaService,
  ) {}

  /** Escalates every untriaged complaint past its deadline, once; returns how many. */
  escalateOverdue(): Promise<number> {
    return this.alerts.escalateOverdue((fn) => this.prisma.$transaction(fn));
  }
}
