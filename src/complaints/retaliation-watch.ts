import { Injectable, Module } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { retaliationSuspects, Status } from './complaint.rules';
import { ComplaintAlerts } from './complaint-alerts';
import { ComplaintsRepository } from './complaints.repository';

/**
 * The retaliation watch: a complainant who loses their placement with the employer they complained
 * about, or who is moved to DEPARTED or CLOSED, within the policy's window (`retaliationDays`) of
 * a complaint that was not dismissed. Its caseworker (the administrators when none) hears at once,
 * by notification and e-mail, inside the transaction of the change. Called by the placements and
 * workers services; nothing of it reaches the employer.
 */
@Injectable()
export class RetaliationWatch {
  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly alerts: ComplaintAlerts,
    private readonly clock: Clock,
  ) {}

  /** A placement ended or was cancelled: complaints of its worker against its employer. */
  placementEnded(tx: Tx, placement: { id: string; workerId: string; employerId: string }): Promise<number> {
    return this.watch(tx, placement.workerId, placement.employerId, `placement-${placement.id}`);
  }

  /** The worker was moved to DEPARTED or CLOSED: any of their complaints. */
  workerLeft(tx: Tx, workerId: string, status: 'DEPARTED' | 'CLOSED'): Promise<number> {
    return this.watch(tx, workerId, null, `worker-${status.toLowerCase()}-${this.clock.now().getTime()}`);
  }

  private async watch(tx: Tx, workerId: string, employerId: string | null, eventKey: string): Promise<number> {
    const on = this.clock.now();
    const days = await this.repo.retaliationDays(tx);
    const complaints = await this.repo.watchedComplaints(tx, workerId, new Date(on.getTime() - days * 86_400_000), on);
    const suspects = retaliationSuspects(
      complaints.map((c) => ({ ...c, status: c.status as Status })),
      { on, employerId },
      days,
    );
    for (const c of suspects) await this.alerts.retaliation(tx, c, eventKey);
    return suspects.length;
  }
}

/**
 * The watch as its own small module, so that the workers and placements modules can use it
 * without importing the complaints module (which the labour requests module imports).
 */
@Module({ imports: [NotificationsModule], providers: [RetaliationWatch, ComplaintsRepository, ComplaintAlerts], exports: [RetaliationWatch] })
export class RetaliationWatchModule {}
