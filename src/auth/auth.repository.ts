import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Role } from '../access/permissions';
import DataLoader from 'dataloader';

export interface LoginCandidate {
  id: string;
  email: string;
  role: Role;
  active: boolean;
  passwordHash: string | null;
}

export interface ActorRecord {
  id: string;
  role: Role;
  employerId: string | null;
  agencyIds: string[];
}

// The callers behind a batch of access tokens: one row per (user, session) pair whose user is
// active and whose session (refresh-token family) is not revoked; `i` is the pair's position.
const LOAD_ACTORS_SQL = `
  SELECT q.i::int AS i, u.id, u.role, u.employer_id,
         COALESCE((SELECT array_agg(ua.agency_id::text) FROM user_agencies ua WHERE ua.user_id = u.id), '{}') AS agency_ids
  FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS q(user_id, family_id, i)
  JOIN users u ON u.id = q.user_id AND u.active
  WHERE EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = q.family_id AND r.user_id = u.id AND r.revoked_at IS NULL)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LOGIN_CANDIDATE_SQL = `
  SELECT id, email, role, active, password_hash FROM users WHERE email = $1`;

// A successful login in one statement, hence one transaction and one round trip: the last login
// time, the session's first refresh token, the `auth.login` audit row (the columns AuditRepository
// writes), and the sign-in throttle's pair key ($9) cleared and marked as a known address until $10
// (see login-throttle.rules.ts). Nothing is written when the user is gone or deactivated since its
// password was checked.
const START_SESSION_SQL = `
  WITH u AS (
    UPDATE users SET last_login_at = $5, updated_at = now()
    WHERE id = $1::uuid AND active
    RETURNING id, role
  ), t AS (
    INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
    SELECT $6::uuid, u.id, $2::uuid, $3, $4 FROM u
  ), a AS (
    INSERT INTO audit_events (kind, actor_id, actor_role, action, entity_type, entity_id, request_id, ip)
    SELECT 'SECURITY', u.id, u.role::text, 'auth.login', 'user', u.id::text, $7, $8 FROM u
  ), th AS (
    INSERT INTO login_throttle AS th (key, failures, last_success_at, expires_at)
    SELECT $9, 0, $5, $10 FROM u
    ON CONFLICT (key) DO UPDATE SET failures = 0, blocked_until = NULL, last_success_at = $5, expires_at = GREATEST(th.expires_at, $10)
  )
  SELECT role FROM u`;

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  // The login path uses named prepared statements on the pool: at argon2's cost a login leaves
  // little CPU for anything else, and Prisma's query pipeline cost several milliseconds a login.
  async findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    const { rows } = await this.prisma.pool.query<{
      id: string;
      email: string;
      role: Role;
      active: boolean;
      password_hash: string | null;
    }>({ name: 'auth_login_candidate', text: LOGIN_CANDIDATE_SQL, values: [email] });
    const r = rows[0];
    return r ? { id: r.id, email: r.email, role: r.role, active: r.active, passwordHash: r.password_hash } : null;
  }

  /**
   * Replaces a hash made with old parameters by one of the current ones, unless the password was
   * changed meanwhile (the old hash must still be the stored one). Not audited: the password is
   * the same, only its storage is.
   */
  async upgradePasswordHash(userId: string, oldHash: string, newHash: string): Promise<void> {
    await this.prisma.pool.query({
      name: 'auth_upgrade_password_hash',
      text: 'UPDATE users SET password_hash = $3 WHERE id = $1::uuid AND password_hash = $2',
      values: [userId, oldHash, newHash],
    });
  }

  /**
   * Starts a session for a user whose password was just checked (see START_SESSION_SQL). Null when
   * the user was deactivated or deleted meanwhile: then nothing is written. `throttleKey` is the
   * hashed pair key of the sign-in throttle, known as an address of this account until `knownUntil`.
   */
  async startSession(s: {
    userId: string;
    familyId: string;
    tokenId: string;
    tokenHash: string;
    expiresAt: Date;
    now: Date;
    requestId: string | null;
    ip: string | null;
    throttleKey: string;
    knownUntil: Date;
  }): Promise<{ role: Role } | null> {
    const { rows } = await this.prisma.pool.query<{ role: Role }>({
      name: 'auth_start_session',
      text: START_SESSION_SQL,
      values: [s.userId, s.familyId, s.tokenHash, s.expiresAt, s.now, s.tokenId, s.requestId, s.ip, s.throttleKey, s.knownUntil],
    });
    return rows[0] ?? null;
  }

  async createRefreshToken(data: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }, tx: Tx = this.prisma) {
    await tx.refreshToken.create({ data });
  }

  findRefreshToken(tokenHash: string) {
    return this.prisma.refreshToken.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, familyId: true, expiresAt: true, rotatedAt: true, revokedAt: true, user: { select: { role: true, active: true } } },
    });
  }

  /** Marks a token used; false when it was already rotated or revoked (a reuse). */
  async markRotated(id: string, tx: Tx): Promise<boolean> {
    const { count } = await tx.refreshToken.updateMany({ where: { id, rotatedAt: null, revokedAt: null }, data: { rotatedAt: new Date() } });
    return count === 1;
  }

  async revokeFamily(familyId: string, tx: Tx = this.prisma): Promise<number> {
    const { count } = await tx.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
    return count;
  }

  async revokeAllForUser(userId: string, tx: Tx = this.prisma): Promise<void> {
    await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /**
   * The caller behind an access token, read fresh at every request. Null when the user is inactive
   * or the session revoked. Concurrent reads are coalesced into one named prepared statement on the
   * pool (dataloader without its cache: each is answered by a statement issued after it asked, so
   * nothing is served from a read older than the request).
   */
  loadActor(userId: string, sessionId: string): Promise<ActorRecord | null> {
    if (!UUID.test(userId) || !UUID.test(sessionId)) return Promise.resolve(null);
    return this.actors.load({ userId, sessionId });
  }

  private readonly actors = new DataLoader<{ userId: string; sessionId: string }, ActorRecord | null>((pairs) => this.readActors(pairs), {
    cache: false,
    maxBatchSize: 256,
    batchScheduleFn: (run) => setImmediate(run),
  });

  private async readActors(pairs: readonly { userId: string; sessionId: string }[]): Promise<(ActorRecord | null)[]> {
    const index = new Map<string, number>(); // identical pairs (one client's parallel requests) are read once
    const users: string[] = [];
    const sessions: string[] = [];
    const slots = pairs.map((p) => {
      const key = `${p.userId} ${p.sessionId}`;
      let slot = index.get(key);
      if (slot === undefined) {
        slot = users.push(p.userId) - 1;
        sessions.push(p.sessionId);
        index.set(key, slot);
      }
      return slot;
    });
    const { rows } = await this.prisma.pool.query<{ i: number; id: string; role: Role; employer_id: string | null; agency_ids: string[] }>({
      name: 'auth_load_actors',
      text: LOAD_ACTORS_SQL,
      values: [users, sessions],
    });
    const found: (ActorRecord | null)[] = users.map(() => null);
    for (const r of rows) found[r.i - 1] = { id: r.id, role: r.role, employerId: r.employer_id, agencyIds: r.agency_ids };
    return slots.map((slot) => found[slot]);
  }
}

@Injectable()
export class ResetTokenRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(tx: Tx, data: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await tx.passwordResetToken.updateMany({ where: { userId: data.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({ data });
  }

  /** The user a token would set the password of: null when it is unknown, used or expired. Uses nothing up. */
  async findUsable(tokenHash: string, now: Date): Promise<{ userId: string; email: string; fullName: string } | null> {
    const token = await this.prisma.passwordResetToken.findFirst({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      select: { userId: true, user: { select: { email: true, fullName: true } } },
    });
    return token ? { userId: token.userId, email: token.user.email, fullName: token.user.fullName } : null;
  }

  /** Uses the token once; returns its user id, or null when unknown, used or expired. */
  async consume(tx: Tx, tokenHash: string, now: Date): Promise<string | null> {
    const token = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true } });
    if (!token) return null;
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: token.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    return count === 1 ? token.userId : null;
  }

  async setPassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash },
    });
  }
}
