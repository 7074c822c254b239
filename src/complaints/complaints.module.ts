import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ComplaintAlerts } from './complaint-alerts';
import { ComplaintJobs } from './complaint-jobs.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';

/** Complaints of abuse: intake, triage, consent-gated referral, closure (DOMAIN.md "Complaints"). */
@Module({
  imports: [NotificationsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsRepository, ComplaintsService, ComplaintAlerts, ComplaintJobs],
  exports: [ComplaintsRepository, ComplaintsService, ComplaintAlerts, ComplaintJobs],
})
export class ComplaintsModule {}
