import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { ActorRecord } from './auth.repository';
import { ActorCacheStore } from './actor-cache.store';

/** Triggers on users, user_agencies and refresh_tokens notify this channel with the user id ('*': everyone). */
export const ACTOR_CHANGED_CHANNEL = 'actor_changed';
export const ACTOR_CACHE_APPLICATION_NAME = 'omsk-centre-actor-cache';

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 10_000;
/** How often the listening connection is checked: a connection that died silently turns the cache off within this (plus the query timeout). */
const HEARTBEAT_MS = 2_000;
const CLOSE_WAIT_MS = 1_000;
const noop = () => undefined;

/**
 * A per-process cache of the callers behind access tokens (user, role, employer, agencies, for a
 * live session), so that the JWT guard does not read PostgreSQL on every request.
 *
 * Only valid actors are kept, for AUTH_ACTOR_CACHE_TTL_MS at most. Every change that could end or
 * alter one reaches every replica within milliseconds: triggers NOTIFY `actor_changed` with the
 * user id (migration 20261202031500_actor_cache_notify), and one dedicated connection per process
 * LISTENs and drops that user's entries. This process's own changes are also dropped synchronously
 * by their services once committed (AuthService.actorChanged), before the response goes out.
 * While that connection is not listening (starting, lost, reconnecting) nothing is served from the
 * cache: every token check reads the database, as it would without a cache. See ActorCacheStore
 * for the epoch rule that keeps a read begun before a revocation from re-filling its entry.
 */
@Injectable()
export class ActorCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActorCache.name);
  private readonly store: ActorCacheStore<ActorRecord>;
  private client: Client | null = null;
  private pid: number | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.store = new ActorCacheStore(config.auth.actorCacheTtlMs, config.auth.actorCacheMax, () => performance.now());
  }

  /** Starts listening (AUTH_ACTOR_CACHE_TTL_MS=0: never); a first failure leaves the cache off and retries. */
  async onModuleInit(): Promise<void> {
    if (this.config.auth.actorCacheTtlMs > 0) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    this.pid = null;
    this.store.disable();
    if (client) await Promise.race([client.end().catch(noop), sleep(CLOSE_WAIT_MS, undefined, { ref: false })]);
  }

  /** The actor from the cache, or from `fetch` (kept when valid and nothing was invalidated meanwhile). */
  load(userId: string, sessionId: string, fetch: (userId: string, sessionId: string) => Promise<ActorRecord | null>): Promise<ActorRecord | null> {
    const hit = this.store.get(userId, sessionId);
    return hit ? Promise.resolve(hit) : this.loadFresh(userId, sessionId, fetch);
  }

  /** The actor if this process holds it now (listening, not expired, not invalidated), else undefined; no I/O. */
  peek(userId: string, sessionId: string): ActorRecord | undefined {
    return this.store.get(userId, sessionId);
  }

  /** Drops a user's entries; services call it once a change to the user or their sessions has committed. */
  invalidateUser(userId: string): void {
    this.store.invalidateUser(userId);
  }

  /** Whether the cache serves entries (its listener is connected). */
  get listening(): boolean {
    return this.store.enabled;
  }

  /** The PostgreSQL backend pid of the listening connection, for diagnostics and tests. */
  get listenerPid(): number | null {
    return this.pid;
  }

  get size(): number {
    return this.store.size;
  }

  private async loadFresh(userId: string, sessionId: string, fetch: (userId: string, sessionId: string) => Promise<ActorRecord | null>) {
    const epoch = this.store.epoch; // before the read: see the epoch rule in ActorCacheStore
    const record = await fetch(userId, sessionId);
    if (!record) return null;
    // frozen: the cached object is shared by every request of the session
    const frozen = Object.freeze({ ...record, agencyIds: Object.freeze([...record.agencyIds]) as string[] });
    this.store.set(userId, sessionId, frozen, epoch);
    return frozen;
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed) return;
    const { url, connectTimeoutMs } = this.config.database;
    const client = new Client({
      connectionString: url,
      application_name: ACTOR_CACHE_APPLICATION_NAME,
      connectionTimeoutMillis: connectTimeoutMs,
      query_timeout: connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: HEARTBEAT_MS,
    });
    this.client = client;
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (n) => {
      if (this.client === client && n.channel === ACTOR_CHANGED_CHANNEL) this.changed(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ACTOR_CHANGED_CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      if (this.client !== client) return; // lost or closed meanwhile
      this.pid = rows[0].pid;
      // only loads that start after LISTEN took effect may store: a change committed before it sent
      // its notification to nobody
      this.store.enable();
      this.heartbeat = setInterval(() => void client.query('SELECT 1').catch((e: unknown) => this.lost(client, e)), HEARTBEAT_MS).unref();
      if (this.failures > 0) this.logger.log('actor cache on again: listening for actor changes');
      this.failures = 0;
    } catch (e) {
      this.lost(client, e);
    }
  }

  private changed(payload: string | undefined): void {
    if (!payload || payload === '*') this.store.invalidateAll();
    else this.store.invalidateUser(payload);
  }

  /** The listener is gone (error, end, failed heartbeat or connect): cache off, reconnect later. */
  private lost(client: Client, e: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.pid = null;
    clearInterval(this.heartbeat);
    this.store.disable();
    void client.end().catch(noop);
    if (this.closed) return;
    const cap = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.failures++);
    const delay = Math.round(cap / 2 + (Math.random() * cap) / 2); // jitter: replicas do not retry in step
    this.logger.warn(`actor cache off (every token check reads the database): ${(e as Error)?.message ?? String(e)}; reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => void this.connect(), delay).unref();
  }
}
