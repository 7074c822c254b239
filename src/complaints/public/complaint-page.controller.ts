import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { RequestContext, RequestCtx } from '../../access/actor';
import { Public } from '../../access/permission.decorator';
import { AppError } from '../../common/errors/app-error';
import { FormBody } from '../../common/http/body-parsers';
import { NoIdempotency } from '../../common/idempotency/idempotency.binding';
import { CreatePublicComplaintDto, MESSAGE_MAX } from './dto/public-complaint.dto';
import { TEXT, pageLanguage } from './page/i18n';
import { FormError, FormValues, PAGE_CSP, phrase, renderForm, renderReceipt, renderStatus, renderStatusForm } from './page/templates';
import { contactProblem, type PublicLanguage } from './public-complaint.rules';
import { PublicComplaintsService } from './public-complaints.service';

type Form = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const minutes = (e: AppError) => Math.max(1, Math.ceil(Number(e.extra.retryAfterSeconds ?? 60) / 60));
const isThrottled = (e: unknown): e is AppError => e instanceof AppError && e.status === 429;

/** What the form posted, as typed (kept when the form comes back with errors). */
function formValues(body: Form): FormValues {
  return {
    category: text(body.category),
    narrative: text(body.narrative),
    employerName: text(body.employerName),
    place: text(body.place),
    wantsContact: body.wantsContact === 'yes',
    contact: text(body.contact),
  };
}

function toDto(v: FormValues, language: PublicLanguage) {
  const optional = (s: string) => (s.trim() ? s : undefined);
  return plainToInstance(CreatePublicComplaintDto, {
    category: v.category,
    narrative: v.narrative,
    employerName: optional(v.employerName),
    place: optional(v.place),
    language,
    wantsContact: v.wantsContact,
    contact: optional(v.contact),
  });
}

/** The same checks as the JSON intake (the DTO's), each said in the page's language. */
async function formErrors(dto: CreatePublicComplaintDto, lang: PublicLanguage): Promise<FormError[]> {
  const t = TEXT[lang].errors;
  const errors: FormError[] = (await validate(dto)).map((e) => {
    const max = e.constraints?.maxLength ? /\d+/.exec(e.constraints.maxLength)?.[0] : undefined;
    if (e.property === 'category') return { field: 'category', message: t.category };
    return { field: e.property, message: max ? phrase(t.tooLong, { max }) : t.required };
  });
  const contact = contactProblem(dto.wantsContact, dto.contact);
  if (contact && !errors.some((e) => e.field === 'contact')) errors.push({ field: 'contact', message: contact === 'CONTACT_NOT_WANTED' ? t.contactNotWanted : t.contactRequired });
  return errors;
}

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
  async submit(@RequestCtx() ctx: RequestContext, @Body() body: Form, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
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
  async status(@RequestCtx() ctx: RequestContext, @Body() body: Form, @Headers('accept-language') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const lang = pageLanguage(body?.lang, accept);
    const t = TEXT[lang];
    const reference = text(body?.reference);
    const code = text(body?.code);
    const message = text(body?.message).trim();
    try {
      if (message.length > MESSAGE_MAX) {
        return this.html(reply, 400, renderStatus(lang, await this.complaints.status(ctx, reference, code), code, undefined, phrase(t.errors.tooLong, { max: MESSAGE_MAX })));
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
