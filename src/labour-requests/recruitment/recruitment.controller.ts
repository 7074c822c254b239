import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../access/actor';
import { RequirePermission } from '../../access/permission.decorator';
import { Permission } from '../../access/permissions';
import { ApiProblems, Operation } from '../../common/http/api-docs';
import { IdParam } from '../../common/http/id-param';
import { PageQueryDto } from '../../common/pagination/pagination';
import {
  CandidateDto,
  CreateRecruitmentOrderDto,
  ProposeCandidateDto,
  RecruitmentOrderDetailDto,
  RecruitmentOrderDto,
  RecruitmentOrderPageDto,
  RecruitmentOrderQueryDto,
} from './dto/recruitment-order.dto';
import { RecruitmentErrors } from './recruitment.errors';
import { RecruitmentService } from './recruitment.service';

const orderNotFound = RecruitmentErrors.orderNotFound;

@ApiTags('recruitment')
@Controller()
export class RecruitmentController {
  constructor(private readonly recruitment: RecruitmentService) {}

  @Post('labour-requests/:id/recruitment-orders')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation(
    'createRecruitmentOrder',
    'Order candidates from a partner agency for an approved labour request',
    'Only for an APPROVED or PARTIALLY_APPROVED request (409 with its status). ' +
      "The agency's liaison officers are notified in-app. An unknown or inactive agency, one that is not " +
      "the liaison officer's own, or more candidates than the request's open places less those already asked of its other OPEN " +
      'orders answer 422 naming the field.',
  )
  @ApiCreatedResponse({ type: RecruitmentOrderDto })
  @ApiProblems(400, 404, 409, 422)
  create(@CurrentActor() actor: Actor, @IdParam(RecruitmentErrors.requestNotFound) id: string, @Body() dto: CreateRecruitmentOrderDto) {
    return this.recruitment.create(actor, id, dto);
  }

  @Get('labour-requests/:id/recruitment-orders')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation('listRecruitmentOrders', "A labour request's recruitment orders (a liaison officer sees only its agencies' orders)")
  @ApiOkResponse({ type: RecruitmentOrderPageDto })
  @ApiProblems(400, 404)
  list(@CurrentActor() actor: Actor, @IdParam(RecruitmentErrors.requestNotFound) id: string, @Query() query: PageQueryDto) {
    return this.recruitment.list(actor, id, query);
  }

  @Get('recruitment-orders')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation(
    'listAllRecruitmentOrders',
    'Recruitment orders across labour requests, newest first',
    "A liaison officer sees only its agencies' orders (scope applied in the query); `status` and `partnerAgencyId` filter; cursor pages.",
  )
  @ApiOkResponse({ type: RecruitmentOrderPageDto })
  @ApiProblems(400)
  listAll(@CurrentActor() actor: Actor, @Query() query: RecruitmentOrderQueryDto) {
    return this.recruitment.listAll(actor, query);
  }

  @Get('recruitment-orders/:id')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation('getRecruitmentOrder', "A recruitment order with its candidates and arrivals (liaison officers: their agencies' orders and workers only)")
  @ApiOkResponse({ type: RecruitmentOrderDetailDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(orderNotFound) id: string) {
    return this.recruitment.get(actor, id);
  }

  @Post('recruitment-orders/:id/candidates')
  @RequirePermission(Permission.RecruitmentManage)
  @Operation(
    'proposeCandidate',
    'Propose a worker of the agency on an open order',
    "The worker must be a CANDIDATE linked to the order's partner agency (422). Already on the order: 409; order no longer OPEN " +
      '(FULFILLED, or CANCELLED when recruitment for the request ended): 409.',
  )
  @ApiCreatedResponse({ type: CandidateDto })
  @ApiProblems(400, 404, 409, 422)
  propose(@CurrentActor() actor: Actor, @IdParam(orderNotFound) id: string, @Body() dto: ProposeCandidateDto) {
    return this.recruitment.propose(actor, id, dto);
  }

  @Post('recruitment-orders/:id/candidates/:workerId/select')
  @HttpCode(200)
  @RequirePermission(Permission.LabourRequestDecide)
  @Operation(
    'selectCandidate',
    'Select a proposed candidate (worker CANDIDATE → SELECTED)',
    'Selecting more than the order asked for answers 422; the order becomes FULFILLED when the count is reached. A decided ' +
      'candidate, or a CANCELLED order: 409.',
  )
  @ApiOkResponse({ type: RecruitmentOrderDetailDto })
  @ApiProblems(404, 409, 412, 422)
  select(@CurrentActor() actor: Actor, @IdParam(orderNotFound) id: string, @IdParam(RecruitmentErrors.candidateNotFound, 'workerId') workerId: string) {
    return this.recruitment.decide(actor, id, workerId, 'SELECTED');
  }

  @Post('recruitment-orders/:id/candidates/:workerId/decline')
  @HttpCode(200)
  @RequirePermission(Permission.LabourRequestDecide)
  @Operation('declineCandidate', 'Decline a proposed candidate (the worker stays a CANDIDATE of the agency)', 'A decided candidate: 409.')
  @ApiOkResponse({ type: RecruitmentOrderDetailDto })
  @ApiProblems(404, 409)
  decline(@CurrentActor() actor: Actor, @IdParam(orderNotFound) id: string, @IdParam(RecruitmentErrors.candidateNotFound, 'workerId') workerId: string) {
    return this.recruitment.decide(actor, id, workerId, 'DECLINED');
  }
}
