import { Module } from '@nestjs/common';
import { CountriesService } from './countries.service';
import { ReferenceController } from './reference.controller';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';

@Module({ controllers: [ReferenceController], providers: [ReferenceService, ReferenceRepository, CountriesService], exports: [ReferenceService, CountriesService] })
export class ReferenceModule {}
