import { Module } from '@nestjs/common';

/** Labour requests, staff decisions and quota allocations. */
@Module({})
export class LabourRequestsModule {}
