import { Body, Controller, Get, Headers, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import {
  ActivityCodeDto,
  PutActivityCodeDto,
  LocalWageDto,
  LocalWageQueryDto,
  ParameterDto,
  PutLocalWageDto,
  PutParameterDto,
  BanDto,
  BanQueryDto,
  CreateBanDto,
  OccupationDto,
  OccupationQueryDto,
  PutOccupationDto,
  PutRegionalCoefficientDto,
  PutWageFloorDto,
  RegionalCoefficientDto,
  UpdateBanDto,
  WageFloorDto,
} from './dto/reference.dto';
import { CountriesService } from './countries.service';
import { CountryDto, CountryQueryDto } from './dto/country.dto';
import { ReferenceErrors } from './reference.errors';
import { ActivityCodeParam, OccupationCodeParam, ParameterKeyParam, RegionParam, YearParam } from './reference.params';
import type { LabourParameterKey } from './reference.rules';
import { ReferenceService } from './reference.service';

const banNotFound = ReferenceErrors.banNotFound;

@ApiTags('reference')
@Controller('reference')
export class ReferenceController {
  constructor(
    private readonly reference: ReferenceService,
    private readonly countryList: CountriesService,
  ) {}

  @Get('wage-floors')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listWageFloors', 'МРОТ per year with the Omsk coefficient and the resulting full-time floor')
  @ApiOkResponse({ type: [WageFloorDto] })
  wageFloors() {
    return this.reference.wageFloors();
  }

  @Put('wage-floors/:year')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putWageFloor', 'Enter or replace the МРОТ of a year')
  @ApiParam({ name: 'year', type: Number, example: 2026, description: '2000–2100' })
  @ApiOkResponse({ type: WageFloorDto })
  @ApiProblems(400)
  putWageFloor(@CurrentActor() actor: Actor, @YearParam() year: number, @Body() dto: PutWageFloorDto) {
    return this.reference.putWageFloor(actor, year, dto);
  }

  @Get('regional-coefficients')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listRegionalCoefficients', 'Regional wage coefficients')
  @ApiOkResponse({ type: [RegionalCoefficientDto] })
  coefficients() {
    return this.reference.coefficients();
  }

  @Put('regional-coefficients/:region')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putRegionalCoefficient', 'Enter or replace a regional coefficient')
  @ApiParam({ name: 'region', example: 'OMSK' })
  @ApiOkResponse({ type: RegionalCoefficientDto })
  @ApiProblems(400)
  putCoefficient(@CurrentActor() actor: Actor, @RegionParam() region: string, @Body() dto: PutRegionalCoefficientDto) {
    return this.reference.putCoefficient(actor, region, dto);
  }

  @Get('bans')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listRegionalBans', 'Regional bans on patent holders by activity code', '`?on=` lists only the bans in force that day.')
  @ApiOkResponse({ type: [BanDto] })
  @ApiProblems(400)
  bans(@Query() query: BanQueryDto) {
    return this.reference.bans(query.on);
  }

  @Post('bans')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('createRegionalBan', 'Add a regional ban', 'effectiveTo (inclusive) must be after effectiveFrom (422 BAN_DATES_INVALID).')
  @ApiCreatedResponse({ type: BanDto })
  @ApiProblems(400, 422)
  createBan(@CurrentActor() actor: Actor, @Body() dto: CreateBanDto) {
    return this.reference.createBan(actor, dto);
  }

  @Patch('bans/:id')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('updateRegionalBan', 'Change a regional ban')
  @IfMatchRequired()
  @ApiOkResponse({ type: BanDto })
  @ApiProblems(400, 404, 412, 422)
  updateBan(@CurrentActor() actor: Actor, @IdParam(banNotFound) id: string, @Body() dto: UpdateBanDto, @Headers('if-match') ifMatch?: string) {
    return this.reference.updateBan(actor, id, dto, ifMatch);
  }

  @Get('occupations')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listOccupations', 'Occupations (ОКЗ) used by the Centre', '`?q=` searches the titles (either language) and code prefix.')
  @ApiOkResponse({ type: [OccupationDto] })
  @ApiProblems(400)
  occupations(@Query() query: OccupationQueryDto) {
    return this.reference.occupations(query.q);
  }

  @Put('occupations/:code')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putOccupation', 'Enter or rename an occupation')
  @ApiParam({ name: 'code', example: '7112', description: 'Four-digit ОКЗ code' })
  @ApiOkResponse({ type: OccupationDto })
  @ApiProblems(400)
  putOccupation(@CurrentActor() actor: Actor, @OccupationCodeParam() code: string, @Body() dto: PutOccupationDto) {
    return this.reference.putOccupation(actor, code, dto);
  }

  @Get('local-wages')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listLocalWages', 'Reference local wages by year and occupation', 'What local workers earn; negotiations show the gap to it.')
  @ApiOkResponse({ type: [LocalWageDto] })
  @ApiProblems(400)
  localWages(@Query() query: LocalWageQueryDto) {
    return this.reference.localWages(query);
  }

  @Put('local-wages/:year/:code')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putLocalWage', 'Enter or replace the local wage of an occupation in a year', 'Unknown occupation → 422 OCCUPATION_UNKNOWN.')
  @ApiParam({ name: 'year', type: Number, example: 2026 })
  @ApiParam({ name: 'code', example: '7112', description: 'Four-digit ОКЗ code' })
  @ApiOkResponse({ type: LocalWageDto })
  @ApiProblems(400, 422)
  putLocalWage(@CurrentActor() actor: Actor, @YearParam() year: number, @OccupationCodeParam() code: string, @Body() dto: PutLocalWageDto) {
    return this.reference.putLocalWage(actor, year, code, dto);
  }

  @Get('labour-parameters')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listLabourParameters', 'Labour-law figures: deduction share, income tax rate, full-time hours')
  @ApiOkResponse({ type: [ParameterDto] })
  parameters() {
    return this.reference.parameters();
  }

  @Put('labour-parameters/:key')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putLabourParameter', 'Change a labour-law figure')
  @ApiParam({ name: 'key', enum: ['MAX_DEDUCTION_SHARE', 'INCOME_TAX_RATE', 'FULL_TIME_HOURS_PER_WEEK'] })
  @ApiOkResponse({ type: ParameterDto })
  @ApiProblems(400)
  putParameter(@CurrentActor() actor: Actor, @ParameterKeyParam() key: LabourParameterKey, @Body() dto: PutParameterDto) {
    return this.reference.putParameter(actor, key, dto);
  }

  @Get('activity-codes')
  @RequirePermission(Permission.AuthSelf)
  @Operation('listActivityCodes', 'Kinds of economic activity (ОКВЭД 2) an employer may declare', '`?q=` searches code prefix and title.')
  @ApiOkResponse({ type: [ActivityCodeDto] })
  @ApiProblems(400)
  activityCodes(@Query() query: OccupationQueryDto) {
    return this.reference.activityCodes(query.q);
  }

  @Put('activity-codes/:code')
  @RequirePermission(Permission.ReferenceWrite)
  @Operation('putActivityCode', 'Enter or rename an activity code')
  @ApiParam({ name: 'code', example: '41.20' })
  @ApiOkResponse({ type: ActivityCodeDto })
  @ApiProblems(400)
  putActivityCode(@CurrentActor() actor: Actor, @ActivityCodeParam() code: string, @Body() dto: PutActivityCodeDto) {
    return this.reference.putActivityCode(actor, code, dto);
  }

  @Get('countries')
  @RequirePermission(Permission.AuthSelf)
  @Operation(
    'listCountries',
    'Countries (ISO 3166-1 alpha-2) with the work-authorisation regime of their citizens',
    'Citizenships are recorded as these codes; an unknown code, or RU for a worker, answers 422. `?q=` searches the codes and both names.',
  )
  @ApiOkResponse({ type: [CountryDto] })
  @ApiProblems(400)
  countries(@Query() query: CountryQueryDto) {
    return this.countryList.list(query);
  }
}
