import { isIPv4, isIPv6 } from 'node:net';

/**
 * How failed sign-ins slow down further attempts. Pure: the counts and times come in as arguments.
 *
 * Failures are counted under three keys, none of which depends on whether an account has the
 * e-mail, so a known and an unknown e-mail are answered alike:
 *
 * - `pair`: the e-mail as typed (normalised) from one client address. After `pairFreeFailures`
 *   failures each further attempt from that address must wait: 1 s, then twice as long after each
 *   further failure, up to `maxDelayMs`. This is what slows one attacker guessing one password.
 * - `email`: the e-mail from every address together, with a higher ceiling (`emailFreeFailures`):
 *   it slows an attacker who spreads guesses for one account over many addresses.
 * - `address`: one client address over every e-mail (`addressFreeFailures`): it slows one address
 *   trying one password on many accounts.
 *
 * There is no lock that an attacker can trigger for a victim: the victim's own address is another
 * pair, and once the victim has signed in from an address (within KNOWN_ADDRESS_MS) the `email`
 * and `address` delays no longer apply there: only that pair's own failures do. What an attacker
 * with many addresses can still do is make the victim wait on an address the victim has never
 * signed in from; the waits double, so one attacker address buys little, and the right password
 * on a known address always gets through.
 */

export type ThrottleScope = 'pair' | 'email' | 'address';
export const THROTTLE_SCOPES: readonly ThrottleScope[] = ['pair', 'email', 'address'];

export interface ThrottlePolicy {
  pairFreeFailures: number;
  emailFreeFailures: number;
  addressFreeFailures: number;
  maxDelayMs: number;
}

/** The first wait; each further failure doubles it. */
export const BASE_DELAY_MS = 1000;
/** A sign-in from an address within this long makes that address known for the account. */
export const KNOWN_ADDRESS_MS = 30 * 86_400_000;
const DAY_MS = 86_400_000;

/** A key's failures are forgotten once its last failure is this old (never sooner than twice the longest wait). */
export function forgetAfterMs(policy: ThrottlePolicy): number {
  return Math.max(DAY_MS, 2 * policy.maxDelayMs);
}

/** The e-mail as the login looks it up: trimmed, lower-case. */
export function normaliseLoginEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The client address as throttled: an IPv4 address as it is (also when written as IPv4-mapped
 * IPv6), an IPv6 address by its /64 network, since one subscriber commonly holds a whole /64.
 */
export function clientAddress(ip: string | null | undefined): string {
  const raw = (ip ?? '').trim().toLowerCase().replace(/%.*$/, ''); // without an IPv6 zone id
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(raw);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(raw)) return raw;
  if (!isIPv6(raw)) return raw === '' ? 'unknown' : raw;
  // an embedded IPv4 tail is two groups; then '::' stands for as many zero groups as are missing
  const hex = raw.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
    [(+a << 8) | +b, (+c << 8) | +d].map((n) => n.toString(16)).join(':'),
  );
  const [head, tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The counters one attempt is counted under, by scope (plain text: the repository stores only an HMAC of each). */
export function throttleKeys(email: string, ip: string | null | undefined): Record<ThrottleScope, string> {
  const e = normaliseLoginEmail(email);
  const a = clientAddress(ip);
  return { pair: `pair\u0000${e}\u0000${a}`, email: `email\u0000${e}`, address: `address\u0000${a}` };
}

function freeFailures(scope: ThrottleScope, policy: ThrottlePolicy): number {
  return scope === 'pair' ? policy.pairFreeFailures : scope === 'email' ? policy.emailFreeFailures : policy.addressFreeFailures;
}

/** How long further attempts must wait after a key has counted `failures` (0: not at all). */
export function delayAfter(failures: number, scope: ThrottleScope, policy: ThrottlePolicy): number {
  const over = failures - freeFailures(scope, policy);
  if (over < 0) return 0;
  return Math.min(policy.maxDelayMs, BASE_DELAY_MS * 2 ** Math.min(over, 40));
}

export interface ThrottleState {
  blockedUntil: Date | null;
  lastSuccessAt: Date | null;
}

/**
 * How long an attempt must wait before its password is even checked (ms; 0: go ahead). The pair's
 * own wait always applies; the e-mail's and the address's do not on an address the account
 * signed in from within KNOWN_ADDRESS_MS.
 */
export function waitBeforeAttempt(state: Partial<Record<ThrottleScope, ThrottleState>>, now: Date): number {
  const left = (s?: ThrottleState) => (s?.blockedUntil ? Math.max(0, s.blockedUntil.getTime() - now.getTime()) : 0);
  const success = state.pair?.lastSuccessAt;
  const known = !!success && now.getTime() - success.getTime() < KNOWN_ADDRESS_MS;
  return Math.max(left(state.pair), known ? 0 : Math.max(left(state.email), left(state.address)));
}

/** Whole seconds for Retry-After: never 0 while there is something to wait for. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
