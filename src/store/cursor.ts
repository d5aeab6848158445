import { DomainError } from '../core/shared/errors.js';
import { hasNul, INT4_MAX, storableDate } from '../core/shared/input-limits.js';

/** Opaque keyset cursors: base64url JSON of the sort key of the last row served. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What a cursor position may hold: `id` an `integer` row id, `number` a `bigint` id, `time` an
 * ISO date-time, `string` any text. A hand-made cursor (`["0000-01-01", 99999999999]`) is a 422
 * on `cursor`, never a statement PostgreSQL refuses.
 */
export type CursorPart = 'id' | 'number' | 'time' | 'string';

const fits: Record<CursorPart, (v: unknown) => boolean> = {
  id: (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= INT4_MAX,
  number: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  time: (v) => typeof v === 'string' && !hasNul(v) && storableDate(new Date(v)),
  string: (v) => typeof v === 'string' && !hasNul(v),
};

export function decodeCursor(cursor: string, shape: CursorPart[]): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && parsed.every((v, i) => fits[shape[i] as CursorPart](v))) return parsed as (string | number)[];
  } catch {
    // fall through to the error below
  }
  throw new DomainError('VALIDATION', 'cursor is not valid; use the "next" value of a previous page', 'cursor');
}

/** Turns limit+1 fetched rows into a page and a cursor for the next one. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => (string | number)[]): { results: T[]; next: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { results: slice.map(map), next: more && last ? encodeCursor(key(last)) : null };
}
