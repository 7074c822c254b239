import { Module } from '@nestjs/common';
import { SharedThrottlerStorage } from './rate-limit.storage';

@Module({ providers: [SharedThrottlerStorage], exports: [SharedThrottlerStorage] })
export class ThrottlingModule {}
