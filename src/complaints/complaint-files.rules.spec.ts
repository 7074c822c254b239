import { attachment, evidenceNameProblem, letterFormat } from './complaint-files.rules';

describe('evidenceNameProblem', () => {
  it.each<[string, string, boolean]>([
    ['a plain name', 'voice-2026-03-01.ogg', true],
    ['letters, digits, dot, underscore, dash', 'Payslip_March.v2-final.pdf', true],
    ['one character', 'a', true],
    ['80 characters', 'a'.repeat(80), true],
    ['81 characters', 'a'.repeat(81), false],
    ['empty', '', false],
    ['a leading dot (hidden file)', '.htaccess', false],
    ['a leading dash', '-rf', false],
    ['a path', 'a/b.pdf', false],
    ['a backslash', 'a\\b.pdf', false],
    ['two dots', 'a..pdf', false],
    ['a space', 'my file.pdf', false],
    ['Cyrillic', 'расписка.pdf', false],
    ['a quote', 'a".pdf', false],
    ['a NUL', 'a\u0000.pdf', false],
    ['a newline', 'a\n.pdf', false],
  ])('%s', (_label, name, ok) => {
    expect(evidenceNameProblem(name) === null).toBe(ok);
  });
});

describe('letterFormat', () => {
  it.each<[string, string | undefined, string | null]>([
    ['no Accept', undefined, 'application/pdf'],
    ['an empty Accept', '', 'application/pdf'],
    ['anything', '*/*', 'application/pdf'],
    ['a PDF', 'application/pdf', 'application/pdf'],
    ['plain text', 'text/plain', 'text/plain'],
    ['any text', 'text/*', 'text/plain'],
    ['text with a charset parameter', 'text/plain; charset=utf-8', 'text/plain'],
    ['text first at the same weight', 'text/plain, application/pdf', 'text/plain'],
    ['the PDF first at the same weight', 'application/pdf, text/plain', 'application/pdf'],
    ['text preferred by weight', 'application/pdf;q=0.5, text/plain', 'text/plain'],
    ['the PDF preferred by weight', 'text/plain;q=0.4, application/pdf;q=0.9', 'application/pdf'],
    ['text named, anything else less', 'text/plain, */*;q=0.1', 'text/plain'],
    ['a browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/pdf'],
    ['the PDF refused with q=0', 'application/pdf;q=0, */*', 'text/plain'],
    ['JSON only', 'application/json', null],
    ['an image only', 'image/png', null],
    ['everything refused', '*/*;q=0', null],
  ])('%s', (_label, accept, expected) => {
    expect(letterFormat(accept)).toBe(expected);
  });
});

describe('attachment', () => {
  it('quotes a safe name and replaces anything else', () => {
    expect(attachment('voice.ogg')).toBe('attachment; filename="voice.ogg"');
    expect(attachment('a"b\r\n.pdf')).toBe('attachment; filename="a_b__.pdf"');
  });
});
