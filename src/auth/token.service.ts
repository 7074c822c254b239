import { createHash, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { Role } from '../access/permissions';

export interface AccessClaims {
  sub: string;
  role: Role;
  /** The refresh-token family (login session); logout and deactivation revoke it at once. */
  sid: string;
}

export const JWT_ALGORITHM = 'HS256';
export const JWT_ISSUER = 'omsk-centre';

/**
 * Access tokens (JWT, HS256 with a KeyObject, which jsonwebtoken uses as it is instead of making one
 * from a string secret at every check; verified by JwtStrategy) and refresh tokens.
 */
@Injectable()
export class TokenService {
  readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.secrets.jwtSecret, 'utf8'));
  }

  signAccess(claims: AccessClaims): { token: string; expiresIn: number } {
    const expiresIn = this.config.auth.accessTtlSeconds;
    const token = jwt.sign({ role: claims.role, sid: claims.sid }, this.key, {
      algorithm: JWT_ALGORITHM,
      subject: claims.sub,
      expiresIn,
      issuer: JWT_ISSUER,
    });
    return { token, expiresIn };
  }

  /** An opaque 256-bit refresh token and the hash that is stored. */
  newOpaqueToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashOf(token) };
  }

  static hashOf(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.auth.refreshTtlDays * 86_400_000);
  }
}
