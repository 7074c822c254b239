import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { FieldCrypto } from '../infra/crypto/field-crypto';
import { LoginThrottleRepository } from './login-throttle.repository';
import {
  delayAfter,
  forgetAfterMs,
  THROTTLE_SCOPES,
  throttleKeys,
  ThrottlePolicy,
  ThrottleScope,
  ThrottleState,
  waitBeforeAttempt,
} from './login-throttle.rules';

/** Per-IP limit on the public auth routes; the value is set from config at boot (AUTH_LOGIN_RATE_PER_MINUTE). */
let perMinute = 20;

export function setLoginRate(limit: number): void {
  perMinute = limit;
}

export function loginThrottle() {
  return { default: { limit: () => perMinute, ttl: 60_000 } };
}

export type HashedKeys = Record<ThrottleScope, string>;

/**
 * The delays after failed sign-ins (rules and reasons in login-throttle.rules.ts), counted in
 * PostgreSQL so that they hold across replicas. Keys are stored as an HMAC (the blind-index key),
 * so the table tells nobody which e-mails were tried from which addresses.
 */
@Injectable()
export class LoginThrottle {
  private readonly policy: ThrottlePolicy;

  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly crypto: FieldCrypto,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = config.auth.loginThrottle;
  }

  keys(email: string, ip: string | null | undefined): HashedKeys {
    const plain = throttleKeys(email, ip);
    const hash = (scope: ThrottleScope) => this.crypto.blindIndex(`login-throttle\u0000${plain[scope]}`, false);
    return { pair: hash('pair'), email: hash('email'), address: hash('address') };
  }

  /** How long this attempt must wait before its password may be checked (ms; 0: go ahead). */
  async waitMs(keys: HashedKeys, now: Date): Promise<number> {
    const rows = await this.repo.read(THROTTLE_SCOPES.map((s) => keys[s]));
    const state: Partial<Record<ThrottleScope, ThrottleState>> = {};
    for (const s of THROTTLE_SCOPES) state[s] = rows.get(keys[s]);
    return waitBeforeAttempt(state, now);
  }

  /** Counts a failed attempt; answers the scopes whose wait it started or lengthened, and the longest wait. */
  async failed(keys: HashedKeys, now: Date): Promise<{ scopes: ThrottleScope[]; delayMs: number }> {
    const forget = forgetAfterMs(this.policy);
    const counts = await this.repo.recordFailure(
      THROTTLE_SCOPES.map((s) => keys[s]),
      now,
      new Date(now.getTime() - forget),
      new Date(now.getTime() + forget),
    );
    const delays = THROTTLE_SCOPES.map((scope) => ({ scope, delay: delayAfter(counts.get(keys[scope]) ?? 0, scope, this.policy) })).filter((d) => d.delay > 0);
    await this.repo.block(delays.map((d) => ({ key: keys[d.scope], until: new Date(now.getTime() + d.delay) })));
    return { scopes: delays.map((d) => d.scope), delayMs: Math.max(0, ...delays.map((d) => d.delay)) };
  }
}
