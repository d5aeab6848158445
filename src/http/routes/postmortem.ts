import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPostmortem } from '../../core/postmortem/get-postmortem.js';
import { reviewPostmortem } from '../../core/postmortem/review-postmortem.js';
import { savePostmortem } from '../../core/postmortem/save-postmortem.js';
import { startPostmortem } from '../../core/postmortem/start-postmortem.js';
import { POSTMORTEM_MAX } from '../../core/postmortem/schemas.js';
import { presentPostmortem } from '../presenters/present-postmortem.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, text } from '../schemas.js';

const version = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const saveBody = z
  .object({
    markdown: text(POSTMORTEM_MAX).describe('The whole postmortem, in Markdown'),
    version: version.optional().describe('The version you edited (from GET; 0 when it was not started): a save after someone else saved is refused with 409 instead of overwriting theirs'),
    state: z.enum(['draft', 'reviewed']).optional().describe('Omitted: a new postmortem is a draft, a stored one keeps its state'),
  })
  .strict();
const reviewBody = z.object({ version: version.optional().describe('The version you reviewed: refused with 409 if it changed since') }).strict();

const postmortemSchema = z.object({
  incident_id: z.number(),
  state: z.enum(['not_started', 'draft', 'reviewed']),
  markdown: z.string(),
  version: z.number(),
  updated_at: z.string().nullable(),
  updated_by: z.object({ slack_id: z.string(), display_name: z.string(), full_name: z.string().nullable() }).nullable(),
  updated_by_label: z.string().nullable(),
});

export function postmortemRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['postmortem'];
  const docUrl = (id: number) => `${deps.publicUrl}/incidents/${id}`;
  r.get(
    '/api/v1/incidents/:id/postmortem',
    {
      schema: {
        tags,
        params: idParam,
        response: { 200: postmortemSchema },
        summary: "The incident's postmortem: its state and Markdown (not started: the template filled in from the incident)",
      },
    },
    async (request) => presentPostmortem(await getPostmortem(deps.core, ctxOf(request, deps.clock), request.params.id, docUrl(request.params.id))),
  );
  r.post(
    '/api/v1/incidents/:id/postmortem',
    { schema: { tags, params: idParam, response: { 200: postmortemSchema, 201: postmortemSchema }, summary: 'Start the postmortem: the template filled in from the incident, stored as a draft (200 when already started)' } },
    async (request, reply) => {
      const { postmortem, started } = await startPostmortem(deps.core, ctxOf(request, deps.clock), request.params.id, { docUrl: docUrl(request.params.id) });
      return reply.code(started ? 201 : 200).send(presentPostmortem(postmortem));
    },
  );
  r.put(
    '/api/v1/incidents/:id/postmortem',
    { schema: { tags, params: idParam, body: saveBody, response: { 200: postmortemSchema }, summary: 'Save the postmortem (starts it when not started); in the change log as postmortem.saved' } },
    async (request) => presentPostmortem(await savePostmortem(deps.core, ctxOf(request, deps.clock), request.params.id, request.body)),
  );
  r.post(
    '/api/v1/incidents/:id/postmortem/review',
    { schema: { tags, params: idParam, body: reviewBody.nullish(), response: { 200: postmortemSchema }, summary: 'Mark the postmortem reviewed' } },
    async (request) => presentPostmortem(await reviewPostmortem(deps.core, ctxOf(request, deps.clock), request.params.id, request.body ?? {})),
  );
  r.get(
    '/api/v1/incidents/:id/postmortem.md',
    { schema: { tags, params: idParam, summary: 'The postmortem as a Markdown file to download (not started: the template filled in from the incident)' } },
    async (request, reply) => {
      const id = request.params.id;
      const { markdown } = await getPostmortem(deps.core, ctxOf(request, deps.clock), id, docUrl(id));
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="incident-${id}-postmortem.md"`)
        .send(markdown);
    },
  );
}
