import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { renderPostmortem } from '../../core/postmortem/render-postmortem.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam } from '../schemas.js';

export function postmortemRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/incidents/:id/postmortem.md',
    { schema: { tags: ['incidents'], params: idParam, summary: 'The postmortem as a Markdown document' } },
    async (request, reply) => {
      const id = request.params.id;
      const markdown = await renderPostmortem(deps.core, ctxOf(request, deps.clock), id, `${deps.publicUrl}/incidents/${id}`);
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="incident-${id}-postmortem.md"`)
        .send(markdown);
    },
  );
}
