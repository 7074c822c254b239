import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The access code of a public complaint: what the complainant keeps to read their complaint's
 * status and to write to the Centre. 20 characters of Crockford's base32 (no I, L, O, U: nothing
 * to misread on a cracked phone screen) carry 100 bits of entropy, written in four groups of five.
 *
 * Only `accessCodeHash` is stored: SHA-256 over the reference and the normalised code. A keyed hash
 * (HMAC) would add nothing worth its cost here: at 100 bits nobody can search the codes offline even
 * with the hash in hand (a slow password hash exists for low-entropy secrets people choose), and an
 * unkeyed hash keeps every code valid across a rotation of ENCRYPTION_KEY. The reference is hashed in
 * so that a hash is worth nothing on another complaint's row.
 */

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACCESS_CODE_LENGTH = 20;
export const ACCESS_CODE_BITS = ACCESS_CODE_LENGTH * Math.log2(CROCKFORD.length);

/** A fresh code, e.g. `7KQ3M-X9TWB-2RHDA-0PZEC`: each character from one random byte's low 5 bits (32 divides 256: unbiased). */
export function newAccessCode(bytes: Buffer = randomBytes(ACCESS_CODE_LENGTH)): string {
  const chars = [...bytes.subarray(0, ACCESS_CODE_LENGTH)].map((b) => CROCKFORD[b & 31]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * The code as typed, read the way Crockford's base32 is read: case, spaces and dashes do not count,
 * O is 0, I and L are 1. Null when what is left is not a code.
 */
export function normaliseAccessCode(typed: string | undefined | null): string | null {
  if (typeof typed !== 'string' || typed.length > 100) return null;
  const s = typed
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return s.length === ACCESS_CODE_LENGTH && [...s].every((c) => CROCKFORD.includes(c)) ? s : null;
}

/** The reference as typed: trimmed, upper case (C-2026-7KQ3MX). */
export function normaliseReference(typed: string | undefined | null): string {
  return typeof typed === 'string' ? typed.trim().toUpperCase().slice(0, 40) : '';
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What is stored for a code (hex SHA-256 of the reference and the normalised code). */
export function accessCodeHash(reference: string, code: string): string {
  return sha256(`complaint-access-code\u0000${normaliseReference(reference)}\u0000${normaliseAccessCode(code) ?? code}`);
}

/** Compared against when no complaint has the reference, so that an unknown reference costs what a wrong code costs. */
export const NO_COMPLAINT_HASH = sha256('complaint-access-code\u0000no complaint has this reference');

/** Whether two stored-form hashes are equal, in time that does not depend on where they differ. */
export function sameHash(stored: string, given: string): boolean {
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
