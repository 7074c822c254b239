import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, IfMatchRequired, Operation } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import { CreatedUserDto, CreateUserDto, PasswordSetupDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UserErrors } from './users.errors';
import { UsersService } from './users.service';

const notFound = UserErrors.notFound;

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UserManage)
  @Operation('listUsers', 'List users')
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400)
  list(@Query() query: UserQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @RequirePermission(Permission.UserManage)
  @Operation('createUser', 'Create a user', 'Answers a one-time password setup token; no password is ever sent anywhere.')
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiProblems(400, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.UserManage)
  @Operation('getUser', 'Read a user')
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(404)
  get(@IdParam(notFound) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserManage)
  @Operation('updateUser', "Change a user's name, role, links or active flag")
  @IfMatchRequired()
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 412, 422)
  update(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: UpdateUserDto, @Headers('if-match') ifMatch?: string) {
    return this.users.update(actor, id, dto, ifMatch);
  }

  @Post(':id/password-reset')
  @HttpCode(201)
  @RequirePermission(Permission.UserManage)
  @Operation('issuePasswordReset', "Issue a one-time password reset token (ends the user's sessions)")
  @ApiCreatedResponse({ type: PasswordSetupDto })
  @ApiProblems(404)
  resetPassword(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.users.resetPassword(actor, id);
  }
}
