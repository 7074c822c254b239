import { Module } from '@nestjs/common';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { DocumentsService } from './documents/documents.service';
import { PatentPaymentsService } from './documents/patent-payments.service';
import { DocumentFilesService } from './documents/document-files.service';
import { WorkerAccessLogService } from './worker-access-log.service';
import { WorkersController } from './workers.controller';
import { WorkersRepository } from './workers.repository';
import { WorkersService } from './workers.service';

@Module({
  controllers: [WorkersController, DocumentsController],
  providers: [WorkersService, WorkersRepository, WorkerAccessLogService, DocumentsService, DocumentsRepository, PatentPaymentsService, DocumentFilesService],
  exports: [WorkersService],
})
export class WorkersModule {}
