import { Module } from '@nestjs/common';
import { MaintenanceProcessor } from './maintenance.processor';

/** Every queue processor; imported where processors run (RUN_PROCESSORS or the worker process). */
@Module({ providers: [MaintenanceProcessor] })
export class ProcessorsModule {}
