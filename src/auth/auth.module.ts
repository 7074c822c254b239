import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthRepository, ResetTokenRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { PasswordHasher } from './password-hasher';
import { JwtStrategy, LocalStrategy } from './strategies';
import { TokenService } from './token.service';

@Module({
  imports: [PassportModule],
  providers: [
    AuthService,
    AuthRepository,
    ResetTokenRepository,
    PasswordHasher,
    TokenService,
    LocalStrategy,
    JwtStrategy,
    LoginThrottle,
    LoginThrottleRepository,
  ],
  exports: [AuthService, TokenService],
})
export class AuthModule {}
