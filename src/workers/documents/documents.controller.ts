import { Body, Controller, Get, Headers, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../access/actor';
import { RequirePermission } from '../../access/permission.decorator';
import { Permission } from '../../access/permissions';
import { ApiProblems, Operation } from '../../common/http/api-docs';
import { IdParam } from '../../common/http/id-param';
import { WorkerErrors } from '../workers.errors';
import { DocumentErrors, DocumentsService } from './documents.service';
import { CreateDocumentDto, CreatePatentPaymentDto, DocumentDto, DocumentListDto, PatentLedgerDto, PatentPaymentDto, UpdateDocumentDto } from './dto/document.dto';
import { PatentPaymentsService } from './patent-payments.service';

@ApiTags('documents')
@Controller('workers/:id')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly payments: PatentPaymentsService,
  ) {}

  @Get('documents')
  @RequirePermission(Permission.WorkerReadSensitive)
  @Operation('listDocuments', 'A worker\'s documents, current and superseded', 'Each read is written to the access log.')
  @ApiOkResponse({ type: DocumentListDto })
  @ApiProblems(404)
  list(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) workerId: string) {
    return this.documents.list(actor, workerId);
  }

  @Post('documents')
  @RequirePermission(Permission.WorkerWrite)
  @Operation('createDocument', 'Record a document or a renewal', 'Per-type rules (required fields, dates, regime) answer 422 with every problem.')
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiProblems(400, 404, 409, 422)
  create(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) workerId: string, @Body() dto: CreateDocumentDto) {
    return this.documents.create(actor, workerId, dto);
  }

  @Patch('documents/:docId')
  @RequirePermission(Permission.WorkerWrite)
  @Operation('updateDocument', 'Correct or revoke a document')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblems(400, 404, 412, 422)
  update(
    @CurrentActor() actor: Actor,
    @IdParam(WorkerErrors.notFound) workerId: string,
    @IdParam(DocumentErrors.notFound, 'docId') docId: string,
    @Body() dto: UpdateDocumentDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.documents.update(actor, workerId, docId, dto, ifMatch);
  }

  @Post('patent-payments')
  @RequirePermission(Permission.PatentPaymentManage)
  @Operation('recordPatentPayment', 'Record a monthly patent advance; recomputes the paid-up date')
  @ApiCreatedResponse({ type: PatentPaymentDto })
  @ApiProblems(400, 404, 422)
  pay(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) workerId: string, @Body() dto: CreatePatentPaymentDto) {
    return this.payments.record(actor, workerId, dto);
  }

  @Get('patent-payments')
  @RequirePermission(Permission.PatentPaymentManage)
  @Operation('listPatentPayments', 'The patent payment ledger and the paid-up date')
  @ApiOkResponse({ type: PatentLedgerDto })
  @ApiProblems(404)
  ledger(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) workerId: string) {
    return this.payments.ledger(actor, workerId);
  }
}
