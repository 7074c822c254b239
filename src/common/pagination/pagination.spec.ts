import { AppError } from '../errors/app-error';
import { bigintAfter, CursorPosition, dayPosition, decodeCursor, encodeCursor, instantPosition, toPage, uuidAfter } from './pagination';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('cursor encoding', () => {
  it.each<CursorPosition>([
    { value: '2026-01-31T10:00:00.000Z', id: '6f1c2b1e-0000-4000-8000-000000000001' },
    { value: 42, id: 'a' },
    { value: 0, id: '' },
    { value: 'Ёлкин, "Иван"', id: 'id,with,commas' },
  ])('round-trips %j', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe without escaping
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([undefined, ''])('reads %j as "from the start"', (cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });

  it.each([
    ['not base64 json', '!!!'],
    ['JSON but not an array', Buffer.from('{"a":1}').toString('base64url')],
    ['an array of the wrong length', Buffer.from('[1,"a","b"]').toString('base64url')],
    ['an id that is not a string', Buffer.from('[1,2]').toString('base64url')],
    ['a value that is an object', Buffer.from('[{},"a"]').toString('base64url')],
    ['truncated', encodeCursor({ value: 'x', id: 'y' }).slice(0, -3)],
  ])('rejects a cursor that is %s with 400 INVALID_CURSOR', (_what, cursor) => {
    const error = errorOf(() => decodeCursor(cursor));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });
});

describe('toPage', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, rank: i }));
  const positionOf = (r: { id: string; rank: number }) => ({ value: r.rank, id: r.id });

  it.each([
    { fetched: 4, limit: 3, items: 3, next: { value: 2, id: 'id-2' } },
    { fetched: 3, limit: 3, items: 3, next: null },
    { fetched: 1, limit: 3, items: 1, next: null },
    { fetched: 0, limit: 3, items: 0, next: null },
  ])('$fetched rows for limit $limit → $items items, next $next', ({ fetched, limit, items, next }) => {
    const page = toPage(rows(fetched), limit, positionOf);
    expect(page.items).toEqual(rows(fetched).slice(0, items));
    expect(page.nextCursor === null ? null : decodeCursor(page.nextCursor)).toEqual(next);
  });
});

const ID = '7d0f0b5e-7b5e-4a8e-9d0e-000000000001';

describe('instantPosition', () => {
  it('reads an instant and a uuid', () => {
    expect(instantPosition({ value: '2026-01-02T03:04:05.678Z', id: ID })).toEqual({ createdAt: new Date('2026-01-02T03:04:05.678Z'), id: ID });
  });

  it.each<[string, CursorPosition]>([
    ['a number', { value: 50, id: ID }],
    ['not a date', { value: 'yesterday-ish', id: ID }],
    ['an id that is not a uuid', { value: '2026-01-02T03:04:05.678Z', id: 'rank' }],
  ])('refuses %s with INVALID_CURSOR', (_what, position) => {
    expect(errorOf(() => instantPosition(position))).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });
});

describe('uuidAfter', () => {
  it('gives the id of a cursor, or undefined without one', () => {
    expect(uuidAfter(encodeCursor({ value: ID, id: ID }))).toBe(ID);
    expect(uuidAfter(undefined)).toBeUndefined();
  });

  it.each(['rank', '12', "x' OR 1=1"])('refuses the id %j with INVALID_CURSOR', (id) => {
    expect(errorOf(() => uuidAfter(encodeCursor({ value: id, id })))).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });
});

describe('dayPosition', () => {
  it.each(['2026-05-12', '2024-02-29', '0001-01-01', '9999-12-31'])('reads the day %s and a uuid', (day) => {
    expect(dayPosition({ value: day, id: ID })).toEqual({ day, id: ID });
  });

  it('reads the cursor its list writes', () => {
    expect(dayPosition(decodeCursor(encodeCursor({ value: '2027-03-01', id: ID }))!)).toEqual({ day: '2027-03-01', id: ID });
  });

  it.each<[string, CursorPosition]>([
    ['a number', { value: 20260512, id: ID }],
    ['not a date', { value: 'not-a-date', id: ID }],
    ['empty', { value: '', id: ID }],
    ['30 February', { value: '2026-02-30', id: ID }],
    ['29 February of a common year', { value: '2026-02-29', id: ID }],
    ['a 13th month', { value: '2026-13-01', id: ID }],
    ['a day 00', { value: '2026-05-00', id: ID }],
    ['the year 0', { value: '0000-01-01', id: ID }],
    ['a six-digit year', { value: '+275760-09-13', id: ID }],
    ['a negative year', { value: '-0001-01-01', id: ID }],
    ['an instant', { value: '2026-05-12T00:00:00.000Z', id: ID }],
    ['a day without zero padding', { value: '2026-5-12', id: ID }],
    ['a day with spaces', { value: ' 2026-05-12', id: ID }],
    ['an id that is not a uuid', { value: '2026-05-12', id: 'rank' }],
    ['an id that is SQL', { value: '2026-05-12', id: "x' OR 1=1 --" }],
  ])('refuses %s with INVALID_CURSOR', (_what, position) => {
    expect(errorOf(() => dayPosition(position))).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });
});

describe('bigintAfter', () => {
  it.each([
    ['1', 1n],
    ['42', 42n],
    ['9223372036854775807', 9223372036854775807n],
  ])('gives the id %s of a cursor', (id, expected) => {
    expect(bigintAfter(encodeCursor({ value: id, id }))).toBe(expected);
  });

  it('gives undefined without a cursor', () => {
    expect(bigintAfter(undefined)).toBeUndefined();
    expect(bigintAfter('')).toBeUndefined();
  });

  const raw = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
  it.each<[string, string]>([
    ['a non-numeric id', encodeCursor({ value: 'abc', id: 'abc' })],
    ['an empty id', encodeCursor({ value: '', id: '' })],
    ['a negative id', encodeCursor({ value: '-1', id: '-1' })],
    ['a zero id', encodeCursor({ value: '0', id: '0' })],
    ['an id with leading zeros', encodeCursor({ value: '007', id: '007' })],
    ['a fractional id', encodeCursor({ value: '1.5', id: '1.5' })],
    ['an id in exponent form', encodeCursor({ value: '1e3', id: '1e3' })],
    ['a hexadecimal id', encodeCursor({ value: '0x10', id: '0x10' })],
    ['an id with spaces', encodeCursor({ value: ' 5', id: ' 5' })],
    ['an id past int8', encodeCursor({ value: '9223372036854775808', id: '9223372036854775808' })],
    ['a huge id', encodeCursor({ value: '9'.repeat(30), id: '9'.repeat(30) })],
    ['a uuid', encodeCursor({ value: ID, id: ID })],
    ['a number as the value', encodeCursor({ value: 5, id: '5' })],
    ['a fractional number as the value', encodeCursor({ value: 1.5, id: '1' })],
    ['a value that is not its id', encodeCursor({ value: '7', id: '8' })],
    ['an object as the value', raw([{ id: 1 }, '1'])],
    ['an array as the value', raw([[1], '1'])],
    ['an object', raw({ value: '1', id: '1' })],
    ['a bare number', raw(5)],
  ])('refuses a cursor with %s with INVALID_CURSOR', (_what, cursor) => {
    expect(errorOf(() => bigintAfter(cursor))).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });
});
