import { AppError } from '../errors/app-error';
import { CursorPosition, decodeCursor, encodeCursor, instantPosition, toPage, uuidAfter } from './pagination';

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
