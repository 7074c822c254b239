import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import {
  CreateQuotaAllocationDto,
  QuotaAllocationDto,
  QuotaAllocationPageDto,
  QuotaAllocationQueryDto,
  UpdateQuotaAllocationDto,
} from './dto/quota-allocation.dto';
import { QuotaErrors } from './labour-requests.errors';
import { QuotaAllocationsService } from './quota-allocations.service';

@ApiTags('quota-allocations')
@Controller('quota-allocations')
export class QuotaAllocationsController {
  constructor(private readonly quotas: QuotaAllocationsService) {}

  @Get()
  @RequirePermission(Permission.QuotaRead)
  @Operation(
    'listQuotaAllocations',
    'List quota allocations',
    'Each shows its limit, the places approved and those remaining. Every allocation is a ceiling of the requests it covers, so `approved` ' +
      'counts every place approved under its scope: the overall allocation every place approved that year, one per occupation every place ' +
      'for that occupation whatever the citizenship, and so on.',
  )
  @ApiOkResponse({ type: QuotaAllocationPageDto })
  @ApiProblems(400)
  list(@Query() query: QuotaAllocationQueryDto) {
    return this.quotas.list(query);
  }

  @Post()
  @RequirePermission(Permission.QuotaManage)
  @Operation(
    'createQuotaAllocation',
    'Set a yearly limit',
    'Overall (no occupation, no citizenship) or per occupation and/or citizenship; one allocation per scope (409); unknown occupation → 422. ' +
      'It starts with the places already approved under its scope that year, so its limit may not be lower (422 LIMIT_BELOW_APPROVED).',
  )
  @ApiCreatedResponse({ type: QuotaAllocationDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateQuotaAllocationDto) {
    return this.quotas.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.QuotaManage)
  @Operation('updateQuotaAllocation', 'Change a limit or its note', 'The limit never goes below the places already approved (422 LIMIT_BELOW_APPROVED).')
  @IfMatchRequired()
  @ApiOkResponse({ type: QuotaAllocationDto })
  @ApiProblems(400, 404, 412, 422)
  update(
    @CurrentActor() actor: Actor,
    @IdParam(QuotaErrors.notFound) id: string,
    @Body() dto: UpdateQuotaAllocationDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.quotas.update(actor, id, dto, ifMatch);
  }
}
