import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({ imports: [ReferenceModule], controllers: [ReportsController], providers: [ReportsService, ReportsRepository], exports: [ReportsService] })
export class ReportsModule {}
