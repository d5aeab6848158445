import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ISSUE_PROVIDER_LABELS } from '../../core/action/ports.js';
import { requestActionIssue } from '../../core/action/request-action-issue.js';
import { presentAction } from '../presenters/present.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, rowId, text } from '../schemas.js';

const actionParams = idParam.extend({ action_id: rowId });

/** Follow-ups as issues in Jira or Linear: which trackers are on, and asking for an action's issue. */
export function actionIssueRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/issue-trackers', { schema: { tags: ['actions'], summary: 'The issue trackers follow-ups can be sent to (those configured)' } }, async () => {
    return { results: (deps.core.issueTrackers ?? []).map((provider) => ({ provider, label: ISSUE_PROVIDER_LABELS[provider] })) };
  });
  r.post(
    '/api/v1/incidents/:id/actions/:action_id/issue',
    {
      schema: {
        tags: ['actions'],
        summary: 'Track the action as an issue in Jira or Linear (made in the background; the action shows its key and link once linked)',
        params: actionParams,
        body: z.object({ provider: text(20).describe('jira or linear (one that is configured)') }).strict(),
      },
    },
    async (request, reply) => {
      const { action, requested } = await requestActionIssue(
        deps.core,
        ctxOf(request, deps.clock),
        request.params.id,
        request.params.action_id,
        request.body.provider,
      );
      return reply.code(requested ? 202 : 200).send(presentAction(action));
    },
  );
}
