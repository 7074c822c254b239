import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ComplaintAlerts } from './complaint-alerts';
import { ComplaintConsequences } from './complaint-consequences';
import { ComplaintFilesController } from './complaint-files.controller';
import { ComplaintFilesService } from './complaint-files.service';
import { ComplaintJobs } from './complaint-jobs.service';
import { ComplaintRetention } from './complaint-retention.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';

/** Complaints of abuse: intake, triage, consent-gated referral, closure (DOMAIN.md "Complaints"). */
@Module({
  imports: [NotificationsModule],
  controllers: [ComplaintsController, ComplaintFilesController],
  providers: [ComplaintsRepository, ComplaintsService, ComplaintAlerts, ComplaintJobs, ComplaintRetention, ComplaintConsequences, ComplaintFilesService],
  exports: [ComplaintsRepository, ComplaintsService, ComplaintAlerts, ComplaintJobs, ComplaintFilesService],
})
export class ComplaintsModule {}
