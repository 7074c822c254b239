import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { ComplaintSummaryRepository } from './complaint-summary.repository';
import { ComplaintSummaryService } from './complaint-summary.service';
import { ChartRenderer } from './charts/chart-renderer';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [ReferenceModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, ChartRenderer, ComplaintSummaryService, ComplaintSummaryRepository],
  exports: [ReportsService],
})
export class ReportsModule {}
