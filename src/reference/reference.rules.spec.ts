import { banDatesValid, floorRub, OKVED_PREFIX } from './reference.rules';

describe('reference rules', () => {
  it.each([
    [22_440, 1.15, 25_806],
    [27_093, 1.15, 31_157],
    [10_250, 1.1, 11_275],
    [20_000, 1, 20_000],
  ])('floorRub(%d, %d) = %d', (mrot, k, expected) => expect(floorRub(mrot, k)).toBe(expected));

  it.each([
    ['47', true],
    ['47.1', true],
    ['47.11', true],
    ['47.11.1', true],
    ['47.11.11', true],
    ['471', false],
    ['47.1.1', false],
    ['4', false],
    ['47.111', false],
  ])('ОКВЭД prefix %s → %s', (code, ok) => expect(OKVED_PREFIX.test(code)).toBe(ok));

  it('checks ban dates and overlaps inclusively', () => {
    expect(banDatesValid('2026-03-01', null)).toBe(true);
    expect(banDatesValid('2026-03-01', '2026-03-01')).toBe(false);
    expect(banDatesValid('2026-03-01', '2026-03-02')).toBe(true);
  });
});
