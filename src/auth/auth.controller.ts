import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Actor, CurrentActor, RequestCtx, RequestContext } from '../access/actor';
import { Public, RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { UsersService } from '../users/users.service';
import { AuthService, VerifiedLogin } from './auth.service';
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
  @Operation(
    'login',
    'Exchange email and password for tokens',
    'A wrong password and an unknown email are answered alike: 401 `INVALID_CREDENTIALS`, no sooner than a fixed floor. ' +
      'Failed attempts are counted per email (normalised, whether or not an account has it) from each client address, per email ' +
      'over all addresses (a higher ceiling) and per address over all emails (higher still). Past a count (by default 5, 20 and 50 ' +
      'failures) further attempts wait: 429 `LOGIN_THROTTLED` with `Retry-After` (and `retryAfterSeconds`) before the password is ' +
      'checked, 1 s at first and twice as long after each further failure, up to 15 minutes. No account is ever locked: on an ' +
      "address where the account signed in within 30 days only that address's own failures apply, so others' failures never " +
      'keep the right password out there. Each address is also limited to a number of requests per minute (429 `RATE_LIMITED`).',
  )
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 415, 429)
  login(@CurrentActor() user: VerifiedLogin, @RequestCtx() ctx: RequestContext) {
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
  @Operation('logout', "Revoke this session's refresh tokens and access tokens")
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
