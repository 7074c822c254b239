import { Body, Controller, Get, Headers, Param, Patch, PipeTransform, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CommonErrors } from '../common/errors/app-error';
import { DEADLINE_KINDS, DeadlineKind } from './deadline-rules';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { DeadlineErrors } from './deadlines.errors';
import { DeadlinesService } from './deadlines.service';
import {
  CreateDeadlineRuleDto,
  DeadlineDto,
  DeadlinePageDto,
  DeadlineQueryDto,
  DeadlineRuleDto,
  DeadlineSummaryDto,
  PatchDeadlineDto,
  PutReminderLeadDto,
  ReminderLeadDto,
  WorkerNoticeListDto,
} from './dto/deadline.dto';
import { WorkerErrors } from '../workers/workers.errors';

class KindPipe implements PipeTransform<string, DeadlineKind> {
  transform(value: string): DeadlineKind {
    if (!(DEADLINE_KINDS as readonly string[]).includes(value))
      throw CommonErrors.validation([{ field: 'kind', message: `must be one of ${DEADLINE_KINDS.join(', ')}` }]);
    return value as DeadlineKind;
  }
}

const wantsIcal = (accept: string | undefined) => /\btext\/calendar\b/i.test(accept ?? '');

@ApiTags('deadlines')
@Controller()
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @Get('deadlines')
  @RequirePermission(Permission.DeadlineRead)
  @Operation(
    'listDeadlines',
    'Deadlines in the caller’s scope, by due date',
    'A liaison officer sees the deadlines of their agencies’ workers; an employer only its own obligations (the MVD notices). ' +
      'With `Accept: text/calendar` the same list (at most 1,000) as an iCalendar file, one all-day event per deadline.',
  )
  @ApiProduces('application/json', 'text/calendar')
  @ApiOkResponse({ type: DeadlinePageDto })
  @ApiProblems(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: DeadlineQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!wantsIcal(accept)) return this.deadlines.list(actor, query);
    void reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="deadlines.ics"');
    return this.deadlines.listAsIcal(actor, query);
  }

  @Get('deadlines/summary')
  @RequirePermission(Permission.DeadlineRead)
  @Operation('deadlineSummary', 'Counts of the caller’s deadlines by kind and status: overdue, due within 7 and 30 days')
  @ApiOkResponse({ type: DeadlineSummaryDto })
  summary(@CurrentActor() actor: Actor) {
    return this.deadlines.summary(actor);
  }

  @Patch('deadlines/:id')
  @RequirePermission(Permission.DeadlineManage)
  @Operation('patchDeadline', 'Waive a deadline (with a reason) or reopen a waived one', 'If-Match required (428 without it, 412 when stale). Audited.')
  @IfMatchRequired()
  @ApiOkResponse({ type: DeadlineDto })
  @ApiProblems(400, 404, 409, 422)
  patch(@CurrentActor() actor: Actor, @IdParam(DeadlineErrors.notFound) id: string, @Body() dto: PatchDeadlineDto, @Headers('if-match') ifMatch?: string) {
    return this.deadlines.patch(actor, id, dto, ifMatch);
  }

  @Get('workers/:id/deadlines')
  @RequirePermission(Permission.DeadlineWorkerRead)
  @Operation(
    'workerDeadlines',
    'Every deadline about a worker, the employers’ notices for them included',
    'Reading deadlines is not a dossier read (not in the access log).',
  )
  @ApiOkResponse({ type: DeadlinePageDto })
  @ApiProblems(404)
  forWorker(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) id: string) {
    return this.deadlines.forWorker(actor, id);
  }

  @Get('workers/:id/notices')
  @RequirePermission(Permission.DeadlineWorkerRead)
  @Operation(
    'workerNotices',
    'Notices to the worker of their obligations, in their language (ru, uz, tg, ky, en)',
    'For the caseworker to hand over, print or send through a messenger; nothing is sent from here.',
  )
  @ApiOkResponse({ type: WorkerNoticeListDto })
  @ApiProblems(404)
  notices(@CurrentActor() actor: Actor, @IdParam(WorkerErrors.notFound) id: string) {
    return this.deadlines.notices(actor, id);
  }

  @Get('reference/reminder-leads')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listReminderLeads', 'How many days before a deadline of each kind its reminders go out')
  @ApiOkResponse({ type: [ReminderLeadDto] })
  reminderLeads() {
    return this.deadlines.reminderLeads();
  }

  @Put('reference/reminder-leads/:kind')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putReminderLeads', 'Set the reminder lead times of a kind of deadline', 'Audited; the next scan uses them.')
  @ApiParam({ name: 'kind', enum: DEADLINE_KINDS })
  @ApiOkResponse({ type: ReminderLeadDto })
  @ApiProblems(400)
  putReminderLeads(@CurrentActor() actor: Actor, @Param('kind', new KindPipe()) kind: DeadlineKind, @Body() dto: PutReminderLeadDto) {
    return this.deadlines.putReminderLeads(actor, kind, dto);
  }

  @Get('reference/deadline-rules')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listDeadlineRules', 'The rules dating obligations, by citizenship regime, with their effective dates')
  @ApiOkResponse({ type: [DeadlineRuleDto] })
  rules() {
    return this.deadlines.rules();
  }

  @Post('reference/deadline-rules')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation(
    'addDeadlineRule',
    'Add a rule row (a change of the law); rows are never edited',
    '409 DEADLINE_RULE_OVERLAPS when a row of the same kind, trigger, regime and citizenship is in force on any of its days.',
  )
  @ApiCreatedResponse({ type: DeadlineRuleDto })
  @ApiProblems(400, 409, 422)
  addRule(@CurrentActor() actor: Actor, @Body() dto: CreateDeadlineRuleDto) {
    return this.deadlines.addRule(actor, dto);
  }
}
