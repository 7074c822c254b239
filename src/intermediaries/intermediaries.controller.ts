import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { CreateIntermediaryDto, IntermediaryDto, IntermediaryPageDto, IntermediaryQueryDto, UpdateIntermediaryDto } from './dto/intermediary.dto';
import { IntermediariesService, intermediaryNotFound } from './intermediaries.service';

@ApiTags('intermediaries')
@Controller('intermediaries')
export class IntermediariesController {
  constructor(private readonly intermediaries: IntermediariesService) {}

  @Get()
  @RequirePermission(Permission.IntermediaryManage)
  @Operation('listIntermediaries', 'List intermediaries')
  @ApiOkResponse({ type: IntermediaryPageDto })
  @ApiProblems(400)
  list(@Query() query: IntermediaryQueryDto) {
    return this.intermediaries.list(query);
  }

  @Post()
  @RequirePermission(Permission.IntermediaryManage)
  @Operation('createIntermediary', 'Register an intermediary')
  @ApiCreatedResponse({ type: IntermediaryDto })
  @ApiProblems(400)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIntermediaryDto) {
    return this.intermediaries.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.IntermediaryManage)
  @Operation('updateIntermediary', 'Change an intermediary, e.g. blacklist it')
  @ApiOkResponse({ type: IntermediaryDto })
  @ApiProblems(400, 404)
  @IfMatchRequired()
  update(@CurrentActor() actor: Actor, @IdParam(intermediaryNotFound) id: string, @Body() dto: UpdateIntermediaryDto, @Headers('if-match') ifMatch?: string) {
    return this.intermediaries.update(actor, id, dto, ifMatch);
  }
}
