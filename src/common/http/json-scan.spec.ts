import { pathsWithNul, scanJson } from './json-scan';

describe('scanJson', () => {
  it.each([
    ['a flat object', '{"a":1}', 3, { tooDeep: false, hasNul: false }],
    ['nesting at the limit', '{"a":[[1]]}', 3, { tooDeep: false, hasNul: false }],
    ['nesting past the limit', '{"a":[[[1]]]}', 3, { tooDeep: true, hasNul: false }],
    ['brackets inside a string', '{"a":"[[[[[[{{{{"}', 2, { tooDeep: false, hasNul: false }],
    ['an escaped quote before brackets', '{"a":"\\"[[[[["}', 2, { tooDeep: false, hasNul: false }],
    ['an escaped NUL', '{"a":"x\\u0000y"}', 3, { tooDeep: false, hasNul: true }],
    ['an escaped backslash then u0000 as text', '{"a":"\\\\u0000"}', 3, { tooDeep: false, hasNul: false }],
    ['20,000 nested arrays', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 32, { tooDeep: true, hasNul: false }],
  ])('%s', (_what, text, max, expected) => expect(scanJson(text, max)).toEqual(expected));
});

describe('pathsWithNul', () => {
  it('names every string and key that holds a NUL by its path', () => {
    expect(pathsWithNul({ a: 'ok', b: 'x\0', c: { d: ['ok', '\0'] }, ['k\0']: 1 })).toEqual(['b', 'c.d[1]', 'k\0']);
  });
});
