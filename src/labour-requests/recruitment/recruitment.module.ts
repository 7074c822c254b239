import { Module } from '@nestjs/common';
import { NotificationsModule } from '../../notifications/notifications.module';
import { WorkersModule } from '../../workers/workers.module';
import { ArrivalsController } from './arrivals.controller';
import { ArrivalsRepository } from './arrivals.repository';
import { ArrivalsService } from './arrivals.service';
import { RecruitmentController } from './recruitment.controller';
import { RecruitmentRepository } from './recruitment.repository';
import { RecruitmentService } from './recruitment.service';

/** Recruitment orders to partner agencies, their candidates, arrivals and check-in. */
@Module({
  imports: [WorkersModule, NotificationsModule],
  controllers: [RecruitmentController, ArrivalsController],
  providers: [RecruitmentService, RecruitmentRepository, ArrivalsService, ArrivalsRepository],
  exports: [RecruitmentService, ArrivalsService],
})
export class RecruitmentModule {}
