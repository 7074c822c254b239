import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlacementsModule } from './placements.module';
import { PlacementsProcessor } from './placements.processor';

/**
 * The placements' job processor, for ProcessorsModule (where processors run: the API with
 * RUN_PROCESSORS, and the worker process, which has no AuditModule of its own).
 */
@Module({ imports: [PlacementsModule, AuditModule], providers: [PlacementsProcessor] })
export class PlacementJobsModule {}
