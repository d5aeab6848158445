import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addAction } from '../../core/action/add-action.js';
import { listActions } from '../../core/action/list-actions.js';
import { removeAction } from '../../core/action/remove-action.js';
import { updateAction } from '../../core/action/update-action.js';
import { ACTION_PRIORITIES, ACTION_TYPES } from '../../core/action/ports.js';
import { presentAction } from '../presenters/present.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, isoDate, pageQuery, rowId, text } from '../schemas.js';

const body = z
  .object({
    details: text(),
    done: z.boolean(),
    due_date: isoDate.nullable().describe('YYYY-MM-DD'),
    priority: z.enum(ACTION_PRIORITIES).nullable(),
    type: z.enum(ACTION_TYPES).nullable(),
    assignee: text().nullable().describe('Slack user id'),
  })
  .partial()
  .strict();
const actionParams = idParam.extend({ action_id: rowId });
const toInput = (b: z.output<typeof body>) => ({ details: b.details, done: b.done, dueDate: b.due_date, priority: b.priority, type: b.type, assignee: b.assignee });

export function actionRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['actions'];
  r.get('/api/v1/incidents/:id/actions', { schema: { tags, params: idParam, querystring: pageQuery } }, async (request) => {
    const page = await listActions(deps.core, ctxOf(request, deps.clock), request.params.id, request.query.limit, request.query.cursor ?? null);
    return { results: page.results.map(presentAction), next: page.next };
  });
  r.post('/api/v1/incidents/:id/actions', { schema: { tags, params: idParam, body: body.required({ details: true }) } }, async (request, reply) => {
    const action = await addAction(deps.core, ctxOf(request, deps.clock), request.params.id, toInput(request.body));
    return reply.code(201).send(presentAction(action));
  });
  r.patch('/api/v1/incidents/:id/actions/:action_id', { schema: { tags, params: actionParams, body } }, async (request) => {
    const action = await updateAction(deps.core, ctxOf(request, deps.clock), request.params.id, request.params.action_id, toInput(request.body));
    return presentAction(action);
  });
  r.delete('/api/v1/incidents/:id/actions/:action_id', { schema: { tags, params: actionParams } }, async (request, reply) => {
    await removeAction(deps.core, ctxOf(request, deps.clock), request.params.id, request.params.action_id);
    return reply.code(204).send();
  });
}
