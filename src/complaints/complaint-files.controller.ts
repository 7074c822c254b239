import { Controller, Get, Headers, HttpCode, Param, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { StreamedBody } from '../common/http/body-parsers';
import { IdParam } from '../common/http/id-param';
import { attachment, letterFormat } from './complaint-files.rules';
import { ComplaintFileErrors } from './complaint-files.errors';
import { ComplaintFilesService } from './complaint-files.service';
import { ComplaintErrors } from './complaints.errors';
import { ComplaintDto } from './dto/complaint.dto';

/** What an upload may declare; the content decides (a phone often sends octet-stream). */
const EVIDENCE_BODY_TYPES = [
  'application/octet-stream',
  'application/pdf',
  'image/jpeg',
  'image/png',
  'audio/ogg',
  'audio/opus',
  'audio/mpeg',
  'audio/mp3',
  'audio/aac',
  'audio/mp4',
  'audio/x-m4a',
  'audio/3gpp',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/amr',
  'audio/webm',
];

@ApiTags('complaints')
@Controller('complaints/:id')
export class ComplaintFilesController {
  constructor(private readonly files: ComplaintFilesService) {}

  @Put('evidence/:name')
  @HttpCode(201)
  @RequirePermission(Permission.ComplaintWrite)
  @Operation(
    'uploadComplaintEvidence',
    'Add a file of evidence to a complaint: a scan, a photo or a voice recording',
    'PDF, JPEG, PNG, or audio (Ogg/Opus, MP3, AAC, M4A, 3GPP, WAV, AMR, WebM) ' +
      'judged by content (415 otherwise); size capped by COMPLAINT_EVIDENCE_MAX_BYTES (413). ' +
      'The name: Latin letters, digits, `.`, `_`, `-`, up to 80 characters (400). Evidence is never replaced: a name already used is 409 EVIDENCE_EXISTS. ' +
      'A liaison officer only on a complaint whose referral to their agency shares EVIDENCE. Employers 403.',
  )
  @StreamedBody(...EVIDENCE_BODY_TYPES)
  @ApiCreatedResponse({ type: ComplaintDto })
  @ApiProblems(400, 404, 409, 413, 415)
  upload(@CurrentActor() actor: Actor, @IdParam(ComplaintErrors.notFound) id: string, @Param('name') name: string, @Req() request: FastifyRequest) {
    return this.files.upload(actor, id, name, request.body as Readable | undefined);
  }

  @Get('evidence/:name')
  @RequirePermission(Permission.ComplaintRead)
  @Operation(
    'downloadComplaintEvidence',
    'Download a file of evidence',
    'Streamed with its sniffed Content-Type and its SHA-256 in X-Content-SHA256; every download is written ' +
      'to the access log. 410 once destroyed by retention. Seen by whoever sees the complaint’s evidence.',
  )
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'audio/*')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404, 410)
  async download(
    @CurrentActor() actor: Actor,
    @IdParam(ComplaintErrors.notFound) id: string,
    @Param('name') name: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.files.download(actor, id, name);
    void reply.header('x-content-sha256', file.sha256).header('cache-control', 'no-store');
    return new StreamableFile(file.stream as Readable, { type: file.contentType, length: file.size, disposition: attachment(file.filename) });
  }

  @Get('referrals/:referralId/letter')
  @RequirePermission(Permission.ComplaintReferralRead)
  @Operation(
    'getReferralLetter',
    'The referral letter as sent, as a PDF (default) or plain text by Accept',
    'Holds only what the worker’s consent covered. The PDF embeds a font with Cyrillic glyphs. ' +
      'Every read is written to the access log. 406 when Accept allows neither form; ' +
      '410 once destroyed by retention. Administrators and staff who see the complaint.',
  )
  @ApiProduces('application/pdf', 'text/plain')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404, 406, 410)
  async letter(
    @CurrentActor() actor: Actor,
    @IdParam(ComplaintErrors.notFound) id: string,
    @IdParam(ComplaintFileErrors.referralNotFound, 'referralId') referralId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const format = letterFormat(accept);
    if (!format) throw ComplaintFileErrors.notAcceptable();
    const letter = await this.files.letter(actor, id, referralId, format);
    void reply.header('cache-control', 'no-store').header('vary', 'Accept');
    const type = format === 'text/plain' ? 'text/plain; charset=utf-8' : format;
    // the PDF is a document to file; the text is shown where it is asked for
    const disposition = format === 'text/plain' ? attachment(letter.filename).replace(/^attachment/, 'inline') : attachment(letter.filename);
    return new StreamableFile(Buffer.from(letter.body), { type, disposition });
  }
}
