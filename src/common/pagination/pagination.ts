import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CommonErrors } from '../errors/app-error';
import { isIsoDate } from '../../workers/document.rules';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** `?limit=&cursor=` on every list. Extend it with the list's filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A keyset position: the sort value of the last row and its id (the tie-breaker). */
export interface CursorPosition {
  value: string | number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') && typeof parsed[1] === 'string') {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    /* fall through */
  }
  throw CommonErrors.badCursor();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The position of a list ordered by (created_at, id): a cursor whose value is not an instant or
 * whose id is not a uuid (forged, or another list's) is refused with 400 before it reaches SQL.
 */
export function instantPosition(cursor: CursorPosition): { createdAt: Date; id: string } {
  const createdAt = typeof cursor.value === 'string' ? new Date(cursor.value) : new Date(Number.NaN);
  if (Number.isNaN(createdAt.getTime()) || !UUID.test(cursor.id)) throw CommonErrors.badCursor();
  return { createdAt, id: cursor.id };
}

/** The id after which a list ordered by id goes on, from its raw cursor; not a uuid: 400. */
export function uuidAfter(cursor: string | undefined): string | undefined {
  const position = decodeCursor(cursor);
  if (position && !UUID.test(position.id)) throw CommonErrors.badCursor();
  return position?.id;
}

/**
 * The position of a list ordered by (a date column, id): a cursor whose value is not a calendar day
 * `YYYY-MM-DD` of years 1–9999 (PostgreSQL has no year 0) or whose id is not a uuid is refused with
 * 400 before it reaches SQL.
 */
export function dayPosition(cursor: CursorPosition): { day: string; id: string } {
  const day = cursor.value;
  if (!isIsoDate(day) || day.startsWith('0000') || !UUID.test(cursor.id)) throw CommonErrors.badCursor();
  return { day, id: cursor.id };
}

const BIGINT_ID = /^[1-9]\d{0,18}$/;
const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * The id after which a list ordered by a bigint id (either way) goes on, from its raw cursor; value
 * and id both hold it, as the list writes it: anything but a positive int8 in plain digits is 400.
 */
export function bigintAfter(cursor: string | undefined): bigint | undefined {
  const position = decodeCursor(cursor);
  if (!position) return undefined;
  if (position.value !== position.id || !BIGINT_ID.test(position.id) || BigInt(position.id) > BIGINT_MAX) throw CommonErrors.badCursor();
  return BigInt(position.id);
}

/**
 * Builds a page from `limit + 1` rows fetched in keyset order: the extra row only tells
 * whether there is a next page.
 */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit && items.length > 0 ? encodeCursor(positionOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}

export function limitOf(query: PageQueryDto): number {
  return query.limit ?? DEFAULT_LIMIT;
}
