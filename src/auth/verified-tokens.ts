/**
 * Access tokens this process has verified, by their exact text, until they expire. A client sends
 * the same token with every request for its 15 minutes, and checking the signature and claims
 * again (jsonwebtoken: decode, HMAC, claim checks) cost ~28 µs a request here, most of the
 * bearer-token check. Only a byte-identical token (header, claims and signature) is found, so a
 * forged or altered token is always verified in full; expiry is checked again at every hit.
 * Whether the user and session are still valid is not decided here: the strategy asks the actor
 * cache for that on every request. Bounded: the oldest entry goes when it is full; max 0 keeps
 * nothing.
 */
export class VerifiedTokens<C extends { exp: number }> {
  private readonly entries = new Map<string, C>();

  constructor(
    /** Verifies a token in full: its claims, or throws. */
    private readonly verify: (token: string) => C,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token's claims (verified now or before, not expired), or throws as `verify` does. */
  claims(token: string): C {
    const hit = this.entries.get(token);
    if (hit !== undefined) {
      if (hit.exp * 1000 > this.now()) return hit;
      this.entries.delete(token);
    }
    const claims = this.verify(token);
    if (this.max > 0 && typeof claims.exp === 'number') {
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(token, claims);
    }
    return claims;
  }

  /** The claims of a token verified before and not expired, else undefined; never verifies. */
  peek(token: string): C | undefined {
    const hit = this.entries.get(token);
    return hit !== undefined && hit.exp * 1000 > this.now() ? hit : undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}
