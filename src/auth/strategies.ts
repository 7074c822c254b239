import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import type { Actor } from '../access/actor';
import { AuthService } from './auth.service';
import { JWT_ALGORITHM, JWT_ISSUER, TokenService } from './token.service';

/** POST /auth/login: email and password from the JSON body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, email: string, password: string) {
    return this.auth.verifyCredentials(email, password, { requestId: request.id, ip: request.ip });
  }
}

/** Bearer access tokens: HS256 only (so `alg: none` and others are refused), the user and session checked live (AuthService.loadActor). */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    tokens: TokenService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // a KeyObject, not a string: verification is ~50x cheaper (TOOLCHAIN.md)
      secretOrKeyProvider: (_req, _raw, done) => done(null, tokens.key as unknown as Buffer),
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, payload: { sub?: string; sid?: string }): Promise<Actor | false> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    const record = await this.auth.loadActor(payload.sub, payload.sid).catch((e: unknown) => {
      if (e instanceof Error && /invalid input syntax for type uuid/.test(e.message)) return null;
      throw e;
    });
    if (!record) return false;
    return { ...record, sessionId: payload.sid, requestId: request.id, ip: request.ip };
  }
}
