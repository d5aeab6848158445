import { z } from 'zod';
import { ISSUE_PROVIDER_LABELS, ISSUE_PROVIDERS, type Action } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { DomainError, notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { actionSnapshot } from '../events/snapshots.js';

const issueSchema = z
  .object({
    provider: z.enum(ISSUE_PROVIDERS, { message: `must be one of ${ISSUE_PROVIDERS.join(', ')}` }),
    key: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
  })
  .strict();
export type ActionIssueLink = z.input<typeof issueSchema>;

/**
 * Records that a follow-up's issue was made in its tracker (the integration calls it after the
 * tracker answered): the action shows the key and link, the timeline says so, and
 * `action.issue_linked` is recorded. Linking the same issue again changes nothing (a redelivered
 * event); another issue while one is linked, or an issue linked to another action, is a CONFLICT.
 */
export async function linkActionIssue(
  deps: CoreDeps,
  ctx: Ctx,
  incidentId: number,
  actionId: number,
  input: ActionIssueLink,
): Promise<{ action: Action; linked: boolean }> {
  await authorizeIncident(deps, ctx, incidentId);
  const link = validate(issueSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const before = incident ? await tx.actions.get(incidentId, actionId) : null;
    if (!incident || !before) throw notFound(`Action ${actionId} of incident ${incidentId}`);
    const label = ISSUE_PROVIDER_LABELS[link.provider];
    if (before.issue?.state === 'linked') {
      if (before.issue.provider === link.provider && before.issue.key === link.key) return { action: before, linked: false };
      throw new DomainError('CONFLICT', `Action ${actionId} is already tracked in ${ISSUE_PROVIDER_LABELS[before.issue.provider]} as ${before.issue.key}`);
    }
    const holder = await tx.actions.getByIssue(link.provider, link.key);
    if (holder && holder.id !== actionId) throw new DomainError('CONFLICT', `${label} issue ${link.key} is already linked to action ${holder.id}`);
    await tx.actions.setIssue(actionId, { provider: link.provider, key: link.key, url: link.url, state: 'linked' }, now);
    const action = (await tx.actions.get(incidentId, actionId)) as Action;
    await tx.timeline.insert(
      incidentId,
      {
        timestamp: now,
        text: `Action tracked in ${label} as ${link.key}: ${action.details}`,
        eventType: 'action',
        metadata: { action_id: actionId, issue_provider: link.provider, issue_key: link.key, issue_url: link.url },
        actor: ctx.actor,
      },
      now,
    );
    await recordChange(tx, ctx, {
      type: 'action.issue_linked',
      incident,
      data: { action: actionSnapshot(action), issue: { provider: link.provider, key: link.key, url: link.url } },
    });
    return { action, linked: true };
  });
}
