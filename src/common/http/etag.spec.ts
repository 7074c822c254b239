import { AppError } from '../errors/app-error';
import { assertIfMatch, etagOf, requiredVersion, versionFromIfMatch } from './etag';

describe('assertIfMatch (record at version 3)', () => {
  it.each([
    ['missing', undefined],
    ['*', '*'],
    ['matching', '"3"'],
    ['weak', 'W/"3"'],
    ['in a list', '"1", W/"3"'],
  ])('accepts a %s If-Match', (_what, ifMatch) => {
    expect(() => assertIfMatch(ifMatch, 3)).not.toThrow();
  });

  it.each([
    ['stale', '"2"'],
    ['newer', '"4"'],
    ['unquoted', '3'],
    ['garbage', 'nonsense'],
  ])('answers a %s If-Match with 412 PRECONDITION_FAILED', (_what, ifMatch) => {
    let error: unknown;
    try {
      assertIfMatch(ifMatch, 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED', extra: { currentEtag: '"3"' } });
  });
});

describe('etagOf / versionFromIfMatch', () => {
  it('quotes the version', () => expect(etagOf(7)).toBe('"7"'));

  it.each([
    [undefined, undefined],
    ['*', undefined],
    ['"7"', 7],
    ['W/"7"', 7],
  ])('reads %j as version %j', (ifMatch, version) => {
    expect(versionFromIfMatch(ifMatch)).toBe(version);
  });

  it('answers a malformed If-Match with 412', () => {
    expect(() => versionFromIfMatch('abc')).toThrow(expect.objectContaining({ status: 412 }));
  });
});

describe('requiredVersion (record at version 3)', () => {
  it.each([
    [undefined, 428],
    ['', 428],
    ['  ', 428],
  ])('answers If-Match %j with 428 PRECONDITION_REQUIRED', (ifMatch, status) => {
    expect(() => requiredVersion(ifMatch, 3)).toThrow(expect.objectContaining({ status, code: 'PRECONDITION_REQUIRED' }));
  });

  it.each([
    ['"3"', 3],
    ['W/"2"', 2],
    ['*', 3],
  ])('takes If-Match %s as version %d', (ifMatch, version) => expect(requiredVersion(ifMatch, 3)).toBe(version));
});
