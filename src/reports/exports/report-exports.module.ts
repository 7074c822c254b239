import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { ReportsModule } from '../reports.module';
import { ExportRowsRepository } from './export-rows.repository';
import { ExportSources } from './export-sources';
import { ReportExportBuilder } from './report-export-builder.service';
import { ReportExportsController } from './report-exports.controller';
import { ReportExportsRepository } from './report-exports.repository';
import { ReportExportsService } from './report-exports.service';

/** Report exports (issue 19, item 4): the HTTP side, and the builder its job calls (ReportExportJobsModule). */
@Module({
  imports: [ReportsModule, AuditModule],
  controllers: [ReportExportsController],
  providers: [ReportExportsService, ReportExportsRepository, ReportExportBuilder, ExportSources, ExportRowsRepository],
  exports: [ReportExportBuilder],
})
export class ReportExportsModule {}
