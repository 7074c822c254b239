import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../config/config';
import { ConfigModule } from '../../config/config.module';
import { CryptoModule } from './crypto.module';
import { FieldCrypto, FieldCryptoError, normaliseForIndex } from './field-crypto';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const KEY_C = Buffer.alloc(32, 3).toString('base64');

/** An independent implementation of the documented derivation, to pin the format and key separation. */
function derived(masterKey: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'base64'), Buffer.alloc(0), info, 32));
}
const encryptionKeyOf = (master: string) => derived(master, 'omsk-centre field encryption v1');
const indexKeyOf = (master: string) => derived(master, 'omsk-centre blind index v1');
const keyIdOf = (master: string) => createHash('sha256').update(encryptionKeyOf(master)).digest('hex').slice(0, 8);

/** The error `fn` throws, or a failure when it does not throw. */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes spelt differently: flips an unused low bit of the last character (parts not a multiple of 3 bytes). */
function nonCanonical(part: string): string {
  const last = ALPHABET[ALPHABET.indexOf(part[part.length - 1]) ^ 1];
  const spelt = part.slice(0, -1) + last;
  if (!Buffer.from(spelt, 'base64url').equals(Buffer.from(part, 'base64url'))) throw new Error('not the same bytes');
  return spelt;
}

/** Replaces one base64url character with a different one (the token stays well-formed where it can). */
function flipChar(part: string, at: number): string {
  const c = part[at];
  const replacement = c === 'A' ? 'B' : 'A';
  return part.slice(0, at) + replacement + part.slice(at + 1);
}

const crypto = FieldCrypto.fromKeys(KEY_A);

describe('FieldCrypto', () => {
  describe('encrypt / decrypt', () => {
    it.each([
      ['latin', 'AB1234567'],
      ['Cyrillic', 'Иванов Иван Иванович, паспорт серии 45 09 № 123456'],
      ['empty string', ''],
      ['emoji and newlines', 'line 1\nline 2 🙂\t'],
      ['long text', 'жалоба '.repeat(5000)],
    ])('round-trips %s', (_name, plain) => {
      const token = crypto.encrypt(plain);
      expect(FieldCrypto.isEncrypted(token)).toBe(true);
      expect(crypto.decrypt(token)).toBe(plain);
    });

    it('produces v1.<keyId>.<iv>.<tag>.<ciphertext> with the current key id', () => {
      const token = crypto.encrypt('AB1234567');
      const [version, keyId, iv, tag, ciphertext] = token.split('.');
      expect(version).toBe('v1');
      expect(keyId).toBe(keyIdOf(KEY_A));
      expect(keyId).toBe(crypto.currentKeyId);
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
      expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(Buffer.byteLength('AB1234567'));
    });

    it('decrypts a token built independently from the documented derivation (AES-256-GCM, version and key id as AAD)', () => {
      const keyId = keyIdOf(KEY_A);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKeyOf(KEY_A), iv);
      cipher.setAAD(Buffer.from(`v1.${keyId}`));
      const ciphertext = Buffer.concat([cipher.update('Петров', 'utf8'), cipher.final()]);
      const token = ['v1', keyId, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
      expect(crypto.decrypt(token)).toBe('Петров');
    });

    it('gives two encryptions of the same value different tokens (random IV)', () => {
      const first = crypto.encrypt('AB1234567');
      const second = crypto.encrypt('AB1234567');
      expect(first).not.toBe(second);
      expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
      expect(crypto.decrypt(first)).toBe(crypto.decrypt(second));
    });

    it.each(['AB1234567', 'Иванов Иван', 'complaint narrative about the employer'])(
      'does not leave %j readable in the token (neither plain nor base64/base64url/hex)',
      (plain) => {
        const token = crypto.encrypt(plain);
        const bytes = Buffer.from(plain, 'utf8');
        for (const visible of [plain, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
          expect(token).not.toContain(visible);
        }
        // Also no 6+ character run of the base64 form, whatever its alignment.
        for (let shift = 0; shift < 3; shift++) {
          const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
            .toString('base64url')
            .slice(4);
          expect(token).not.toContain(encoded.slice(0, 6));
        }
      },
    );
  });

  describe('decrypt refuses', () => {
    const token = crypto.encrypt('AB1234567');
    const parts = token.split('.');
    const withPart = (index: number, value: string) => parts.map((p, i) => (i === index ? value : p)).join('.');

    it.each([
      ['empty string', ''],
      ['plaintext', 'AB1234567'],
      ['too few parts', parts.slice(0, 4).join('.')],
      ['too many parts', `${token}.x`],
      ['unknown version', withPart(0, 'v2')],
      ['key id not hex', withPart(1, 'ZZZZZZZZ')],
      ['key id of another length', withPart(1, `${parts[1]}0`)],
      ['IV of the wrong length', withPart(2, parts[2].slice(0, 12))],
      ['tag of the wrong length', withPart(3, parts[3].slice(0, 20))],
      ['non-base64url characters', withPart(4, `${parts[4].slice(1)}+`)],
      ['padding', withPart(3, `${parts[3]}==`)],
      ['non-canonical base64url (same bytes, other unused bits)', withPart(3, nonCanonical(parts[3]))],
    ])('a malformed token: %s', (_name, bad) => {
      const error = errorOf(() => crypto.decrypt(bad));
      expect(error).toBeInstanceOf(FieldCryptoError);
      expect(error.message).toBe('Malformed encrypted value');
      expect(FieldCrypto.isEncrypted(bad)).toBe(false);
    });

    it('a value of another type, without crashing', () => {
      expect(errorOf(() => crypto.decrypt(undefined as unknown as string))).toBeInstanceOf(FieldCryptoError);
      expect(FieldCrypto.isEncrypted(null as unknown as string)).toBe(false);
    });

    it('an unknown key id', () => {
      const error = errorOf(() => crypto.decrypt(withPart(1, '00000000')));
      expect(error).toBeInstanceOf(FieldCryptoError);
      expect(error.message).toMatch(/unknown key id/);
    });

    const tampered: [string, string][] = [];
    for (const [index, name] of [
      [2, 'IV'],
      [3, 'tag'],
      [4, 'ciphertext'],
    ] as const) {
      const part = parts[index];
      // Every whole-byte position (the last character of the tag carries unused bits, see above).
      const positions = index === 3 ? [0, 10, 20] : [0, Math.floor(part.length / 2), part.length - 1];
      for (const at of positions) tampered.push([`${name} character ${at}`, withPart(index, flipChar(part, at))]);
    }
    tampered.push(['truncated ciphertext', withPart(4, parts[4].slice(0, -4))]);
    tampered.push(['swapped IV from another token', withPart(2, crypto.encrypt('AB1234567').split('.')[2])]);
    tampered.push(['tag from another token', withPart(3, crypto.encrypt('AB1234567').split('.')[3])]);

    it.each(tampered)('a tampered token: %s', (_name, bad) => {
      expect(FieldCrypto.isEncrypted(bad)).toBe(true); // well-formed: only authentication catches it
      const error = errorOf(() => crypto.decrypt(bad));
      expect(error).toBeInstanceOf(FieldCryptoError);
      expect(error.message).toBe('Encrypted value failed authentication (tampered or wrong key)');
    });

    it('a token whose key id was changed to another known key', () => {
      const both = FieldCrypto.fromKeys(KEY_B, [KEY_A]);
      const moved = withPart(1, both.currentKeyId);
      expect(errorOf(() => both.decrypt(moved)).message).toMatch(/failed authentication/);
    });

    it('a token made with another key', () => {
      const other = FieldCrypto.fromKeys(KEY_B);
      const error = errorOf(() => other.decrypt(token));
      expect(error).toBeInstanceOf(FieldCryptoError);
      expect(error.message).toMatch(/unknown key id/);
    });

    it('a token made with another key even when the key id is forged to match', () => {
      const other = FieldCrypto.fromKeys(KEY_B);
      const forged = withPart(1, other.currentKeyId);
      expect(errorOf(() => other.decrypt(forged)).message).toMatch(/failed authentication/);
    });

    it('without putting key material or plaintext in the message', () => {
      const messages = [
        errorOf(() => crypto.decrypt('v1.garbage')).message,
        errorOf(() => crypto.decrypt(withPart(4, flipChar(parts[4], 0)))).message,
        errorOf(() => FieldCrypto.fromKeys(KEY_B).decrypt(token)).message,
      ];
      for (const message of messages) {
        for (const secret of [KEY_A, KEY_B, encryptionKeyOf(KEY_A).toString('hex'), 'AB1234567']) {
          expect(message).not.toContain(secret);
        }
      }
    });
  });

  describe('rotation', () => {
    const old = FieldCrypto.fromKeys(KEY_A);
    const oldToken = old.encrypt('AB1234567');
    const rotated = FieldCrypto.fromKeys(KEY_B, [KEY_A]);

    it('decrypts a token made with a previous key', () => {
      expect(rotated.decrypt(oldToken)).toBe('AB1234567');
    });

    it('decrypts with any of several previous keys', () => {
      const twice = FieldCrypto.fromKeys(KEY_C, [KEY_B, KEY_A]);
      expect(twice.decrypt(oldToken)).toBe('AB1234567');
      expect(twice.decrypt(rotated.encrypt('Иванов'))).toBe('Иванов');
    });

    it('encrypts with the current key only', () => {
      const token = rotated.encrypt('AB1234567');
      expect(token.split('.')[1]).toBe(keyIdOf(KEY_B));
      expect(rotated.currentKeyId).toBe(keyIdOf(KEY_B));
      expect(() => old.decrypt(token)).toThrow(/unknown key id/);
    });

    it.each([
      ['a token under a previous key', oldToken, true],
      ['a token under the current key', rotated.encrypt('AB1234567'), false],
      ['plaintext (never encrypted)', 'AB1234567', true],
      ['a malformed token', 'v1.garbage', true],
    ])('needsReencryption: %s → %s', (_name, token, expected) => {
      expect(rotated.needsReencryption(token)).toBe(expected);
    });

    it('re-encrypting an old token moves it to the current key', () => {
      const fresh = rotated.encrypt(rotated.decrypt(oldToken));
      expect(rotated.needsReencryption(fresh)).toBe(false);
      expect(rotated.decrypt(fresh)).toBe('AB1234567');
    });

    it('no longer decrypts once the previous key is dropped', () => {
      expect(() => FieldCrypto.fromKeys(KEY_B).decrypt(oldToken)).toThrow(FieldCryptoError);
    });

    it('accepts the current key listed again among the previous ones', () => {
      const repeated = FieldCrypto.fromKeys(KEY_A, [KEY_A]);
      expect(repeated.decrypt(oldToken)).toBe('AB1234567');
      expect(repeated.needsReencryption(oldToken)).toBe(false);
    });

    it('keys the blind index with the current key and offers the previous ones for lookups mid-rotation', () => {
      expect(rotated.blindIndex('AA 123-45')).toBe(FieldCrypto.fromKeys(KEY_B).blindIndex('AA12345'));
      expect(rotated.blindIndexCandidates('AA 123-45')).toEqual([FieldCrypto.fromKeys(KEY_B).blindIndex('AA12345'), old.blindIndex('AA12345')]);
    });
  });

  describe('blindIndex', () => {
    it('is deterministic HMAC-SHA256 hex, equal for two encryptions of the same value', () => {
      const index = crypto.blindIndex('AB1234567');
      expect(index).toMatch(/^[0-9a-f]{64}$/);
      expect(crypto.blindIndex('AB1234567')).toBe(index);
      expect(FieldCrypto.fromKeys(KEY_A).blindIndex('AB1234567')).toBe(index);
      expect(crypto.encrypt('AB1234567')).not.toBe(crypto.encrypt('AB1234567'));
    });

    it.each([
      ['AA 123-45', 'aa12345'],
      ['AA 123-45', 'AA12345'],
      [' aa-123 45 ', 'AA12345'],
      ['aa\t123\u00a045', 'AA12345'], // tab, no-break space
      ['AA–123—45', 'AA12345'], // en and em dashes
      ['ab１２３', 'AB123'], // full-width digits (NFKC)
      ['иванов', 'ИВАНОВ'],
    ])('normalises %j like %j', (a, b) => {
      expect(crypto.blindIndex(a)).toBe(crypto.blindIndex(b));
    });

    it.each([
      ['AA12345', 'AA12346'],
      ['AA12345', 'AA1234'],
      ['AA.12345', 'AA12345'], // only whitespace and dashes are dropped
      ['АА12345', 'AA12345'], // Cyrillic А is not Latin A
    ])('distinguishes %j from %j', (a, b) => {
      expect(crypto.blindIndex(a)).not.toBe(crypto.blindIndex(b));
    });

    it('can skip normalisation', () => {
      expect(crypto.blindIndex('AA 123-45', false)).not.toBe(crypto.blindIndex('aa12345', false));
      expect(crypto.blindIndex('AA12345', false)).toBe(crypto.blindIndex('aa 123-45'));
    });

    it('differs between master keys', () => {
      expect(FieldCrypto.fromKeys(KEY_B).blindIndex('AA12345')).not.toBe(crypto.blindIndex('AA12345'));
    });

    it('normaliseForIndex is exported for callers that store the normalised form', () => {
      expect(normaliseForIndex(' aa-123 45 ')).toBe('AA12345');
    });
  });

  describe('key separation', () => {
    it('derives the index key and the encryption key separately with HKDF', () => {
      expect(encryptionKeyOf(KEY_A).equals(indexKeyOf(KEY_A))).toBe(false);
      const hmac = (key: Buffer) => createHmac('sha256', key).update('AA12345').digest('hex');
      expect(crypto.blindIndex('AA12345')).toBe(hmac(indexKeyOf(KEY_A)));
      expect(crypto.blindIndex('AA12345')).not.toBe(hmac(encryptionKeyOf(KEY_A)));
      expect(crypto.blindIndex('AA12345')).not.toBe(hmac(Buffer.from(KEY_A, 'base64')));
    });

    it('the index key does not decrypt tokens', () => {
      const [, keyId, iv, tag, ciphertext] = crypto.encrypt('AA12345').split('.');
      const decipher = createDecipheriv('aes-256-gcm', indexKeyOf(KEY_A), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`v1.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      decipher.update(Buffer.from(ciphertext, 'base64url'));
      expect(() => decipher.final()).toThrow();
    });

    it('keeps keys out of util.inspect and JSON', () => {
      const rendered = `${inspect(crypto, { showHidden: true, depth: 5 })} ${JSON.stringify(crypto)}`;
      for (const key of [encryptionKeyOf(KEY_A), indexKeyOf(KEY_A), Buffer.from(KEY_A, 'base64')]) {
        expect(rendered).not.toContain(key.toString('hex'));
        expect(rendered).not.toContain(key.toString('base64'));
      }
      expect(rendered).not.toMatch(/<Buffer/);
    });
  });

  describe('keys', () => {
    it.each([
      ['empty', ''],
      ['too short', Buffer.alloc(16, 1).toString('base64')],
      ['too long', Buffer.alloc(48, 1).toString('base64')],
      ['not base64', '!'.repeat(43) + '='],
      ['hex instead of base64', Buffer.alloc(32, 1).toString('hex')],
    ])('refuses a master key that is %s, without echoing it', (_name, key) => {
      const current = errorOf(() => FieldCrypto.fromKeys(key));
      expect(current).toBeInstanceOf(FieldCryptoError);
      expect(current.message).toMatch(/32 bytes in base64/);
      if (key) expect(current.message).not.toContain(key);
      const previous = errorOf(() => FieldCrypto.fromKeys(KEY_A, [KEY_B, key]));
      expect(previous.message).toMatch(/previous encryption key #2/);
    });
  });
});

describe('CryptoModule', () => {
  it('provides FieldCrypto keyed from APP_CONFIG', async () => {
    const config = { secrets: { jwtSecret: 'x'.repeat(32), encryptionKey: KEY_A } } as AppConfig;
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), CryptoModule] }).compile();
    const provided = moduleRef.get(FieldCrypto);
    expect(provided).toBeInstanceOf(FieldCrypto);
    expect(provided.currentKeyId).toBe(keyIdOf(KEY_A));
    expect(provided.decrypt(crypto.encrypt('Иванов'))).toBe('Иванов');
    await moduleRef.close();
  });
});
