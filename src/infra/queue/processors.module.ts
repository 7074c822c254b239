import { Module } from '@nestjs/common';
import { DeadlinesProcessor } from '../../deadlines/deadlines.processor';
import { NoticesProcessor } from '../../deadlines/notices.processor';
import { RemindersModule } from '../../deadlines/reminders.module';
import { PlacementJobsModule } from '../../placements/placement-jobs.module';
import { ReportExportJobsModule } from '../../reports/exports/report-export-jobs.module';
import { MailProcessor } from '../mail/mail.processor';
import { MaintenanceProcessor } from './maintenance.processor';

/** Every queue processor; imported where processors run (RUN_PROCESSORS or the worker process). */
@Module({ imports: [RemindersModule, PlacementJobsModule, ReportExportJobsModule], providers: [MaintenanceProcessor, DeadlinesProcessor, MailProcessor, NoticesProcessor] })
export class ProcessorsModule {}
