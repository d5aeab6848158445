import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listCompatEvents, listCompatUsers } from '../../../core/compat/compat-users-events.js';
import { DomainError, invalid } from '../../../core/shared/errors.js';
import { parseNaiveLocal } from '../../presenters/compat/local-time.js';
import { presentOriginalEvent, presentOriginalUser } from '../../presenters/compat/present-compat.js';
import { ctxOf, type HttpDeps } from '../../route-deps.js';
import { text } from '../../schemas.js';
import { COMPAT_SECURITY, COMPAT_TAG, compatZone } from './compat-schema.js';
import { DEFAULT_LIMIT, limitOffsetLinks, limitOffsetQuery, pageNumberLinks, pageNumberQuery, USERS_PAGE_SIZE } from './paging.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const TIME_HELP = 'A date or date-time, naive ones on TIMEZONE’s wall clock (2026-12-03, 2026-12-03T06:56:44, 2026-12-03T06:56:44Z)';
const eventsQuery = limitOffsetQuery.extend({ from: text(64).optional().describe(`${TIME_HELP}; default a day before now`), to: text(64).optional().describe(`${TIME_HELP}; default now`) });

export function compatUserAndEventRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const zone = compatZone(deps);
  const tags = [COMPAT_TAG];
  const security = COMPAT_SECURITY;
  r.get('/core/users/', { schema: { tags, security, summary: 'Everyone Response knows, by page number (500 a page)', querystring: pageNumberQuery } }, async (request) => {
    const page = request.query.page ?? 1;
    const size = request.query.page_size ?? USERS_PAGE_SIZE;
    const found = await listCompatUsers(deps.core, ctxOf(request, deps.clock), { limit: size, offset: (page - 1) * size });
    // As DRF: a page past the last is "Invalid page." (404); the first page always exists.
    if (page > 1 && found.results.length === 0) throw new DomainError('NOT_FOUND', 'Invalid page.', 'page');
    return { ...pageNumberLinks(request, found.count, page, size), results: found.results.map(presentOriginalUser) };
  });
  r.get(
    '/core/events/',
    { schema: { tags, security, summary: 'The change log between from and to (both included; default the last day), by id', querystring: eventsQuery } },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const offset = request.query.offset ?? 0;
      const now = deps.clock.now();
      const at = (name: 'from' | 'to', fallback: Date): Date => {
        const value = request.query[name];
        if (value === undefined) return fallback;
        const parsed = parseNaiveLocal(value, zone);
        if (!parsed) throw invalid(name, `${name}: must be a date or date-time such as 2026-12-03 or 2026-12-03T06:56:44 (got "${value}")`);
        return parsed;
      };
      const from = at('from', new Date(now.getTime() - DAY_MS));
      const to = at('to', now);
      if (request.query.from !== undefined && request.query.to !== undefined && from > to) throw invalid('from', `from (${request.query.from}) is after to (${request.query.to})`);
      const page = await listCompatEvents(deps.core, ctxOf(request, deps.clock), { limit, offset, from, to });
      return { ...limitOffsetLinks(request, page.count, limit, offset), results: page.results.map((e) => presentOriginalEvent(e, zone)) };
    },
  );
}
