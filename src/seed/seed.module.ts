import { Module } from '@nestjs/common';
import { SeedRepository } from './seed.repository';

@Module({ providers: [SeedRepository], exports: [SeedRepository] })
export class SeedModule {}
