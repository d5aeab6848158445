import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listIncidents } from '../../core/incident/list.js';
import type { Incident } from '../../core/incident/model.js';
import type { Page } from '../../core/shared/page.js';
import { incidentProcessOf } from '../../core/shared/incident-process.js';
import { csvRecord, customFieldColumns, incidentCsvColumns } from '../presenters/present-incident-csv.js';
import { ctxOf, presentContext, type HttpDeps } from '../route-deps.js';
import { fieldParams, listQuery } from './incidents.js';

// The export takes the list's filters; it pages through everything they match itself.
const csvQuery = listQuery.omit({ limit: true, cursor: true });
const PAGE = 200;

/**
 * `GET /api/v1/incidents.csv`: the incident list with every field, as a spreadsheet. It walks the
 * list's keyset pages (its indexes, its privacy rule) and writes each page as it comes, so an export
 * of years of incidents holds one page in memory, never the whole list.
 */
export function incidentCsvRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/incidents.csv',
    {
      schema: {
        tags: ['incidents'],
        querystring: csvQuery,
        summary: 'Export the incident list as CSV (RFC 4180), with the same filters as the list; private incidents only for their people and admins',
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const q = request.query;
      const ctx = ctxOf(request, deps.clock);
      const filters = { status: q.status === 'all' ? undefined : q.status, severity: q.severity, type: q.type, q: q.q, from: q.from, to: q.to, fields: fieldParams(request.url) };
      const c = presentContext(deps);
      const process = incidentProcessOf(deps.core);
      const columns = incidentCsvColumns(process, c, customFieldColumns(process));
      // The first page is read before answering: a bad filter is still a 422 in JSON, not a broken download.
      const first = await listIncidents(deps.core, ctx, { ...filters, limit: PAGE });
      async function* lines(): AsyncGenerator<string> {
        yield csvRecord(columns.map((col) => col.header));
        let page: Page<Incident> | null = first;
        while (page) {
          yield page.results.map((i) => csvRecord(columns.map((col) => col.value(i)))).join('');
          page = page.next ? await listIncidents(deps.core, ctx, { ...filters, limit: PAGE, cursor: page.next }) : null;
        }
      }
      const day = c.now.toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="incidents-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );
}
