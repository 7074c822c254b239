import { CSV_BOM, csvCell, csvLine, neutraliseFormula } from './csv';

describe('csvCell', () => {
  it.each<[string, string | number | null, string]>([
    ['plain text', 'ООО Омскстрой', 'ООО Омскстрой'],
    ['empty text', '', ''],
    ['nothing', null, ''],
    ['an integer', 60000, '60000'],
    ['a decimal, with the Russian decimal comma', 33.3, '33,3'],
    ['a negative number stays a number', -12.5, '-12,5'],
    ['zero', 0, '0'],
    ['not a finite number', Number.NaN, ''],
    ['a day', '2026-05-04', '2026-05-04'],
    ['the separator', 'Омск; Иртыш', '"Омск; Иртыш"'],
    ['a comma needs no quotes', 'Омск, ул. Ленина', 'Омск, ул. Ленина'],
    ['quotes are doubled', 'ООО "Сибирь"', '"ООО ""Сибирь"""'],
    ['a line break', 'первая\nвторая', '"первая\nвторая"'],
    ['a formula', "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['a formula with the separator is escaped, then quoted', '=HYPERLINK("http://x";"y")', '"\'=HYPERLINK(""http://x"";""y"")"'],
    ['plus', '+7 999 000-00-00', "'+7 999 000-00-00"],
    ['minus', '-2+3', "'-2+3"],
    ['at', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['a leading tab', '\t=1+1', "'\t=1+1"],
    ['a leading carriage return', '\r=1+1', '"\'\r=1+1"'],
    ['an equals sign inside is harmless', 'a=b', 'a=b'],
  ])('%s', (_case, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('neutraliseFormula', () => {
  it.each([
    ['=1', "'=1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['x=1', 'x=1'],
    [' =1', ' =1'],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('joins cells with the separator and ends with CRLF', () => {
    expect(csvLine(['Каменщик', 3, 33.3, null, '=cmd'])).toBe("Каменщик;3;33,3;;'=cmd\r\n");
  });

  it('the BOM is the UTF-8 byte order mark', () => {
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
