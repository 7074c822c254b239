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

/** The claims of an access token that passport-jwt has verified (signature, algorithm, issuer, expiry if present). */
export interface AccessTokenPayload {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
}

/**
 * Bearer access tokens (`Authorization: Bearer <token>`, the scheme in any case), checked by the
 * stock passport-jwt strategy: HS256 only (so `alg: none` and every other algorithm are refused),
 * our key, our issuer, not expired. Then, at every request, `validate()`: a token must carry an
 * expiry, and its user must still be active and its session (refresh-token family) not revoked —
 * read from PostgreSQL, so that a deactivation or a logout bites at the next request on every
 * replica.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    private readonly auth: AuthService,
    tokens: TokenService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // a KeyObject (TokenService.key): @types/passport-jwt says string | Buffer, but the key is
      // handed as it is to jsonwebtoken, which takes a KeyObject
      secretOrKey: tokens.key as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, payload: AccessTokenPayload): Promise<Actor | false> {
    // jsonwebtoken checks an expiry only when there is one: a token without it never expires
    if (typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    const record = await this.auth.loadActor(payload.sub, payload.sid);
    return record ? { ...record, sessionId: payload.sid, requestId: request.id, ip: request.ip } : false;
  }
}
