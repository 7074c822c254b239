import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferenceModule } from '../reference/reference.module';
import { NegotiationTermsRepository } from './negotiation-terms.repository';
import { NegotiationsController } from './negotiations.controller';
import { NegotiationsRepository } from './negotiations.repository';
import { NegotiationsService } from './negotiations.service';

/** Wage negotiations of labour requests. */
@Module({
  imports: [ReferenceModule, NotificationsModule],
  controllers: [NegotiationsController],
  providers: [NegotiationTermsRepository, NegotiationsRepository, NegotiationsService],
  exports: [NegotiationTermsRepository, NegotiationsService],
})
export class NegotiationsModule {}
