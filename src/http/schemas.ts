import { z } from 'zod';
import { INT4_MAX, hasNul, jsonObjectSchema, NUL_MESSAGE, storableDate } from '../core/shared/input-limits.js';

/**
 * A row id in a path (`/incidents/{id}`): digits only, within PostgreSQL's `integer`. Larger ids
 * (2³¹ and up) cannot name a row, and sending them to SQL fails the statement, so they are a 422
 * naming the parameter. `1e3`, `0x10` or ` 7` are not ids either.
 */
export const rowId = z
  .string()
  .regex(/^\d{1,12}$/, 'must be a positive whole number')
  .transform(Number)
  .refine((n) => n >= 1 && n <= INT4_MAX, `must be between 1 and ${INT4_MAX}`);

/** Query and path pieces shared by the API's routes. */
export const idParam = z.object({ id: rowId });

/**
 * Text as a client sends it. PostgreSQL refuses the NUL character in text and JSON, so it is a
 * field error here rather than a failed statement.
 */
export const text = (max?: number) => {
  const base = z.string().refine((s) => !hasNul(s), NUL_MESSAGE);
  return max === undefined ? base : base.refine((s) => s.length <= max, `must be at most ${max} characters`);
};

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: text(500).optional(),
});

/** An ISO-8601 date-time PostgreSQL can store (year 0001 to 9999; `0000-01-01` is not a date there). */
export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time such as 2026-11-23T10:00:00Z' })
  .transform((s) => new Date(s))
  .refine(storableDate, 'must be a date between the years 0001 and 9999');

/** A JSON object whose keys and strings (at any depth) hold no NUL, which PostgreSQL's jsonb refuses. */
export const jsonObject = jsonObjectSchema();

/** A calendar date (YYYY-MM-DD) PostgreSQL's `date` can store. */
export const isoDate = z.iso
  .date({ message: 'must be a date such as 2026-12-31' })
  .refine((s) => storableDate(new Date(`${s}T00:00:00Z`)), 'must be a date between the years 0001 and 9999');
