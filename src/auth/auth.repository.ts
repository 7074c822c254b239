import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../infra/database/prisma.service';
import { Role } from '../access/permissions';

export interface LoginCandidate {
  id: string;
  email: string;
  role: Role;
  active: boolean;
  passwordHash: string | null;
  lockedUntil: Date | null;
}

export interface ActorRecord {
  id: string;
  role: Role;
  employerId: string | null;
  agencyIds: string[];
}

const LOAD_ACTOR_SQL = `
  SELECT u.id, u.role, u.employer_id,
         COALESCE(array_agg(ua.agency_id::text) FILTER (WHERE ua.agency_id IS NOT NULL), '{}') AS agency_ids
  FROM users u
  LEFT JOIN user_agencies ua ON ua.user_id = u.id
  WHERE u.id = $1::uuid AND u.active
    AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2::uuid AND r.user_id = u.id AND r.revoked_at IS NULL)
  GROUP BY u.id`;

@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  findLoginCandidate(email: string): Promise<LoginCandidate | null> {
    return this.prisma.user.findUnique({
      where: { email },
      select: { id: true, email: true, role: true, active: true, passwordHash: true, lockedUntil: true },
    }) as Promise<LoginCandidate | null>;
  }

  /** Counts a failure atomically and locks the account when the count reaches `maxAttempts`. */
  async recordFailure(userId: string, maxAttempts: number, lockMinutes: number): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
    const [row] = await this.prisma.$queryRaw<{ failed_logins: number; locked_until: Date | null }[]>`
      UPDATE users SET failed_logins = failed_logins + 1,
        locked_until = CASE WHEN failed_logins + 1 >= ${maxAttempts}
                            THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END
      WHERE id = ${userId}::uuid
      RETURNING failed_logins, locked_until`;
    return { failedLogins: row.failed_logins, lockedUntil: row.locked_until };
  }

  async recordSuccess(userId: string, now: Date): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
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
   * The caller behind an access token, read fresh on every request so that deactivation, role
   * changes and logout take effect at once. Null when the user is inactive or the session revoked.
   */
  async loadActor(userId: string, sessionId: string): Promise<ActorRecord | null> {
    // the hottest query of the system (every authenticated request): a named prepared statement
    // on the pool, about twice the throughput of the same query through Prisma (TOOLCHAIN.md)
    const { rows } = await this.prisma.pool.query<{ id: string; role: Role; employer_id: string | null; agency_ids: string[] }>({
      name: 'auth_load_actor',
      text: LOAD_ACTOR_SQL,
      values: [userId, sessionId],
    });
    const row = rows[0];
    return row ? { id: row.id, role: row.role, employerId: row.employer_id, agencyIds: row.agency_ids } : null;
  }

}

@Injectable()
export class ResetTokenRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(tx: Tx, data: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await tx.passwordResetToken.updateMany({ where: { userId: data.userId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({ data });
  }

  /** Uses the token once; returns its user, or null when unknown, used or expired. */
  async consume(tx: Tx, tokenHash: string, now: Date): Promise<{ userId: string; email: string } | null> {
    const token = await tx.passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, user: { select: { email: true } } } });
    if (!token) return null;
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: token.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    return count === 1 ? { userId: token.userId, email: token.user.email } : null;
  }

  async setPassword(tx: Tx, userId: string, passwordHash: string): Promise<void> {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, failedLogins: 0, lockedUntil: null },
    });
  }
}
