import { Module } from '@nestjs/common';
import { DeadlinesProcessor } from '../../deadlines/deadlines.processor';
import { NoticesProcessor } from '../../deadlines/notices.processor';
import { RemindersModule } from '../../deadlines/reminders.module';
import { PlacementJobsModule } from '../../placements/placement-jobs.module';
import { ReportExportJobsModule } from '../../reports/exports/report-export-jobs.module';
import { ComplaintsModule } from '../../complaints/complaints.module';
import { ComplaintsProcessor } from '../../complaints/complaints.processor';
import { MailProcessor } from '../mail/mail.processor';
import { MaintenanceProcessor } from './maintenance.processor';

/** Every queue processor; imported where processors run (RUN_PROCESSORS or the worker process). */
@Module({
  imports: [RemindersModule, PlacementJobsModule, ComplaintsModule, ReportExportJobsModule],
  providers: [ComplaintsProcessor, MaintenanceProcessor, DeadlinesProcessor, MailProcessor, NoticesProcessor],
})
export class ProcessorsModule {}
