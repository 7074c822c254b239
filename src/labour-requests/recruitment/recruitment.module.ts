import { Module } from '@nestjs/common';

/** Recruitment orders to partner agencies, their candidates, arrivals and check-in. */
@Module({})
export class RecruitmentModule {}
