import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, RequestCtx } from '../../access/actor';
import { Public } from '../../access/permission.decorator';
import { AppError } from '../../common/errors/app-error';
import { ApiProblems, Operation } from '../../common/http/api-docs';
import { NoIdempotency } from '../../common/idempotency/no-idempotency.decorator';
import { CreatePublicComplaintDto, PublicComplaintReceiptDto, PublicComplaintStatusDto, PublicMessageDto } from './dto/public-complaint.dto';
import { PublicComplaintsService } from './public-complaints.service';

const CODE_HEADER = {
  name: 'x-access-code',
  required: true,
  description: 'The access code from the receipt (never in the URL: a code in the query string is ignored)',
};
const SAME_404 =
  'An unknown reference and a wrong code answer the same 404 PUBLIC_COMPLAINT_NOT_FOUND, ' +
  'by the same path. Wrong codes are counted per client address and per reference: ' +
  'past PUBLIC_STATUS_FAILURES_PER_HOUR (default 10) in an hour, 429 ACCESS_CODE_THROTTLED with Retry-After, before the code is compared.';

/** A 429 of these routes says when to come back (Retry-After, as `retryAfterSeconds` in the body). */
export async function withRetryAfter<T>(reply: FastifyReply, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof AppError && typeof e.extra.retryAfterSeconds === 'number') void reply.header('retry-after', String(e.extra.retryAfterSeconds));
    throw e;
  }
}

@ApiTags('public complaints')
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(private readonly complaints: PublicComplaintsService) {}

  @Post()
  @Public()
  @NoIdempotency()
  @Operation(
    'submitPublicComplaint',
    'Complain anonymously, without an account',
    'Channel PUBLIC_FORM; the category sets the severity (a CRITICAL one alerts the caseworkers ' +
      'and administrators at once). The answer holds the reference and an access code (100 bits), ' +
      'shown this once: only a hash of the code is stored, and Idempotency-Key is not honoured ' +
      'here (the answer is never stored). A contact is kept only with wantsContact: true; ' +
      'a contact without it is 400. Limited per client address to PUBLIC_COMPLAINTS_PER_HOUR (default 10): 429 PUBLIC_COMPLAINTS_THROTTLED with Retry-After.',
  )
  @ApiCreatedResponse({ type: PublicComplaintReceiptDto })
  @ApiProblems(400, 415, 429)
  create(@RequestCtx() ctx: RequestContext, @Body() dto: CreatePublicComplaintDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withRetryAfter(reply, this.complaints.create(ctx, dto));
  }

  @Get(':reference')
  @Public()
  @ApiHeader(CODE_HEADER)
  @Operation(
    'getPublicComplaintStatus',
    'The complaint’s coarse status and the messages, for the holder of the access code',
    `RECEIVED, IN_PROGRESS or CLOSED, the day received, the messages to and from the complainant. ${SAME_404}`,
  )
  @ApiOkResponse({ type: PublicComplaintStatusDto })
  @ApiProblems(404, 429)
  status(
    @RequestCtx() ctx: RequestContext,
    @Param('reference') reference: string,
    @Headers('x-access-code') code: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withRetryAfter(reply, this.complaints.status(ctx, reference, code));
  }

  @Post(':reference/messages')
  @Public()
  @NoIdempotency()
  @ApiHeader(CODE_HEADER)
  @Operation(
    'addPublicComplaintMessage',
    'Write to the Centre about the complaint',
    `Stored encrypted; the assigned caseworker (or the administrators) is notified. ` +
      `Answers the status with the messages. 409 once retention destroyed the content. ${SAME_404}`,
  )
  @ApiCreatedResponse({ type: PublicComplaintStatusDto })
  @ApiProblems(400, 404, 409, 429)
  message(
    @RequestCtx() ctx: RequestContext,
    @Param('reference') reference: string,
    @Headers('x-access-code') code: string | undefined,
    @Body() dto: PublicMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withRetryAfter(reply, this.complaints.addMessage(ctx, reference, code, dto.text));
  }
}
