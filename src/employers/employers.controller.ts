import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { CreateEmployerDto, CreateEmployerUserDto, EmployerDto, EmployerPageDto, EmployerQueryDto, UpdateEmployerDto } from './dto/employer.dto';
import { CreatedUserDto, UserPageDto } from '../users/dto/user.dto';
import { PageQueryDto } from '../common/pagination/pagination';
import { EmployerErrors } from './employers.errors';
import { EmployersService } from './employers.service';

const notFound = EmployerErrors.notFound;

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  @Get()
  @RequirePermission(Permission.EmployerRead)
  @Operation('listEmployers', 'List employers (an employer user sees only its own)')
  @ApiOkResponse({ type: EmployerPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: EmployerQueryDto) {
    return this.employers.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.EmployerWrite)
  @Operation('createEmployer', 'Register an employer', 'INN and OGRN are checked by their check digits (422).')
  @ApiCreatedResponse({ type: EmployerDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEmployerDto) {
    return this.employers.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.EmployerRead)
  @Operation('getEmployer', 'Read an employer')
  @ApiOkResponse({ type: EmployerDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.employers.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.EmployerWrite)
  @Operation('updateEmployer', 'Change an employer')
  @IfMatchRequired()
  @ApiOkResponse({ type: EmployerDto })
  @ApiProblems(400, 404, 409, 412, 422)
  update(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: UpdateEmployerDto, @Headers('if-match') ifMatch?: string) {
    return this.employers.update(actor, id, dto, ifMatch);
  }

  @Get(':id/users')
  @RequirePermission(Permission.EmployerWrite)
  @Operation('listEmployerUsers', "The employer's user accounts")
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400, 404)
  users(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Query() query: PageQueryDto) {
    return this.employers.users(actor, id, query);
  }

  @Post(':id/users')
  @RequirePermission(Permission.EmployerWrite)
  @Operation(
    'createEmployerUser',
    "Open an account for one of the employer's staff",
    'Role EMPLOYER, linked to this employer. The answer carries a one-time password-setup token to hand over; no password is ever sent.',
  )
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiProblems(400, 404, 409)
  createUser(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: CreateEmployerUserDto) {
    return this.employers.createUser(actor, id, dto);
  }
}
