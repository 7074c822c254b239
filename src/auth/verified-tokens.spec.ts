import { bearerToken } from './strategies';
import { VerifiedTokens } from './verified-tokens';

interface Claims {
  sub: string;
  exp: number;
}

/** A memo over a verifier that counts its calls and knows the tokens `good-*` (exp from the name's number). */
function setup(max = 3) {
  let now = 1_000_000_000_000;
  const calls: string[] = [];
  const memo = new VerifiedTokens<Claims>(
    (token) => {
      calls.push(token);
      const m = /^good-(\d+)$/.exec(token);
      if (!m) throw new Error('invalid signature');
      return { sub: 'u', exp: Number(m[1]) };
    },
    max,
    () => now,
  );
  return { memo, calls, at: (ms: number) => (now = ms) };
}

describe('VerifiedTokens', () => {
  it('verifies a token once and answers it from memory until it expires', () => {
    const { memo, calls, at } = setup();
    at(1_000_000 * 1000);
    expect(memo.claims('good-1000010')).toEqual({ sub: 'u', exp: 1_000_010 });
    expect(memo.claims('good-1000010')).toEqual({ sub: 'u', exp: 1_000_010 });
    expect(calls).toEqual(['good-1000010']);
    at(1_000_009_999);
    memo.claims('good-1000010');
    expect(calls).toHaveLength(1);
    at(1_000_010_000); // the second of exp: expired, as jsonwebtoken judges it
    expect(memo.claims('good-1000010')).toBeDefined(); // (this verifier ignores time; jsonwebtoken would throw)
    expect(calls).toHaveLength(2);
  });

  it('peek answers only a remembered, unexpired token, and never verifies', () => {
    const { memo, calls, at } = setup();
    at(1_000_000 * 1000);
    expect(memo.peek('good-1000010')).toBeUndefined();
    expect(calls).toEqual([]);
    memo.claims('good-1000010');
    expect(memo.peek('good-1000010')).toEqual({ sub: 'u', exp: 1_000_010 });
    expect(memo.peek('good-1000010x')).toBeUndefined();
    at(1_000_010_000);
    expect(memo.peek('good-1000010')).toBeUndefined();
    expect(calls).toEqual(['good-1000010']);
  });

  it('never remembers a refusal: a bad token is verified, and refused, every time', () => {
    const { memo, calls } = setup();
    for (let i = 0; i < 3; i++) expect(() => memo.claims('forged')).toThrow('invalid signature');
    expect(calls).toEqual(['forged', 'forged', 'forged']);
    expect(memo.size).toBe(0);
  });

  it.each([
    ['keeps at most max tokens, dropping the oldest', 2, ['good-9000000000', 'good-9000000001', 'good-9000000002', 'good-9000000000'], 4, 2],
    ['max 0 keeps nothing', 0, ['good-9000000000', 'good-9000000000'], 2, 0],
    ['one token used many times is verified once', 2, ['good-9000000000', 'good-9000000000', 'good-9000000000'], 1, 1],
  ])('%s', (_name, max, tokens, verifications, size) => {
    const { memo, calls } = setup(max);
    for (const token of tokens) memo.claims(token);
    expect(calls).toHaveLength(verifications);
    expect(memo.size).toBe(size);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['BEARER   abc.def.ghi  ', 'abc.def.ghi'],
    ['Basic abc', null],
    ['Bearer', null],
    ['Bearer a b', null],
    ['abc.def.ghi', null],
    ['', null],
    [undefined, null],
    [['Bearer abc'], null],
  ])('%j → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
