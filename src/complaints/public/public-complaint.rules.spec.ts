import { ACCESS_CODE_BITS, accessCodeHash, NO_COMPLAINT_HASH, newAccessCode, normaliseAccessCode, normaliseReference, sameHash } from './access-code';
import { pageLanguage } from './page/i18n';
import { againstOf, contactProblem, failureWaitMs, publicMessages } from './public-complaint.rules';
import { PAGE_CSP, phrase } from './page/templates';

describe('access codes', () => {
  it('carry at least 80 bits: 20 characters of a 32-character alphabet', () => {
    expect(ACCESS_CODE_BITS).toBe(100);
    expect(newAccessCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(newAccessCode(Buffer.from(Array.from({ length: 20 }, (_, i) => i + 32 * i)))).toBe('01234-56789-ABCDE-FGHJK');
    expect(new Set(Array.from({ length: 200 }, () => newAccessCode())).size).toBe(200);
  });

  it.each([
    ['as shown', '7KQ3M-X9TWB-2RHDA-0PZEC', '7KQ3MX9TWB2RHDA0PZEC'],
    ['lower case, spaces', '7kq3m x9twb 2rhda 0pzec', '7KQ3MX9TWB2RHDA0PZEC'],
    ['O for 0, I and L for 1', 'OKQ3M-X9TWB-2RHDA-IPZEL', '0KQ3MX9TWB2RHDA1PZE1'],
    ['a typographic dash', '7KQ3M‐X9TWB–2RHDA—0PZEC', '7KQ3MX9TWB2RHDA0PZEC'],
    ['too short', '7KQ3M-X9TWB-2RHDA', null],
    ['a U (not in the alphabet)', 'UKQ3M-X9TWB-2RHDA-0PZEC', null],
    ['empty', '', null],
    ['not a string', undefined, null],
  ])('%s: %s → %s', (_, typed, normal) => expect(normaliseAccessCode(typed)).toBe(normal));

  it('hash the reference with the normalised code: the same code typed otherwise matches, another reference does not', () => {
    const h = accessCodeHash('C-2026-7KQ3MX', '7KQ3M-X9TWB-2RHDA-0PZEC');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(accessCodeHash(' c-2026-7kq3mx ', '7kq3mx9twb2rhda0pzec')).toBe(h);
    expect(accessCodeHash('C-2026-7KQ3MY', '7KQ3M-X9TWB-2RHDA-0PZEC')).not.toBe(h);
    expect(accessCodeHash('C-2026-7KQ3MX', '7KQ3M-X9TWB-2RHDA-0PZED')).not.toBe(h);
    expect(sameHash(h, accessCodeHash('C-2026-7KQ3MX', '7KQ3MX9TWB2RHDA0PZEC'))).toBe(true);
    expect(sameHash(NO_COMPLAINT_HASH, h)).toBe(false);
    expect(sameHash(h, 'short')).toBe(false);
    expect(normaliseReference(' c-2026-abc ')).toBe('C-2026-ABC');
  });
});

describe('public complaint rules', () => {
  it.each([
    ['OFFICIAL_MISCONDUCT', 'OFFICIAL'],
    ['RECRUITMENT_FEE_FRAUD', 'INTERMEDIARY'],
    ['OTHER', 'OTHER'],
    ['UNPAID_WAGES', 'EMPLOYER'],
    ['DOCUMENT_CONFISCATION', 'EMPLOYER'],
  ] as const)('a complaint of %s is against %s', (category, against) => expect(againstOf(category)).toBe(against));

  it.each([
    [undefined, undefined, null],
    [false, undefined, null],
    [true, '+7 913 000 11 22', null],
    [false, '+7 913 000 11 22', 'CONTACT_NOT_WANTED'],
    [undefined, '+7 913 000 11 22', 'CONTACT_NOT_WANTED'],
    [undefined, '   ', null],
    [true, undefined, 'CONTACT_REQUIRED'],
    [true, '  ', 'CONTACT_REQUIRED'],
  ])('wantsContact %s, contact %j → %s', (wants, contact, problem) => expect(contactProblem(wants, contact)).toBe(problem));

  it('shows the complainant only the messages to and from them, oldest first, never a destroyed one', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 3, 1, 8, m));
    expect(
      publicMessages([
        { kind: 'FROM_COMPLAINANT', text: 'second', createdAt: at(2) },
        { kind: 'INTERNAL', text: 'internal', createdAt: at(0) },
        { kind: 'TO_COMPLAINANT', text: 'first', createdAt: at(1) },
        { kind: 'TO_COMPLAINANT', text: null, createdAt: at(3) },
      ]),
    ).toEqual([
      { from: 'CENTRE', text: 'first', at: at(1).toISOString() },
      { from: 'YOU', text: 'second', at: at(2).toISOString() },
    ]);
  });

  const now = new Date('2026-04-01T08:00:00Z');
  const ends = (min: number) => new Date(now.getTime() + min * 60_000);
  it.each([
    ['no counters', [], 0],
    ['under the limit', [{ failures: 9, windowEndsAt: ends(30) }], 0],
    ['at the limit: wait for the window', [{ failures: 10, windowEndsAt: ends(30) }], 30 * 60_000],
    ['the window ended', [{ failures: 50, windowEndsAt: ends(-1) }], 0],
    [
      'the longest of address and reference',
      [
        { failures: 10, windowEndsAt: ends(5) },
        { failures: 12, windowEndsAt: ends(40) },
      ],
      40 * 60_000,
    ],
  ])('%s', (_, counts, wait) => expect(failureWaitMs(counts, 10, now)).toBe(wait));
});

describe('the page', () => {
  it.each([
    ['?lang wins', 'uz', 'ru', 'uz'],
    ['?lang in capitals', 'TG', undefined, 'tg'],
    ['an unknown ?lang falls back to the header', 'de', 'ky-KG,ru;q=0.5', 'ky'],
    ['the header by preference', undefined, 'de;q=1, ru;q=0.4, uz-Latn-UZ;q=0.8', 'uz'],
    ['q=0 is a refusal', undefined, 'tg;q=0, en;q=0.1', 'en'],
    ['none of ours: Russian', undefined, 'de-DE,fr', 'ru'],
    ['no header: Russian', undefined, undefined, 'ru'],
  ])('language: %s', (_, asked, header, lang) => expect(pageLanguage(asked, header)).toBe(lang));

  it('allows only its own style, forms posted to itself, no framing', () => {
    expect(PAGE_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/);
    expect(phrase('wait {minutes} min, {other}', { minutes: 5 })).toBe('wait 5 min, {other}');
  });
});
