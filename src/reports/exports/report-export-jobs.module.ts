import { Module } from '@nestjs/common';
import { ReportExportsModule } from './report-exports.module';
import { ReportExportsProcessor } from './report-exports.processor';

/** The report exports' processor, for ProcessorsModule (where processors run: the API with RUN_PROCESSORS, and the worker process). */
@Module({ imports: [ReportExportsModule], providers: [ReportExportsProcessor] })
export class ReportExportJobsModule {}
