import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import {
  CreateLabourRequestDto,
  DecisionDto,
  LabourRequestDto,
  LabourRequestPageDto,
  LabourRequestQueryDto,
  UpdateLabourRequestDto,
} from './dto/labour-request.dto';
import { LabourRequestErrors } from './labour-requests.errors';
import { LabourRequestsService } from './labour-requests.service';

const notFound = LabourRequestErrors.notFound;

@ApiTags('labour-requests')
@Controller('labour-requests')
export class LabourRequestsController {
  constructor(private readonly requests: LabourRequestsService) {}

  @Get()
  @RequirePermission(Permission.LabourRequestRead)
  @Operation(
    'listLabourRequests',
    'List labour requests (an employer user sees only its own)',
    'Newest first; filters status, employerId, occupationCode, year (of periodStart).',
  )
  @ApiOkResponse({ type: LabourRequestPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: LabourRequestQueryDto) {
    return this.requests.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.LabourRequestWrite)
  @Operation(
    'createLabourRequest',
    'Draft a labour request',
    'An employer user drafts for its own organisation (sending employerId is refused, 400); staff name ' +
      'the employer. Unknown employer or occupation, or an end before the start → 422 listing every problem.',
  )
  @ApiCreatedResponse({ type: LabourRequestDto })
  @ApiProblems(400, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLabourRequestDto) {
    return this.requests.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.LabourRequestRead)
  @Operation(
    'getLabourRequest',
    'Read a labour request',
    "Staff and administrators also get `review`: the employer's risk indicator, the quota allocation and the wage floor.",
  )
  @ApiOkResponse({ type: LabourRequestDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.requests.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.LabourRequestWrite)
  @Operation('updateLabourRequest', 'Change a draft', 'Only a DRAFT may change (409 otherwise).')
  @IfMatchRequired()
  @ApiOkResponse({ type: LabourRequestDto })
  @ApiProblems(400, 404, 409, 412, 422)
  update(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: UpdateLabourRequestDto, @Headers('if-match') ifMatch?: string) {
    return this.requests.update(actor, id, dto, ifMatch);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.LabourRequestWrite)
  @Operation(
    'submitLabourRequest',
    'Submit a draft for review',
    'DRAFT → SUBMITTED; otherwise 409 ILLEGAL_TRANSITION with the allowed targets. Refused with one 422 listing every failure when the period ' +
      'ended before today (PERIOD_ENDED, field periodEnd) or the wage is below the floor of the year of periodStart (WAGE_BELOW_FLOOR, field ' +
      "monthlyWageRub; not checked while that year's МРОТ is not entered: the decision then answers REFERENCE_MISSING); both: SUBMISSION_RULES_FAILED.",
  )
  @ApiOkResponse({ type: LabourRequestDto })
  @ApiProblems(404, 409, 422)
  submit(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.requests.submit(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.LabourRequestWrite)
  @Operation(
    'withdrawLabourRequest',
    'Withdraw a request',
    'From DRAFT, SUBMITTED or approved; approved places not yet used go back to every quota allocation ' +
      'they were counted against. Its open recruitment orders are cancelled (409 RECRUITMENT_IN_PROGRESS ' +
      'while workers are SELECTED or IN_TRANSIT) and an open wage negotiation is broken off.',
  )
  @ApiOkResponse({ type: LabourRequestDto })
  @ApiProblems(404, 409)
  withdraw(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.requests.withdraw(actor, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequirePermission(Permission.LabourRequestDecide)
  @Operation(
    'closeLabourRequest',
    'Close an approved or filled request',
    'Approved places not yet used go back to every quota allocation they were counted against. ' +
      'Its open recruitment orders are cancelled (409 RECRUITMENT_IN_PROGRESS while workers ' +
      'are SELECTED or IN_TRANSIT) and an open wage negotiation is broken off.',
  )
  @ApiOkResponse({ type: LabourRequestDto })
  @ApiProblems(404, 409)
  close(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.requests.close(actor, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission(Permission.LabourRequestDecide)
  @Operation(
    'decideLabourRequest',
    'Decide a submitted request',
    'APPROVED, PARTIALLY_APPROVED (count and reason) or REJECTED (reason). ' +
      'Checks the wage floor, regional bans and the quota; every failure at once in one 422 ' +
      '(top-level code QUOTA_EXHAUSTED, NO_QUOTA_ALLOCATION, QUOTA_CITIZENSHIP_REQUIRED, WAGE_BELOW_FLOOR, ' +
      'REGIONAL_BAN, ACTIVITY_CODE_MISSING, DECISION_INVALID or REFERENCE_MISSING when one rule failed, ' +
      'DECISION_RULES_FAILED when several did). The places are taken from every ' +
      'allocation the request counts against, from the most specific up to the overall one ' +
      '(QUOTA_EXHAUSTED names the one with the fewest places left; NO_QUOTA_ALLOCATION: none covers the request). ' +
      'A rejection ends the request like a withdrawal (409 RECRUITMENT_IN_PROGRESS; an open negotiation is broken off).',
  )
  @ApiOkResponse({ type: LabourRequestDto })
  @ApiProblems(400, 404, 409, 422)
  decide(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: DecisionDto) {
    return this.requests.decide(actor, id, dto);
  }
}
