import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';

/**
 * Field-level encryption for sensitive columns (ARCHITECTURE.md, rule 8): passport and document numbers,
 * health documents' contents, complaint narratives.
 *
 * - `encrypt` / `decrypt`: AES-256-GCM, random 12-byte IV, token `v1.<keyId>.<iv>.<tag>.<ciphertext>`
 *   (base64url parts). The version and key id are authenticated as additional data.
 * - `blindIndex`: HMAC-SHA256 of the normalised value, stored next to the ciphertext for exact lookups.
 *
 * Both keys are derived from the master key (`ENCRYPTION_KEY`, 32 bytes in base64) with HKDF-SHA256 and
 * distinct info strings, so the encryption key and the index key are never the same.
 *
 * Rotation: encrypt always uses the current key; decrypt picks the key named by the token's key id, so
 * values written under a previous master key still read while it is listed as previous. `needsReencryption`
 * finds the rows to rewrite. The blind index is keyed by the current master key only: after a rotation the
 * index column must be recomputed in the same rewrite; until then `blindIndexCandidates` gives the index
 * under every known key for `WHERE index IN (...)` lookups.
 */

const VERSION = 'v1';
const ENCRYPTION_INFO = 'omsk-centre field encryption v1';
const INDEX_INFO = 'omsk-centre blind index v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MASTER_KEY = /^[A-Za-z0-9+/]{43}=$/; // as ENCRYPTION_KEY in env.schema.ts
const KEY_ID = /^[0-9a-f]{8}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const TOKEN_SHAPE = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

/** Raised for values that cannot be decrypted; the message never contains key material or plaintext. */
export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

/**
 * What FieldCrypto reads from the configuration. AppConfig satisfies it; `previousEncryptionKeys` is
 * picked up as soon as the configuration carries it.
 */
export interface FieldCryptoConfig {
  secrets: Pick<AppConfig['secrets'], 'encryptionKey'> & { previousEncryptionKeys?: readonly string[] };
}

interface EncryptionKey {
  id: string;
  key: Buffer;
}

interface ParsedToken {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function masterKeyBytes(masterKey: string, label: string): Buffer {
  const bytes = typeof masterKey === 'string' && MASTER_KEY.test(masterKey) ? Buffer.from(masterKey, 'base64') : undefined;
  if (!bytes || bytes.length !== KEY_BYTES) {
    throw new FieldCryptoError(`FieldCrypto: ${label} must be ${KEY_BYTES} bytes in base64`);
  }
  return bytes;
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, KEY_BYTES));
}

function keyIdOf(encryptionKey: Buffer): string {
  return createHash('sha256').update(encryptionKey).digest('hex').slice(0, 8);
}

/** Decodes strict, canonical base64url: any other spelling of the same bytes is refused. */
function decodeCanonical(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

function parseToken(token: string): ParsedToken | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 5) return undefined;
  const [version, keyId, ivPart, tagPart, ciphertextPart] = parts;
  if (version !== VERSION || !KEY_ID.test(keyId)) return undefined;
  const iv = decodeCanonical(ivPart);
  const tag = decodeCanonical(tagPart);
  const ciphertext = decodeCanonical(ciphertextPart);
  if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ciphertext) return undefined;
  return { keyId, iv, tag, ciphertext };
}

function additionalData(keyId: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}`, 'utf8');
}

/** Upper-case, NFKC, whitespace and dashes removed: 'aa 123-45' and 'AA12345' index the same. */
export function normaliseForIndex(value: string): string {
  return value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}]/gu, '');
}

@Injectable()
export class FieldCrypto {
  // ECMAScript private fields: invisible to JSON.stringify, util.inspect and loggers.
  readonly #current: EncryptionKey;
  readonly #byId: ReadonlyMap<string, EncryptionKey>;
  readonly #indexKeys: readonly Buffer[];

  constructor(@Inject(APP_CONFIG) config: FieldCryptoConfig) {
    const masters = [
      masterKeyBytes(config.secrets.encryptionKey, 'the encryption key'),
      ...(config.secrets.previousEncryptionKeys ?? []).map((k, i) => masterKeyBytes(k, `previous encryption key #${i + 1}`)),
    ];
    const byId = new Map<string, EncryptionKey>();
    const indexKeys: Buffer[] = [];
    for (const master of masters) {
      const key = derive(master, ENCRYPTION_INFO);
      const id = keyIdOf(key);
      const known = byId.get(id);
      if (known) {
        if (!known.key.equals(key)) throw new FieldCryptoError(`FieldCrypto: two encryption keys share the key id ${id}`);
        continue; // the same master key listed twice
      }
      byId.set(id, { id, key });
      indexKeys.push(derive(master, INDEX_INFO));
    }
    this.#current = byId.values().next().value as EncryptionKey;
    this.#byId = byId;
    this.#indexKeys = indexKeys;
  }

  /** For tests and the DI factory: the current master key and any previous ones (all base64, 32 bytes). */
  static fromKeys(current: string, previous: string[] = []): FieldCrypto {
    return new FieldCrypto({ secrets: { encryptionKey: current, previousEncryptionKeys: previous } });
  }

  /** Whether `token` has the shape of a value produced by `encrypt` (it does not check authenticity). */
  static isEncrypted(token: string): boolean {
    return typeof token === 'string' && TOKEN_SHAPE.test(token) && parseToken(token) !== undefined;
  }

  /** The id of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  encrypt(plain: string): string {
    const { id, key } = this.#current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(id));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, id, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(token: string): string {
    const parsed = parseToken(token);
    if (!parsed) throw new FieldCryptoError('Malformed encrypted value');
    const entry = this.#byId.get(parsed.keyId);
    if (!entry) throw new FieldCryptoError(`Encrypted value uses an unknown key id (${parsed.keyId})`);
    try {
      const decipher = createDecipheriv(ALGORITHM, entry.key, parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(parsed.keyId));
      decipher.setAuthTag(parsed.tag);
      return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError('Encrypted value failed authentication (tampered or wrong key)');
    }
  }

  /** True unless `token` is a well-formed value encrypted with the current key (plaintext included). */
  needsReencryption(token: string): boolean {
    return parseToken(token)?.keyId !== this.#current.id;
  }

  /** Deterministic HMAC-SHA256 (hex) of the value, for exact lookups; see normaliseForIndex. */
  blindIndex(value: string, normalise = true): string {
    return this.#hmac(this.#indexKeys[0], value, normalise);
  }

  /** The blind index under the current key first, then under each previous key: lookups during a rotation. */
  blindIndexCandidates(value: string, normalise = true): string[] {
    return this.#indexKeys.map((key) => this.#hmac(key, value, normalise));
  }

  #hmac(key: Buffer, value: string, normalise: boolean): string {
    return createHmac('sha256', key)
      .update(normalise ? normaliseForIndex(value) : value, 'utf8')
      .digest('hex');
  }
}
