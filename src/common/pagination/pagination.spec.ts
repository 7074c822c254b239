import { AppError } from '../errors/app-error';
import { CursorPosition, decodeCursor, encodeCursor, toPage } from './pagination';

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
