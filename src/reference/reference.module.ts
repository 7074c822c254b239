import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { CountriesService } from './countries.service';
import { ReferenceController } from './reference.controller';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';

@Module({
  controllers: [ReferenceController, CalendarController],
  providers: [ReferenceService, ReferenceRepository, CalendarService, CalendarRepository, CountriesService],
  exports: [ReferenceService, CalendarService, CountriesService],
})
export class ReferenceModule {}
