import { ISSUE_PROVIDER_LABELS, ISSUE_PROVIDERS, type Action, type IssueProvider } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import { actorLabel, type Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { actionSnapshot } from '../events/snapshots.js';

/** Checks a provider name against the configured trackers; the error names `provider` and what is on. */
export function configuredProvider(core: Pick<CoreDeps, 'issueTrackers'>, provider: string): IssueProvider {
  const on = core.issueTrackers ?? [];
  if ((on as readonly string[]).includes(provider)) return provider as IssueProvider;
  const known = (ISSUE_PROVIDERS as readonly string[]).includes(provider);
  const which = on.length ? `configured: ${on.join(', ')}` : 'no issue tracker is configured (see docs/integrations.md)';
  throw invalid(
    'provider',
    known ? `${ISSUE_PROVIDER_LABELS[provider as IssueProvider]} is not configured; ${which}` : `must be one of ${ISSUE_PROVIDERS.join(', ')}; ${which}`,
  );
}

/**
 * Asks for a follow-up to be tracked as an issue in Jira or Linear: records the request and the
 * `action.issue_requested` event, from which the tracker's integration makes the issue (and links it
 * with `linkActionIssue`). Refused while the action already has a linked issue (CONFLICT); asking
 * again while a request is pending or after one failed records a new request, which the
 * integration answers without making a second issue. Returns the action and whether a request was recorded now.
 */
export async function requestActionIssue(
  deps: CoreDeps,
  ctx: Ctx,
  incidentId: number,
  actionId: number,
  providerName: string,
): Promise<{ action: Action; requested: boolean }> {
  await authorizeIncident(deps, ctx, incidentId);
  const provider = configuredProvider(deps, providerName);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const before = incident ? await tx.actions.get(incidentId, actionId) : null;
    if (!incident || !before) throw notFound(`Action ${actionId} of incident ${incidentId}`);
    const issue = before.issue;
    if (issue?.state === 'linked') {
      throw new DomainError('CONFLICT', `Action ${actionId} is already tracked in ${ISSUE_PROVIDER_LABELS[issue.provider]} as ${issue.key}`);
    }
    // A pending request to the same tracker is answered already: asking twice (a double click) asks once.
    if (issue?.state === 'requested' && issue.provider === provider) return { action: before, requested: false };
    await tx.actions.setIssue(actionId, { provider, key: null, url: null, state: 'requested' }, now);
    const action = (await tx.actions.get(incidentId, actionId)) as Action;
    await tx.timeline.insert(
      incidentId,
      {
        timestamp: now,
        text: `${ISSUE_PROVIDER_LABELS[provider]} issue requested by ${actorLabel(ctx.actor)} for action: ${action.details}`,
        eventType: 'action',
        metadata: { action_id: actionId, issue_provider: provider },
        actor: ctx.actor,
      },
      now,
    );
    await recordChange(tx, ctx, { type: 'action.issue_requested', incident, data: { action: actionSnapshot(action), provider } });
    return { action, requested: true };
  });
}
