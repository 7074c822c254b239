import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { RemindersModule } from './reminders.module';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';

@Module({
  imports: [ReferenceModule, RemindersModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesService, DeadlinesRepository],
  exports: [DeadlinesService],
})
export class DeadlinesModule {}
