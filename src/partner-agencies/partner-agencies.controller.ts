import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { CreatePartnerAgencyDto, PartnerAgencyDto, PartnerAgencyPageDto, PartnerAgencyQueryDto, UpdatePartnerAgencyDto } from './dto/partner-agency.dto';
import { PartnerAgenciesService, partnerAgencyNotFound } from './partner-agencies.service';

@ApiTags('partner-agencies')
@Controller('partner-agencies')
export class PartnerAgenciesController {
  constructor(private readonly agencies: PartnerAgenciesService) {}

  @Get()
  @RequirePermission(Permission.AgencyRead)
  @Operation('listPartnerAgencies', 'List partner agencies (liaison officers: their own)')
  @ApiOkResponse({ type: PartnerAgencyPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: PartnerAgencyQueryDto) {
    return this.agencies.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.AgencyWrite)
  @Operation('createPartnerAgency', 'Register a partner agency')
  @ApiCreatedResponse({ type: PartnerAgencyDto })
  @ApiProblems(400)
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePartnerAgencyDto) {
    return this.agencies.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.AgencyWrite)
  @Operation('updatePartnerAgency', 'Change a partner agency')
  @ApiOkResponse({ type: PartnerAgencyDto })
  @ApiProblems(400, 404)
  @IfMatchRequired()
  update(@CurrentActor() actor: Actor, @IdParam(partnerAgencyNotFound) id: string, @Body() dto: UpdatePartnerAgencyDto, @Headers('if-match') ifMatch?: string) {
    return this.agencies.update(actor, id, dto, ifMatch);
  }
}
