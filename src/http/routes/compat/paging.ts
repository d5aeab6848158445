import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { INT4_MAX } from '../../../core/shared/input-limits.js';

// Django REST framework's pagination, as the original configured it: limit/offset (default 100, no
// maximum) on every list but users, which page by number (500 a page). Its links are absolute URLs
// of the request with the query's keys sorted, as DRF's replace_query_param writes them.

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

export const limitOffsetQuery = z.object({
  limit: wholeNumber(1, INT4_MAX).optional().describe('How many (default 100, no maximum)'),
  offset: wholeNumber(0, INT4_MAX).optional().describe('How many to skip (default 0)'),
});

export const pageNumberQuery = z.object({
  page: wholeNumber(1, INT4_MAX).optional().describe('Page number (default 1)'),
  page_size: wholeNumber(1, 1000).optional().describe('Page size (default 500, at most 1000)'),
});

export const DEFAULT_LIMIT = 100;
export const USERS_PAGE_SIZE = 500;

/** The request's own absolute URL with `changes` applied (null removes a key), its query sorted by key. */
export function linkTo(request: FastifyRequest, changes: Record<string, number | null>): string {
  const [path = '/', query = ''] = request.url.split('?');
  const params = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, String(value));
  }
  params.sort();
  const search = params.toString();
  return `${request.protocol}://${request.host}${path}${search ? `?${search}` : ''}`;
}

export interface PageLinks {
  count: number;
  next: string | null;
  previous: string | null;
}

/** DRF's LimitOffsetPagination links. */
export function limitOffsetLinks(request: FastifyRequest, count: number, limit: number, offset: number): PageLinks {
  const next = offset + limit < count ? linkTo(request, { limit, offset: offset + limit }) : null;
  const previous = offset <= 0 ? null : offset - limit <= 0 ? linkTo(request, { limit, offset: null }) : linkTo(request, { limit, offset: offset - limit });
  return { count, next, previous };
}

/** DRF's PageNumberPagination links. */
export function pageNumberLinks(request: FastifyRequest, count: number, page: number, size: number): PageLinks {
  const pages = Math.max(1, Math.ceil(count / size));
  const next = page < pages ? linkTo(request, { page: page + 1 }) : null;
  const previous = page <= 1 ? null : page - 1 === 1 ? linkTo(request, { page: null }) : linkTo(request, { page: page - 1 });
  return { count, next, previous };
}
