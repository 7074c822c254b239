import {
  clientAddress,
  delayAfter,
  forgetAfterMs,
  KNOWN_ADDRESS_MS,
  normaliseLoginEmail,
  retryAfterSeconds,
  throttleKeys,
  ThrottlePolicy,
  ThrottleScope,
  ThrottleState,
  waitBeforeAttempt,
} from './login-throttle.rules';

const policy: ThrottlePolicy = { pairFreeFailures: 5, emailFreeFailures: 20, addressFreeFailures: 50, maxDelayMs: 15 * 60_000 };

describe('normaliseLoginEmail', () => {
  it.each([
    ['Alice@Example.ORG', 'alice@example.org'],
    ['  bob@test.example ', 'bob@test.example'],
    ['already@lower.example', 'already@lower.example'],
  ])('%j → %s', (typed, normalised) => expect(normaliseLoginEmail(typed)).toBe(normalised));
});

describe('clientAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'], // IPv4-mapped: the IPv4 address
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'], // IPv6: its /64
    ['2001:0DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1:2:3:4:5:1.2.3.4', '0:1:2:3::/64'], // an embedded IPv4 tail counts as two groups
    ['', 'unknown'],
    [undefined, 'unknown'],
    ['local', 'local'],
  ])('%j → %s', (ip, address) => expect(clientAddress(ip)).toBe(address));
});

describe('throttleKeys', () => {
  it('keys the e-mail as typed but normalised, and the address', () => {
    expect(throttleKeys(' Alice@Example.ORG', '203.0.113.7')).toEqual(throttleKeys('alice@example.org', '203.0.113.7'));
    const a = throttleKeys('alice@example.org', '203.0.113.7');
    const b = throttleKeys('alice@example.org', '203.0.113.8');
    const c = throttleKeys('carol@example.org', '203.0.113.7');
    expect([a.pair, a.email, a.address]).toHaveLength(new Set([a.pair, a.email, a.address]).size);
    expect(b.email).toBe(a.email);
    expect(b.pair).not.toBe(a.pair);
    expect(b.address).not.toBe(a.address);
    expect(c.address).toBe(a.address);
    expect(c.pair).not.toBe(a.pair);
  });

  it('one IPv6 /64 is one address', () => {
    expect(throttleKeys('a@b.example', '2001:db8:1:2::1')).toEqual(throttleKeys('a@b.example', '2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(throttleKeys('a@b.example', '2001:db8:1:2::1').address).not.toBe(throttleKeys('a@b.example', '2001:db8:1:3::1').address);
  });
});

describe('delayAfter', () => {
  it.each<[ThrottleScope, number, number]>([
    ['pair', 0, 0],
    ['pair', 4, 0],
    ['pair', 5, 1000], // the fifth failure starts a 1 s wait
    ['pair', 6, 2000],
    ['pair', 9, 16_000],
    ['pair', 14, 512_000],
    ['pair', 15, 900_000], // 1024 s, capped at maxDelayMs
    ['pair', 1_000_000, 900_000],
    ['email', 19, 0],
    ['email', 20, 1000],
    ['email', 22, 4000],
    ['address', 49, 0],
    ['address', 50, 1000],
  ])('%s after %d failures → %d ms', (scope, failures, ms) => expect(delayAfter(failures, scope, policy)).toBe(ms));
});

describe('waitBeforeAttempt', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);
  const blocked = (ms: number): ThrottleState => ({ blockedUntil: at(ms), lastSuccessAt: null });
  const known: ThrottleState = { blockedUntil: null, lastSuccessAt: at(-86_400_000) };
  const forgotten: ThrottleState = { blockedUntil: null, lastSuccessAt: at(-KNOWN_ADDRESS_MS - 1) };
  it.each<[string, Partial<Record<ThrottleScope, ThrottleState>>, number]>([
    ['no counters', {}, 0],
    ['the pair waits', { pair: blocked(5000) }, 5000],
    ['a wait that is over', { pair: blocked(-1) }, 0],
    ['the e-mail waits on an unknown address', { email: blocked(10_000) }, 10_000],
    ['the address waits on an unknown address', { address: blocked(20_000) }, 20_000],
    ['the longer of e-mail and address', { email: blocked(10_000), address: blocked(20_000) }, 20_000],
    ['the e-mail does not hold back a known address', { pair: known, email: blocked(10_000) }, 0],
    ['nor does the address', { pair: known, address: blocked(20_000) }, 0],
    ['but the pair itself does', { pair: { ...known, blockedUntil: at(3000) }, email: blocked(10_000) }, 3000],
    ['an address known more than 30 days ago is unknown again', { pair: forgotten, email: blocked(10_000) }, 10_000],
  ])('%s → %d ms', (_, state, ms) => expect(waitBeforeAttempt(state, now)).toBe(ms));
});

describe('retryAfterSeconds and forgetAfterMs', () => {
  it.each([
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [900_000, 900],
  ])('%d ms → Retry-After %d', (ms, s) => expect(retryAfterSeconds(ms)).toBe(s));

  it('forgets a count after a day, never before twice the longest wait', () => {
    expect(forgetAfterMs(policy)).toBe(86_400_000);
    expect(forgetAfterMs({ ...policy, maxDelayMs: 86_400_000 })).toBe(2 * 86_400_000);
  });
});
