import { Module } from '@nestjs/common';
import { ComplaintsModule } from '../complaints/complaints.module';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferenceModule } from '../reference/reference.module';
import { EmployerRiskService } from './employer-risk.service';
import { LabourRequestsController } from './labour-requests.controller';
import { LabourRequestsRepository } from './labour-requests.repository';
import { LabourRequestsService } from './labour-requests.service';
import { QuotaAllocationsController } from './quota-allocations.controller';
import { QuotaAllocationsRepository } from './quota-allocations.repository';
import { QuotaAllocationsService } from './quota-allocations.service';
import { RecruitmentModule } from './recruitment/recruitment.module';

/** Labour requests, staff decisions and quota allocations. */
@Module({
  imports: [ReferenceModule, NegotiationsModule, NotificationsModule, RecruitmentModule, ComplaintsModule],
  controllers: [LabourRequestsController, QuotaAllocationsController],
  providers: [LabourRequestsService, LabourRequestsRepository, QuotaAllocationsService, QuotaAllocationsRepository, EmployerRiskService],
  exports: [LabourRequestsService, QuotaAllocationsService],
})
export class LabourRequestsModule {}
