import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { ContractNotificationsService } from './contract-notifications.service';
import {
  ContractNotificationDto,
  CorrectContractNotificationDto,
  CreateContractNotificationDto,
  CreatePlacementDto,
  EndPlacementDto,
  PlacementDto,
  PlacementPageDto,
  PlacementQueryDto,
} from './dto/placement.dto';
import { ContractNotificationErrors, PlacementErrors } from './placements.errors';
import { PlacementsService } from './placements.service';

const notFound = PlacementErrors.notFound;

@ApiTags('placements')
@Controller('placements')
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly notifications: ContractNotificationsService,
  ) {}

  @Get()
  @RequirePermission(Permission.PlacementRead)
  @Operation('listPlacements', 'List placements (an employer user sees only its own)', 'Filters: status, workerId, labourRequestId, employerId.')
  @ApiOkResponse({ type: PlacementPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: PlacementQueryDto) {
    return this.placements.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.PlacementWrite)
  @Operation(
    'createPlacement',
    'Place a worker under an approved labour request',
    'Every precondition failure is listed at once in one 422 PLACEMENT_PRECONDITIONS_FAILED, each error with its code: request approved, ' +
      'headcount, start date inside the period, worker ready and not placed, worker of a requested citizenship (CITIZENSHIP_NOT_REQUESTED), ' +
      'work authorisation on the start date, regional bans; no negotiation or an agreed one (NEGOTIATION_OPEN while open, ' +
      'NEGOTIATION_NOT_AGREED when broken off); after agreement no term worse than the agreed one (TERMS_BELOW_AGREED per field); ' +
      'the final terms meet the offer rules of the negotiations (WAGE_BELOW_FLOOR, HOURS_OVER_LIMIT: over the normal week only with ' +
      'an agreed offer including overtime, DEDUCTIONS_OVER_SHARE, DEDUCTIONS_WITHOUT_BENEFIT). The place is taken atomically: ' +
      '422 HEADCOUNT_REACHED when the last one went meanwhile; the last place moves the request to FILLED. A placement starting ' +
      'today or earlier is ACTIVE and the worker EMPLOYED at once; one starting later is PLANNED, the worker stays as they are and ' +
      'a daily job makes it ACTIVE and the worker EMPLOYED on the start date. Every active user of the employer is notified.',
  )
  @ApiCreatedResponse({ type: PlacementDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlacementDto) {
    return this.placements.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.PlacementRead)
  @Operation('getPlacement', 'Read a placement (the worker with name and citizenship only; no endReason for an employer)')
  @ApiOkResponse({ type: PlacementDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.placements.get(actor, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @RequirePermission(Permission.PlacementWrite)
  @Operation(
    'endPlacement',
    'End a placement, or cancel one that has not started',
    'An ACTIVE placement ends on endDate (required): the worker moves EMPLOYED → BETWEEN_JOBS; the place stays counted. ' +
      'A PLANNED placement (start date still ahead) is cancelled: status CANCELLED, no end date, the worker stays where they are; ' +
      'endDate may be left out (if given: the day of the cancellation, not in the future). 409 when already ended or cancelled, ' +
      "or PLACEMENT_STARTED when a planned one started meanwhile. The employer's users are notified (never of the reason).",
  )
  @ApiOkResponse({ type: PlacementDto })
  @ApiProblems(400, 404, 409, 422)
  end(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: EndPlacementDto) {
    return this.placements.end(actor, id, dto);
  }

  @Post(':id/contract-notifications')
  @RequirePermission(Permission.ContractNotificationWrite)
  @Operation(
    'recordContractNotification',
    'Record the notice to the MVD of a contract concluded or ended',
    'dueOn = contract start (CONCLUSION) or end (TERMINATION) + 3 working days; late when notified after it. ' +
      'TERMINATION only once the placement has ended (409); one notice per kind (409); none on a cancelled placement (409 PLACEMENT_CANCELLED).',
  )
  @ApiCreatedResponse({ type: ContractNotificationDto })
  @ApiProblems(400, 404, 409, 422)
  recordNotification(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: CreateContractNotificationDto) {
    return this.notifications.record(actor, id, dto);
  }

  @Post(':id/contract-notifications/:notificationId/corrections')
  @RequirePermission(Permission.ContractNotificationCorrect)
  @Operation(
    'correctContractNotification',
    'Correct a recorded MVD notice (its date or reference), with a reason',
    'Centre staff only. The corrected notifiedOn meets the same rules as a new notice (422 CONTRACT_NOTIFICATION_INVALID); ' +
      "dueOn and late are worked out again, so the employer's risk follows the corrected date. A correction that changes " +
      'nothing is 422 CONTRACT_NOTIFICATION_UNCHANGED. Nothing is overwritten without trace: the answer lists every correction ' +
      'with the values it replaced, and each is audited.',
  )
  @ApiCreatedResponse({ type: ContractNotificationDto })
  @ApiProblems(400, 404, 422)
  correctNotification(
    @CurrentActor() actor: Actor,
    @IdParam(notFound) id: string,
    @IdParam(ContractNotificationErrors.notFound, 'notificationId') notificationId: string,
    @Body() dto: CorrectContractNotificationDto,
  ) {
    return this.notifications.correct(actor, id, notificationId, dto);
  }
}
