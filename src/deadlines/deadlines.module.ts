import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({ imports: [ReferenceModule], controllers: [DeadlinesController], providers: [DeadlinesService, DeadlinesRepository], exports: [DeadlinesService] })
export class DeadlinesModule {}
