import { hash } from '@node-rs/argon2';
import { ARGON2_PARAMS, needsRehash, PasswordHasher } from './password-hasher';

describe('needsRehash', () => {
  it.each([
    ['$argon2id$v=19$m=12288,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', false],
    ['$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', true],
    ['$argon2id$v=19$m=12288,t=3,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', true],
    ['$argon2id$v=19$m=122880,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', true],
    ['$argon2i$v=19$m=12288,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', true],
    ['$argon2id$v=16$m=12288,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', true],
    ['$2b$12$abcdefghijklmnopqrstuv', true],
    ['', true],
  ])('%s → %s', (stored, expected) => {
    expect(needsRehash(stored)).toBe(expected);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at the current parameters, and verifies', async () => {
    const h = await hasher.hash('correct horse battery staple');
    expect(h).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=1\\$`));
    expect(needsRehash(h)).toBe(false);
    await expect(hasher.verify(h, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(h, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('still verifies a hash made with the earlier parameters (19 MiB, t = 2)', async () => {
    const old = await hash('correct horse battery staple', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(old)).toBe(true);
    await expect(hasher.verify(old, 'correct horse battery staple')).resolves.toBe(true);
  });

  it('answers false, never throws, for a missing or malformed hash', async () => {
    await expect(hasher.verify(null, 'whatever-password')).resolves.toBe(false);
    await expect(hasher.verify('not a hash', 'whatever-password')).resolves.toBe(false);
  });
});
