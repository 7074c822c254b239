import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor, RequestContext } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Clock } from '../infra/clock/clock';
import { Tx } from '../infra/database/prisma.service';
import { TransactionRunner } from '../infra/database/transaction-runner';
import { AuthErrors } from './auth.errors';
import { ActorRecord, AuthRepository, ResetTokenRepository } from './auth.repository';
import { LoginThrottle } from './login-throttle';
import { KNOWN_ADDRESS_MS, normaliseLoginEmail, retryAfterSeconds } from './login-throttle.rules';
import { PasswordOwner, passwordProblems } from './password.rules';
import { needsRehash, PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** A user whose password was just checked; `throttleKey`: the sign-in throttle's key of this e-mail from this address. */
export interface VerifiedLogin {
  id: string;
  role: ActorRecord['role'];
  throttleKey: string;
}

const RESET_TOKEN_HOURS = 24;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly repo: AuthRepository,
    private readonly resetTokens: ResetTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks the password (the local strategy). Failed attempts slow down further ones (429 with
   * Retry-After; see LoginThrottle): counted by the e-mail as typed and the client address, the same
   * whether an account has the e-mail or not, so the answers tell nobody which e-mails have one.
   * Every refusal (401 or 429) answers no sooner than AUTH_FAILED_LOGIN_FLOOR_MS after the check
   * began: the paths differ in cost (the dummy hash for an unknown email, a stored hash still at
   * older argon2 parameters, the counting and audit writes), and their timing must not tell which
   * one was taken.
   */
  async verifyCredentials(email: string, password: string, ctx: RequestContext): Promise<VerifiedLogin> {
    const started = performance.now();
    try {
      return await this.checkCredentials(email, password, ctx);
    } catch (e) {
      const wait = this.config.auth.failedLoginFloorMs - (performance.now() - started);
      if (wait > 0) await sleep(wait);
      throw e;
    }
  }

  private async checkCredentials(email: string, password: string, ctx: RequestContext): Promise<VerifiedLogin> {
    const normalized = normaliseLoginEmail(email);
    const keys = this.throttle.keys(normalized, ctx.ip);
    const now = this.clock.now();
    // Attempts in flight together all pass this check before any of them counts its failure: at most
    // the login rate per address (AUTH_LOGIN_RATE_PER_MINUTE) of them, and every failure still counts.
    const [wait, user] = await Promise.all([this.throttle.waitMs(keys, now), this.repo.findLoginCandidate(normalized)]);
    if (wait > 0) throw AuthErrors.loginThrottled(retryAfterSeconds(wait)); // the password is not even checked
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || !user.active) {
      const { scopes, delayMs } = await this.throttle.failed(keys, now);
      await this.audit.security(ctx, 'auth.login.failed', 'user', user?.id ?? null);
      if (scopes.length) {
        await this.audit.security(ctx, 'auth.login.throttled', 'user', user?.id ?? null, { scopes, retryAfterSeconds: retryAfterSeconds(delayMs) });
      }
      throw AuthErrors.invalidCredentials();
    }
    if (needsRehash(user.passwordHash!)) {
      // best effort: the password was right, and a failed upgrade is tried again at the next login
      await this.hasher
        .hash(password)
        .then((upgraded) => this.repo.upgradePasswordHash(user.id, user.passwordHash!, upgraded))
        .catch((e: unknown) => this.logger.warn(`password hash upgrade failed for user ${user.id}: ${(e as Error).message}`));
    }
    return { id: user.id, role: user.role, throttleKey: keys.pair }; // the success is recorded by login(), with the session
  }

  /**
   * Starts a session (a refresh-token family) for a user whose password was just checked: stores
   * the first refresh token, writes the `auth.login` audit row and clears the failures of this
   * e-mail from this address (which becomes a known address of the account), in one statement.
   */
  async login(user: VerifiedLogin, ctx: RequestContext): Promise<TokenPair> {
    const familyId = randomUUID();
    const refresh = this.tokens.newOpaqueToken();
    const now = this.clock.now();
    const started = await this.repo.startSession({
      userId: user.id,
      familyId,
      tokenId: randomUUID(),
      tokenHash: refresh.hash,
      expiresAt: this.tokens.refreshExpiry(now),
      now,
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
      throttleKey: user.throttleKey,
      knownUntil: new Date(now.getTime() + KNOWN_ADDRESS_MS),
    });
    if (!started) {
      // deactivated since the password check
      await this.audit.security(ctx, 'auth.login.failed', 'user', user.id);
      throw AuthErrors.invalidCredentials();
    }
    return this.pair({ id: user.id, role: started.role }, familyId, refresh.token);
  }

  /** Rotates a refresh token; a token presented twice revokes its whole family. */
  async refresh(refreshToken: string, ctx: RequestContext): Promise<TokenPair> {
    const found = await this.repo.findRefreshToken(TokenService.hashOf(refreshToken));
    const now = this.clock.now();
    if (!found || found.revokedAt || found.expiresAt <= now || !found.user.active) throw AuthErrors.invalidRefreshToken();
    if (found.rotatedAt) {
      await this.repo.revokeFamily(found.familyId);
      await this.audit.security(ctx, 'auth.refresh.reuse', 'user', found.userId, { familyId: found.familyId });
      throw AuthErrors.refreshTokenReused();
    }
    return this.transactions.run(async (tx) => {
      if (!(await this.repo.markRotated(found.id, tx))) throw AuthErrors.refreshTokenReused();
      await this.audit.security(ctx, 'auth.refresh', 'user', found.userId, undefined, tx);
      return this.issue(tx, { id: found.userId, role: found.user.role as ActorRecord['role'] }, found.familyId);
    });
  }

  async logout(actor: Actor): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.repo.revokeFamily(actor.sessionId, tx);
      await this.audit.security(actor, 'auth.logout', 'user', actor.id, undefined, tx);
    });
  }

  /**
   * The caller behind an access token, read fresh at every request (JwtStrategy.validate): null when
   * the user is inactive or the session revoked, so that a logout or a deactivation, committed on
   * any replica, refuses the next request.
   */
  loadActor(userId: string, sessionId: string): Promise<ActorRecord | null> {
    return this.repo.loadActor(userId, sessionId);
  }

  /** A one-time token with which the user sets a password; only its hash is kept. Ends the user's sessions. */
  async issueResetToken(tx: Tx, userId: string): Promise<{ token: string; expiresAt: string }> {
    const { token, hash } = this.tokens.newOpaqueToken();
    const expiresAt = new Date(this.clock.now().getTime() + RESET_TOKEN_HOURS * 3600_000);
    await this.resetTokens.create(tx, { userId, tokenHash: hash, expiresAt });
    await this.repo.revokeAllForUser(userId, tx);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** Ends every session of a user at once (deactivation, role change). */
  revokeSessions(tx: Tx, userId: string): Promise<void> {
    return this.repo.revokeAllForUser(userId, tx);
  }

  /**
   * Sets the password with a one-time token. The password is judged before the token is used, so a
   * refused password does not use it up, and outside the transaction: the estimator takes a while.
   */
  async completeReset(token: string, newPassword: string, ctx: RequestContext): Promise<void> {
    const tokenHash = TokenService.hashOf(token);
    const owner = await this.resetTokens.findUsable(tokenHash, this.clock.now());
    if (!owner) throw AuthErrors.invalidResetToken();
    this.assertStrongPassword(newPassword, owner, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (tx) => {
      const userId = await this.resetTokens.consume(tx, tokenHash, this.clock.now());
      if (userId !== owner.userId) throw AuthErrors.invalidResetToken();
      await this.resetTokens.setPassword(tx, userId, passwordHash);
      await this.repo.revokeAllForUser(userId, tx);
      await this.audit.security(ctx, 'auth.password.reset', 'user', userId, undefined, tx);
    });
  }

  /** The one password rule (password.rules.ts); `field` names the password as the client sent it. */
  assertStrongPassword(password: string, owner: PasswordOwner, field: string): void {
    const problems = passwordProblems(password, owner);
    if (problems.length) throw AuthErrors.weakPassword(problems, field);
  }

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  private async issue(tx: Tx, user: { id: string; role: ActorRecord['role'] }, familyId: string): Promise<TokenPair> {
    const refresh = this.tokens.newOpaqueToken();
    await this.repo.createRefreshToken({ userId: user.id, familyId, tokenHash: refresh.hash, expiresAt: this.tokens.refreshExpiry(this.clock.now()) }, tx);
    return this.pair(user, familyId, refresh.token);
  }

  private pair(user: { id: string; role: ActorRecord['role'] }, familyId: string, refreshToken: string): TokenPair {
    const access = this.tokens.signAccess({ sub: user.id, role: user.role, sid: familyId });
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, tokenType: 'Bearer' };
  }
}
