import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id at m = 12 MiB, t = 3, p = 1: one of the five settings the OWASP Password Storage Cheat
 * Sheet lists as equally strong (46 MiB/t=1, 19 MiB/t=2, 12 MiB/t=3, 9 MiB/t=4, 7 MiB/t=5). Of
 * the five it costs the least CPU here: measured on the 2-core VM, 9.5 ms per verify against
 * 18 ms for 19 MiB/t=2 (200 against 105 verifies/s), so logins are not capped by the hash at
 * ~100/s. Hashes made with other parameters still verify and are upgraded at the next login.
 */
export const ARGON2_PARAMS = { memoryCost: 12288, timeCost: 3, parallelism: 1 } as const;
const OPTIONS = { algorithm: 2 /* Argon2id: the package exports it as a const enum */, ...ARGON2_PARAMS } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`;

/** Whether a stored PHC hash was made with other parameters (or another algorithm) than ARGON2_PARAMS. */
export function needsRehash(passwordHash: string): boolean {
  return !passwordHash.startsWith(CURRENT_PREFIX);
}

@Injectable()
export class PasswordHasher {
  /** Verified against when the email is unknown, so that case costs the same time as a wrong password. */
  private readonly dummy = hash('not-a-real-password-0000', OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
