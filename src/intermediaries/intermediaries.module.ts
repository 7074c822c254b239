import { Module } from '@nestjs/common';
import { IntermediariesController } from './intermediaries.controller';
import { IntermediariesRepository } from './intermediaries.repository';
import { IntermediariesService } from './intermediaries.service';

@Module({ controllers: [IntermediariesController], providers: [IntermediariesService, IntermediariesRepository] })
export class IntermediariesModule {}
