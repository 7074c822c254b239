import { Module } from '@nestjs/common';
import { RetaliationWatchModule } from '../complaints/retaliation-watch';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReferenceModule } from '../reference/reference.module';
import { WorkersModule } from '../workers/workers.module';
import { ContractNotificationsService } from './contract-notifications.service';
import { PlacementStartService } from './placement-start.service';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';

/** Placements of workers under approved labour requests, and contract notifications to the MVD. */
@Module({
  imports: [WorkersModule, NegotiationsModule, ReferenceModule, NotificationsModule, DeadlinesModule, RetaliationWatchModule],
  controllers: [PlacementsController],
  providers: [PlacementsService, ContractNotificationsService, PlacementStartService, PlacementsRepository],
  exports: [PlacementsService, PlacementStartService],
})
export class PlacementsModule {}
