import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../access/actor';
import { RequirePermission } from '../../access/permission.decorator';
import { Permission } from '../../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../../common/http/api-docs';
import { StreamedBody } from '../../common/http/body-parsers';
import { IdParam } from '../../common/http/id-param';
import { WorkerErrors } from '../workers.errors';
import { DocumentErrors, DocumentsService } from './documents.service';
import {
  CreateDocumentDto,
  CreatePatentPaymentDto,
  DocumentDto,
  DocumentListDto,
  PatentLedgerDto,
  PatentPaymentResultDto,
  PatentPaymentReversalDto,
  UpdateDocumentDto,
} from './dto/document.dto';
import { PatentPaymentsService, PaymentErrors } from './patent-payments.service';
import { DocumentFilesService } from './document-files.service';

@ApiTags('documents')
@Controller('workers/:id')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly payments: PatentPaymentsService,
    private readonly files: DocumentFilesService,
  ) {}

  @Put('documents/:docId/file')
  @RequirePermission(Permission.WorkerWrite)
  @Operation(
    'uploadDocumentFile',
    'Upload the scan of a document',
    'PDF, JPEG or PNG judged by content (415 otherwise); size capped by FILE_MAX_BYTES (413). Replaces an earlier scan.',
  )
  @StreamedBody('application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream')
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblems(404, 413, 415)
  upload(
    @CurrentActor() actor: Actor,
    @IdParam(WorkerErrors.notFound) workerId: string,
    @IdParam(DocumentErrors.notFound, 'docId') docId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.files.upload(actor, workerId, docId, request.body as Readable | undefined);
  }

  @Get('documents/:docId/file')
  @RequirePermission(Permission.DocumentFileRead)
  @Operation('downloadDocumentFile', 'Download the scan of a document', 'Streamed; every download is written to the access log.')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404)
  async download(
    @CurrentActor() actor: Actor,
    @IdParam(WorkerErrors.notFound) workerId: string,
    @IdParam(DocumentErrors.notFound, 'docId') docId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.files.download(actor, workerId, docId);
    void reply.header('x-content-sha256', file.sha256).header('cache-control', 'no-store');
    return new StreamableFile(file.stream as Readable, { type: file.contentType, length: file.size, disposition: `attachment; filename="${file.filename}"` });
  }

  @Get('documents')
  @RequirePermission(Permission.WorkerReadSensitive)
  @Operation('listDocuments', "A worker's documents, current and superseded", 'Each read is written to the access log.')
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
  @IfMatchRequired()
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblems(400, 404, 409, 412, 422)
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
  @Operation(
    'recordPatentPayment',
    'Record a monthly patent advance; recomputes the paid-up date',
    'A receipt number already on a payment in force for this worker is 409 PAYMENT_DUPLICATE.',
  )
  @ApiCreatedResponse({ type: PatentPaymentResultDto })
  @ApiProblems(400, 404, 409, 422)
  pay(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) workerId: string, @Body() dto: CreatePatentPaymentDto) {
    return this.payments.record(actor, workerId, dto);
  }

  @Post('patent-payments/:paymentId/reversal')
  @HttpCode(200)
  @RequirePermission(Permission.PatentPaymentManage)
  @Operation(
    'reversePatentPayment',
    'Reverse a payment recorded in error, with the reason',
    'The payment stays in the ledger marked reversed and no longer counts; ' +
      'the paid-up date is recomputed. Audited. Reversing twice is 409 PAYMENT_ALREADY_REVERSED.',
  )
  @ApiOkResponse({ type: PatentPaymentResultDto })
  @ApiProblems(400, 404, 409)
  reverse(
    @CurrentActor() actor: Actor,
    @IdParam(WorkerErrors.notFound) workerId: string,
    @IdParam(PaymentErrors.notFound, 'paymentId') paymentId: string,
    @Body() dto: PatentPaymentReversalDto,
  ) {
    return this.payments.reverse(actor, workerId, paymentId, dto);
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
