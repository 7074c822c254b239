import { Module } from '@nestjs/common';
import { PartnerAgenciesController } from './partner-agencies.controller';
import { PartnerAgenciesRepository } from './partner-agencies.repository';
import { PartnerAgenciesService } from './partner-agencies.service';

@Module({ controllers: [PartnerAgenciesController], providers: [PartnerAgenciesService, PartnerAgenciesRepository], exports: [PartnerAgenciesService] })
export class PartnerAgenciesModule {}
