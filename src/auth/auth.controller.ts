import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Actor, CurrentActor, RequestCtx, RequestContext } from '../access/actor';
import { Public, RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, PasswordResetDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { LoginGuard } from './login.guard';
import { loginThrottle } from './login-throttle';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @Throttle(loginThrottle())
  @UseGuards(LoginGuard)
  @Operation('login', 'Exchange email and password for tokens', 'Throttled per IP; 5 failures lock the account for 15 minutes (423).')
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 415, 423, 429)
  login(@CurrentActor() user: Actor, @RequestCtx() ctx: RequestContext) {
    return this.auth.login(user, ctx);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @Throttle(loginThrottle())
  @Operation('refreshTokens', 'Rotate a refresh token', 'Presenting an already rotated token revokes the whole session.')
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 429)
  refresh(@Body() dto: RefreshDto, @RequestCtx() ctx: RequestContext) {
    return this.auth.refresh(dto.refreshToken, ctx);
  }

  @Post('password-reset')
  @HttpCode(204)
  @Public()
  @Throttle(loginThrottle())
  @Operation('completePasswordReset', 'Set a new password with a one-time token from an administrator')
  @ApiNoContentResponse()
  @ApiProblems(400, 422, 429)
  async passwordReset(@Body() dto: PasswordResetDto, @RequestCtx() ctx: RequestContext) {
    await this.auth.completeReset(dto.token, dto.newPassword, ctx);
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission(Permission.AuthSelf)
  @Operation('logout', 'Revoke this session\'s refresh tokens and access tokens')
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: Actor) {
    await this.auth.logout(actor);
  }

  @Get('session')
  @RequirePermission(Permission.AuthSelf)
  @Operation('session', 'Whether the access token is still good, and whose it is', 'Cheap: no read beyond the token check.')
  @ApiOkResponse({ schema: { example: { userId: 'uuid', role: 'STAFF', sessionId: 'uuid' } } })
  session(@CurrentActor() actor: Actor) {
    return { userId: actor.id, role: actor.role, sessionId: actor.sessionId };
  }

  @Get('me')
  @RequirePermission(Permission.AuthSelf)
  @Operation('me', 'The caller: user, role, employer or agencies, permissions')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor) {
    return this.users.me(actor);
  }
}
