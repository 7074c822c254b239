import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { Strategy as PassportStrategyBase } from 'passport-strategy';
import type { Actor } from '../access/actor';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { ActorRecord } from './auth.repository';
import { AuthService } from './auth.service';
import { TokenService, VerifiedAccessClaims } from './token.service';
import { VerifiedTokens } from './verified-tokens';

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

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case), or null. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

type VerifyAccess = (request: FastifyRequest, claims: VerifiedAccessClaims, done: (err: unknown, user?: Actor | false) => void) => void;

/**
 * The Passport strategy for bearer access tokens: the token's signature and claims checked by
 * TokenService.verifyAccess() (remembered per token text until it expires: VerifiedTokens), then
 * the application's verify callback (JwtStrategy.validate: is the user active and the session
 * open). What passport-jwt did, without checking the same token's signature again on every request.
 */
class BearerJwtStrategy extends PassportStrategyBase {
  readonly name = 'jwt';

  constructor(
    private readonly tokens: VerifiedTokens<VerifiedAccessClaims>,
    private readonly verify: VerifyAccess,
  ) {
    super();
  }

  override authenticate(request: Parameters<PassportStrategyBase['authenticate']>[0]): void {
    const token = bearerToken(request.headers.authorization);
    if (!token) return this.fail('No auth token', 401);
    let claims: VerifiedAccessClaims;
    try {
      claims = this.tokens.claims(token);
    } catch {
      return this.fail('Invalid token', 401);
    }
    try {
      this.verify(request as unknown as FastifyRequest, claims, (err, user) => (err ? this.error(err as Error) : user ? this.success(user) : this.fail('Unknown session', 401)));
    } catch (e) {
      this.error(e as Error);
    }
  }
}

/** The caller: who the user is now, in which session, for which request. */
const actorOf = (record: ActorRecord, sessionId: string, request: FastifyRequest): Actor => ({ ...record, sessionId, requestId: request.id, ip: request.ip });

/** Bearer access tokens: HS256 only (so `alg: none` and others are refused), the user and session checked live (AuthService.loadActor). */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerJwtStrategy, 'jwt') {
  private readonly verified: VerifiedTokens<VerifiedAccessClaims>;

  constructor(
    private readonly auth: AuthService,
    tokens: TokenService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const verified = new VerifiedTokens((token) => tokens.verifyAccess(token), config.auth.tokenCacheMax);
    super(verified);
    this.verified = verified;
  }

  /**
   * What authenticate() would conclude for a request whose token this process verified before
   * (not expired) and whose user and session its actor cache holds: the caller, found without I/O,
   * or undefined, when the request must go through Passport. Like a Passport session: the strategy
   * verified the token once, and the session behind it is checked at every request (the actor
   * cache drops it the moment it is revoked, here or on another replica).
   */
  cached(request: FastifyRequest): Actor | undefined {
    const token = bearerToken(request.headers.authorization);
    const claims = token === null ? undefined : this.verified.peek(token);
    if (!claims || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return undefined;
    const record = this.auth.cachedActor(claims.sub, claims.sid);
    return record && actorOf(record, claims.sid, request);
  }

  async validate(request: FastifyRequest, payload: VerifiedAccessClaims): Promise<Actor | false> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    const record = await this.auth.loadActor(payload.sub, payload.sid).catch((e: unknown) => {
      if (e instanceof Error && /invalid input syntax for type uuid/.test(e.message)) return null;
      throw e;
    });
    return record ? actorOf(record, payload.sid, request) : false;
  }
}
