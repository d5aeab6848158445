import { DomainError } from '../core/shared/errors.js';

/** Opaque keyset cursors: base64url JSON of the sort key of the last row served. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && parsed.every((v, i) => typeof v === shape[i])) return parsed as (string | number)[];
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
