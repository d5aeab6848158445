/** What PostgreSQL can store, as every surface's validation checks it before a statement fails. */
import { z } from 'zod';

/** The largest value of PostgreSQL's `integer` (the row ids' type). */
export const INT4_MAX = 2_147_483_647;

export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

/** PostgreSQL text and jsonb refuse U+0000. */
export const hasNul = (s: string) => s.includes('\u0000');

const YEAR_1 = Date.parse('0001-01-01T00:00:00Z');
const YEAR_10000 = Date.parse('+010000-01-01T00:00:00Z');

/** Years 0001–9999: PostgreSQL has no year 0 and JavaScript dates go far beyond 9999. */
export function storableDate(d: Date): boolean {
  const t = d.getTime();
  return Number.isFinite(t) && t >= YEAR_1 && t < YEAR_10000;
}

/** Any text a verb stores: no NUL (the one character PostgreSQL cannot keep). */
export const storableText = () => z.string().refine((s) => !hasNul(s), NUL_MESSAGE);

/** A date a verb stores. */
export const storableDateSchema = () => z.date().refine(storableDate, 'must be a date between the years 0001 and 9999');

/** A JSON object for a jsonb column: no NUL in its keys or strings, at any depth (the issue names where). */
export const jsonObjectSchema = () =>
  z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const path = firstNulPath(value);
    if (path) ctx.addIssue({ code: 'custom', message: NUL_MESSAGE, path });
  });

function firstNulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return hasNul(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstNulPath(v, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hasNul(k)) return [...path, k];
      const found = firstNulPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}
