import { Module } from '@nestjs/common';
import { PlacementJobsModule } from '../../placements/placement-jobs.module';
import { MaintenanceProcessor } from './maintenance.processor';

/** Every queue processor; imported where processors run (RUN_PROCESSORS or the worker process). */
@Module({ imports: [PlacementJobsModule], providers: [MaintenanceProcessor] })
export class ProcessorsModule {}
