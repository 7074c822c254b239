import { Module } from '@nestjs/common';
import { RetaliationWatchModule } from '../complaints/retaliation-watch';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { ReferenceModule } from '../reference/reference.module';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { DocumentsService } from './documents/documents.service';
import { PatentPaymentsService } from './documents/patent-payments.service';
import { DocumentFilesService } from './documents/document-files.service';
import { WorkerAccessLogService } from './worker-access-log.service';
import { WorkersController } from './workers.controller';
import { PersonalDataRepository, WorkersRepository } from './workers.repository';
import { PersonalDataService } from './personal-data.service';
import { WorkersService } from './workers.service';
import { WorkerIntakeRepository } from './worker-intake.repository';

@Module({
  imports: [DeadlinesModule, ReferenceModule, RetaliationWatchModule],
  controllers: [WorkersController, DocumentsController],
  providers: [
    WorkersService,
    WorkersRepository,
    WorkerIntakeRepository,
    WorkerAccessLogService,
    DocumentsService,
    DocumentsRepository,
    PatentPaymentsService,
    DocumentFilesService,
    PersonalDataService,
    PersonalDataRepository,
  ],
  exports: [WorkersService],
})
export class WorkersModule {}
