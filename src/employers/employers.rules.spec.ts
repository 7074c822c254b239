import { isValidInn, isValidOgrn, registrationProblems } from './employers.rules';

describe('INN check digits', () => {
  it.each([
    ['7707083893', true], // Sberbank
    ['7736207543', true], // Yandex
    ['5503248039', true],
    ['7707083894', false], // last digit changed
    ['500100732259', true], // a 12-digit entrepreneur INN
    ['500100732258', false],
    ['770708389', false], // too short
    ['77070838931', false], // 11 digits
    ['77070838 3', false],
    ['', false],
  ])('%s → %s', (inn, valid) => expect(isValidInn(inn)).toBe(valid));
});

describe('OGRN / OGRNIP check digits', () => {
  it.each([
    ['1027700132195', true], // Sberbank
    ['1027700132196', false],
    ['304500116000157', true], // an OGRNIP
    ['304500116000158', false],
    ['102770013219', false],
    ['abcdefghijklm', false],
  ])('%s → %s', (ogrn, valid) => expect(isValidOgrn(ogrn)).toBe(valid));
});

describe('registrationProblems', () => {
  it.each([
    ['7707083893', '1027700132195', []],
    ['7707083893', undefined, []],
    ['7707083894', '1027700132195', ['inn']],
    ['7707083893', '1027700132196', ['ogrn']],
    ['7707083893', '304500116000157', ['ogrn']], // organisation with an entrepreneur's OGRNIP
    ['500100732259', '304500116000157', []],
  ])('%s / %s → %j', (inn, ogrn, fields) => expect(registrationProblems(inn, ogrn).map((p) => p.field)).toEqual(fields));
});
