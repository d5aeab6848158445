import { z } from 'zod';

/** Query and path pieces shared by the API's routes. */
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z.string().max(500).optional(),
});
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time such as 2026-11-23T10:00:00Z' }).transform((s) => new Date(s));
