/**
 * The in-memory part of the actor cache (see ActorCache): entries keyed by the token's user and
 * session ids, each with an expiry, at most `max` of them (the oldest is evicted first: insertion
 * order, which with a fixed TTL is also the order of expiry), and an index user id → keys so that
 * one user's entries go at once. No I/O; time comes from `now` (milliseconds, monotonic).
 *
 * The epoch rule: `epoch` grows on every invalidation, enable and disable. A caller reads `epoch`
 * before it starts a database read and passes it to `set`; the result is stored only if nothing
 * was invalidated meanwhile, so a read that began before a revocation never re-fills its entry.
 */
export class ActorCacheStore<V extends { id: string }> {
  private readonly entries = new Map<string, { value: V; userId: string; expiresAt: number }>();
  /** User id (the record's, lower-cased as PostgreSQL prints uuids) → keys of that user's entries. */
  private readonly byUser = new Map<string, Set<string>>();
  private currentEpoch = 0;
  private on = false;

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  get epoch(): number {
    return this.currentEpoch;
  }

  get enabled(): boolean {
    return this.on;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The live entry for a token's (user, session), or undefined (disabled, missing or expired). */
  get(userId: string, sessionId: string): V | undefined {
    if (!this.on) return undefined;
    const key = keyOf(userId, sessionId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry.userId);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` if enabled and the epoch is still the one read before the load; says whether it did. */
  set(userId: string, sessionId: string, value: V, epochBeforeLoad: number): boolean {
    if (!this.on || epochBeforeLoad !== this.currentEpoch || this.ttlMs <= 0 || this.max <= 0) return false;
    const key = keyOf(userId, sessionId);
    const old = this.entries.get(key);
    if (old) this.remove(key, old.userId); // re-inserted at the end: it is the newest now
    while (this.entries.size >= this.max) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.remove(oldestKey, oldest.userId);
    }
    const owner = value.id.toLowerCase();
    this.entries.set(key, { value, userId: owner, expiresAt: this.now() + this.ttlMs });
    let keys = this.byUser.get(owner);
    if (!keys) this.byUser.set(owner, (keys = new Set()));
    keys.add(key);
    return true;
  }

  /** Drops every entry of one user and fences off loads in flight. */
  invalidateUser(userId: string): void {
    this.currentEpoch++;
    const owner = userId.toLowerCase();
    const keys = this.byUser.get(owner);
    if (!keys) return;
    this.byUser.delete(owner);
    for (const key of keys) this.entries.delete(key);
  }

  /** Drops everything and fences off loads in flight (e.g. a TRUNCATE was announced). */
  invalidateAll(): void {
    this.currentEpoch++;
    this.entries.clear();
    this.byUser.clear();
  }

  /** Starts caching afresh: only loads that begin from now on may store. */
  enable(): void {
    this.invalidateAll();
    this.on = true;
  }

  /** Stops caching: every get misses and nothing is stored until enable(). */
  disable(): void {
    this.invalidateAll();
    this.on = false;
  }

  private remove(key: string, userId: string): void {
    this.entries.delete(key);
    const keys = this.byUser.get(userId);
    if (!keys) return;
    keys.delete(key);
    if (!keys.size) this.byUser.delete(userId);
  }
}

function keyOf(userId: string, sessionId: string): string {
  return `${userId} ${sessionId}`;
}
