import { FieldRule, firstFailure, messageFor, ownWords } from './validation-messages';

const rule = (name: string, constraints: unknown[] = [], extra: Partial<FieldRule> = {}): FieldRule => ({ name, constraints, each: false, ...extra });
const LIMIT = [rule('isInt'), rule('min', [1]), rule('max', [200])];
const NAME = [rule('isString'), rule('minLength', [2]), rule('maxLength', [300])];

describe('firstFailure', () => {
  it.each([
    [['max', 'min', 'isInt'], 'isInt'],
    [['maxLength', 'matches'], 'matches'],
    [['maxLength', 'isString', 'minLength'], 'isString'],
    [['isIso8601', 'matches'], 'isIso8601'],
    [['arrayMaxSize', 'someCustomRule'], 'someCustomRule'],
    [['maxLength'], 'maxLength'],
  ])('tells %j as %s', (failed, expected) => expect(firstFailure(failed)).toBe(expected));
});

describe('messageFor', () => {
  it.each<[string, string, FieldRule[], string]>([
    ['an integer with both bounds', 'isInt', LIMIT, 'must be a whole number between 1 and 200'],
    ['an integer bound alone', 'max', LIMIT, 'must be a whole number between 1 and 200'],
    ['an integer with a lower bound', 'min', [rule('isInt'), rule('min', [0])], 'must be a whole number of at least 0'],
    ['a decimal', 'isNumber', [rule('isNumber'), rule('min', [0.001]), rule('max', [9.999])], 'must be a number between 0.001 and 9.999'],
    ['text with both lengths', 'maxLength', NAME, 'must be text of 2 to 300 characters'],
    ['text with a maximum', 'maxLength', [rule('isString'), rule('maxLength', [100])], 'must be text of at most 100 characters'],
    ['text that may not be empty', 'minLength', [rule('isString'), rule('minLength', [1])], 'must not be empty'],
    ['a boolean', 'isBoolean', [rule('isBoolean')], 'must be true or false'],
    ['an enum', 'isEnum', [rule('isEnum', [{ A: 'A', B: 'B' }, ['A', 'B']])], 'must be one of A, B'],
    ['a list of values', 'isIn', [rule('isIn', [['x', 'y']])], 'must be one of x, y'],
    ['a uuid', 'isUuid', [rule('isUuid')], 'must be an id (a UUID)'],
    ['a date', 'isIso8601', [rule('isIso8601')], 'must be a date such as 2026-03-01'],
    ['a date pattern', 'matches', [rule('matches', [/^\d{4}-\d{2}-\d{2}$/])], 'must be a date such as 2026-03-01'],
    ['a pattern in each item', 'matches', [rule('matches', [/^[a-z]{2,3}$/], { each: true })], 'each item must be a language code such as uz'],
    ['an unknown pattern', 'matches', [rule('matches', [/^Q\d+$/])], 'is not in the expected format (see the example in the API documentation)'],
    ["the DTO's own message", 'matches', [rule('matches', [/x/], { message: 'lastNameCyr must be in Cyrillic' })], 'must be in Cyrillic'],
    ['a list too long', 'arrayMaxSize', [rule('isArray'), rule('arrayMaxSize', [10])], 'must have at most 10 items'],
  ])('words %s', (_what, failed, rules, expected) => {
    expect(messageFor(failed, rules, 'lastNameCyr')).toBe(expected);
  });

  it('falls back to the default message without its field name or a regular expression', () => {
    expect(messageFor('isPostalCode', [], 'zip', 'zip must be a postal code')).toBe('must be a postal code');
    expect(messageFor('weird', [], 'zip', 'zip must match /^\\d+$/ regular expression')).toMatch(/^is not in the expected format/);
  });
});

describe('ownWords', () => {
  it.each([
    ['citizenship must be ISO 3166 alpha-2, e.g. UZ', 'citizenship', 'must be ISO 3166 alpha-2, e.g. UZ'],
    ['each activity code must be an ОКВЭД prefix', 'activityCodes', 'each activity code must be an ОКВЭД prefix'],
  ])('%s', (message, property, expected) => expect(ownWords(message, property)).toBe(expected));
});
