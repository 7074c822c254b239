import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequestContext, RequestCtx } from '../../access/actor';
import { Public } from '../../access/permission.decorator';
import { AppError } from '../../common/errors/app-error';
import { FormBody } from '../../common/http/body-parsers';
import { NoIdempotency } from '../../common/idempotency/no-idempotency.decorator';
import { MESSAGE_MAX } from './dto/public-complaint.dto';
import { Form, formErrors, formValues, text, toDto } from './page/form';
import { TEXT, pageLanguage } from './page/i18n';
import { PAGE_CSP, phrase, renderForm, renderReceipt, renderStatus, renderStatusForm } from './page/templates';
import { PublicComplaintsService } from './public-complaints.service';

const minutes = (e: AppError) => Math.max(1, Math.ceil(Number(e.extra.retryAfterSeconds ?? 60) / 60));
const isThrottled = (e: unknown): e is AppError => e instanceof AppError && e.status === 429;

/**
 * The page a worker opens from a poster or a QR code (issue #18, item 8): `/complaint`, outside the
 * API prefix. Server-rendered HTML in five languages, no script; it posts to the same intake as
 * `POST /api/v1/public/complaints`. The access code appears on the receipt and, as a hidden field, on
 * the status page's message form: never in a URL. Not in the OpenAPI document (it is not the API).
 */
@ApiExcludeController()
@Controller()
export class ComplaintPageController {
  constructor(private readonly complaints: PublicComplaintsService) {}

  @Get('complaint')
  @Public()
  form(@Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.html(reply, 200, renderForm(pageLanguage(lang, accept)));
  }

  @Post('complaint')
  @HttpCode(200)
  @Public()
  @NoIdempotency()
  @FormBody()
  async submit(
    @RequestCtx() ctx: RequestContext,
    @Body() body: Form,
    @Headers('accept-language') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = pageLanguage(body?.lang, accept);
    const values = formValues(body ?? {});
    const dto = toDto(values, lang);
    const errors = await formErrors(dto, lang);
    if (errors.length) return this.html(reply, 400, renderForm(lang, values, errors));
    try {
      return this.html(reply, 200, renderReceipt(lang, await this.complaints.create(ctx, dto)));
    } catch (e) {
      if (!isThrottled(e)) throw e;
      void reply.header('retry-after', String(e.extra.retryAfterSeconds));
      return this.html(reply, 429, renderForm(lang, values, [{ field: '', message: phrase(TEXT[lang].intakeThrottled, { minutes: minutes(e) }) }]));
    }
  }

  @Get('complaint/status')
  @Public()
  statusForm(@Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.html(reply, 200, renderStatusForm(pageLanguage(lang, accept)));
  }

  /** With a reference and a code: the status; with a message too, the message is added first. */
  @Post('complaint/status')
  @HttpCode(200)
  @Public()
  @NoIdempotency()
  @FormBody()
  async status(
    @RequestCtx() ctx: RequestContext,
    @Body() body: Form,
    @Headers('accept-language') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = pageLanguage(body?.lang, accept);
    const t = TEXT[lang];
    const reference = text(body?.reference);
    const code = text(body?.code);
    const message = text(body?.message).trim();
    try {
      if (message.length > MESSAGE_MAX) {
        return this.html(
          reply,
          400,
          renderStatus(lang, await this.complaints.status(ctx, reference, code), code, undefined, phrase(t.errors.tooLong, { max: MESSAGE_MAX })),
        );
      }
      if (message) return this.html(reply, 200, renderStatus(lang, await this.complaints.addMessage(ctx, reference, code, message), code, t.sent));
      return this.html(reply, 200, renderStatus(lang, await this.complaints.status(ctx, reference, code), code));
    } catch (e) {
      if (!(e instanceof AppError) || ![404, 409, 429].includes(e.status)) throw e;
      if (isThrottled(e)) void reply.header('retry-after', String(e.extra.retryAfterSeconds));
      const error = e.status === 404 ? t.notFound : e.status === 409 ? t.closed : phrase(t.throttled, { minutes: minutes(e) });
      return this.html(reply, e.status, renderStatusForm(lang, reference, error));
    }
  }

  /** An HTML answer with the page's own policy (the API's `default-src 'none'` would refuse its style). */
  private html(reply: FastifyReply, status: number, body: string): string {
    void reply.status(status).type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).header('referrer-policy', 'no-referrer');
    return body;
  }
}
