import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../access/actor';
import { RequirePermission } from '../../access/permission.decorator';
import { Permission } from '../../access/permissions';
import { ApiProblems, Operation } from '../../common/http/api-docs';
import { IdParam } from '../../common/http/id-param';
import { ArrivalDto, ArrivalPageDto, ArrivalQueryDto, CheckInDto, CreateArrivalDto } from './dto/arrival.dto';
import { ArrivalsService } from './arrivals.service';
import { RecruitmentErrors } from './recruitment.errors';

@ApiTags('recruitment')
@Controller()
export class ArrivalsController {
  constructor(private readonly arrivals: ArrivalsService) {}

  @Post('recruitment-orders/:id/arrivals')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation(
    'createArrival',
    'Announce an expected batch of selected workers (they move SELECTED → IN_TRANSIT)',
    'Workers not selected on this order, or no longer waiting to travel, answer 422 listing each. A cancelled order: 409.',
  )
  @ApiCreatedResponse({ type: ArrivalDto })
  @ApiProblems(400, 404, 409, 412, 422)
  create(@CurrentActor() actor: Actor, @IdParam(RecruitmentErrors.orderNotFound) id: string, @Body() dto: CreateArrivalDto) {
    return this.arrivals.create(actor, id, dto);
  }

  @Get('arrivals')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation('listArrivals', "Expected and past arrivals by date (a liaison officer sees only its agencies' batches)")
  @ApiOkResponse({ type: ArrivalPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ArrivalQueryDto) {
    return this.arrivals.list(actor, query);
  }

  @Post('arrivals/:id/check-in')
  @HttpCode(200)
  @RequirePermission(Permission.RecruitmentManage)
  @Operation(
    'checkInArrival',
    'Check in the workers who arrived (→ ARRIVED with their arrival date)',
    'An arrival stays EXPECTED, and takes further check-ins of its expected workers not yet in (a late traveller), until every ' +
      'worker it expects is checked in; then it is CHECKED_IN (checkedInAt) and takes no more (409, as a cancelled one). A worker not ' +
      "expected on this arrival but still abroad is checked in too, flagged unannounced, if the worker is one of the order's partner " +
      'agency (422 otherwise) and is not expected on another arrival still EXPECTED (422 naming that arrival: check the worker in ' +
      'there). arrivedOn defaults to today and may not be in the future; an expected worker no longer in transit, or an unknown one, ' +
      'answers 422 naming workerIds[i]. A worker already checked in (here or on another arrival): 409 WORKER_ALREADY_CHECKED_IN.',
  )
  @ApiOkResponse({ type: ArrivalDto })
  @ApiProblems(400, 404, 409, 412, 422)
  checkIn(@CurrentActor() actor: Actor, @IdParam(RecruitmentErrors.arrivalNotFound) id: string, @Body() dto: CheckInDto) {
    return this.arrivals.checkIn(actor, id, dto);
  }
}
