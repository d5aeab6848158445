import { ISSUE_PROVIDER_LABELS, type Action, type IssueProvider } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { actionSnapshot } from '../events/snapshots.js';

/**
 * Records that the tracker refused to make a follow-up's issue for good (bad project, missing
 * permission): the action no longer shows it as on its way, and it may be asked for again. Only
 * a pending request to the same tracker is marked; anything else (linked meanwhile, asked of
 * another tracker) is left as it is.
 */
export async function failActionIssue(
  deps: CoreDeps,
  ctx: Ctx,
  incidentId: number,
  actionId: number,
  provider: IssueProvider,
  reason: string,
): Promise<Action> {
  await authorizeIncident(deps, ctx, incidentId);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const before = incident ? await tx.actions.get(incidentId, actionId) : null;
    if (!incident || !before) throw notFound(`Action ${actionId} of incident ${incidentId}`);
    if (before.issue?.state !== 'requested' || before.issue.provider !== provider) return before;
    await tx.actions.setIssue(actionId, { provider, key: null, url: null, state: 'failed' }, now);
    const action = (await tx.actions.get(incidentId, actionId)) as Action;
    const why = reason.slice(0, 500);
    await tx.timeline.insert(
      incidentId,
      {
        timestamp: now,
        text: `${ISSUE_PROVIDER_LABELS[provider]} refused to create the issue for action "${action.details}": ${why}`,
        eventType: 'action',
        metadata: { action_id: actionId, issue_provider: provider },
        actor: ctx.actor,
      },
      now,
    );
    await recordChange(tx, ctx, { type: 'action.issue_failed', incident, data: { action: actionSnapshot(action), provider, reason: why } });
    return action;
  });
}
