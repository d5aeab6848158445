import { actionHandler, definePlugin, escapeMrkdwn, onIncidentEvent } from '../../sdk/index.js';
import type { Action, IncidentView, IssueProvider, Plugin, WebhookRequest, WebhookVerdict } from '../../sdk/types.js';
import { DomainError } from '../../../core/shared/errors.js';
import { actionIssueDataKey, issueActionDataKey, type IssueOwner, type StoredIssue } from './follow-up-issue.js';
import { VendorError } from './vendor-http.js';

/** The Slack button on an action that asks for its issue in `provider` (value: the action id). */
export const createIssueActionId = (provider: IssueProvider) => `${provider}_create_issue`;

/** What differs between Jira and Linear; the rest of a follow-up tracker is the same. */
export interface IssueTracker {
  provider: IssueProvider;
  /** How notices and messages name it ("Jira"). */
  label: string;
  /** Makes the issue for an action (once: `seed` is the same on every attempt for this action); throws VendorError. */
  create(incident: IncidentView, action: Action, seed: string): Promise<StoredIssue>;
  verify(req: WebhookRequest): WebhookVerdict;
  /** The issue and whether it is now done, from a delivery that changed its state; null when it changed nothing we track. */
  stateChange(body: unknown): { key: string; done: boolean } | null;
  /** Whether the issue is done now, read from the tracker (null: it has no such issue any more). */
  isDone(key: string): Promise<boolean | null>;
}

const link = (issue: { key: string | null; url: string | null }) =>
  issue.url ? `<${issue.url}|${escapeMrkdwn(issue.key ?? 'issue')}>` : escapeMrkdwn(issue.key ?? 'issue');
const quote = (details: string) => escapeMrkdwn(details.length > 200 ? `${details.slice(0, 199)}…` : details);

/**
 * A follow-up tracker as a built-in plugin: makes the issue when `action.issue_requested` names it
 * (idempotent: the made issue is remembered before it is linked, and an action already linked is
 * left alone), offers the button on actions in Slack, and completes or reopens the action when the
 * tracker's signed webhook says its issue was done or reopened.
 */
export function issueTrackerPlugin(tracker: IssueTracker): Plugin {
  const { provider, label } = tracker;
  return definePlugin({
    name: `builtin:${provider}`,
    label,
    incidentEvents: [
      onIncidentEvent(['action.issue_requested'], async (ctx) => {
        if (ctx.event.data.provider !== provider) return;
        const actionId = ctx.event.data.action.id;
        const action = await ctx.incidents.getAction(actionId);
        // Removed, linked meanwhile, or asked of the other tracker since: nothing to make.
        if (!action || action.issue?.provider !== provider || action.issue.state === 'linked') return;
        const dataKey = actionIssueDataKey(ctx.incident.id, actionId);
        let made = await ctx.data.get<StoredIssue>(dataKey);
        if (!made) {
          try {
            made = await tracker.create(ctx.incident, action, `${ctx.incident.docUrl}#action-${actionId}`);
          } catch (err) {
            // Refused for good (a bad project, no permission): the action stops showing it as on its way.
            if (err instanceof VendorError && err.permanent) await ctx.incidents.failActionIssue(actionId, provider, err.message);
            throw err;
          }
          // Remembered before linking: a crash after this links the same issue on redelivery instead of making a second.
          await ctx.data.set(issueActionDataKey(made.key), { incidentId: ctx.incident.id, actionId } satisfies IssueOwner);
          await ctx.data.set(dataKey, made);
        }
        const { action: linked } = await ctx.incidents.linkActionIssue(actionId, { provider, key: made.key, url: made.url });
        await ctx.say(`🔗 Action tracked in ${label} as ${link({ key: made.key, url: made.url })}: ${quote(linked.details)}`);
      }),
    ],
    actions: [
      actionHandler(createIssueActionId(provider), async (ctx) => {
        const actionId = Number(ctx.value);
        if (!Number.isInteger(actionId) || actionId < 1) return;
        try {
          const { action, requested } = await ctx.incidents.requestActionIssue(actionId, provider);
          await ctx.ephemeral(
            requested
              ? `Creating a ${label} issue for “${quote(action.details)}”; it will be linked here in a moment.`
              : `A ${label} issue for “${quote(action.details)}” is already on its way.`,
          );
        } catch (err) {
          if (err instanceof DomainError) await ctx.ephemeral(err.message);
          else throw err;
        }
      }),
    ],
    webhooks: [
      {
        kind: 'webhook',
        name: provider,
        verify: (req) => tracker.verify(req),
        async handler(ctx) {
          const change = tracker.stateChange(ctx.body);
          if (!change) return;
          const owner = await ctx.data.get<IssueOwner>(issueActionDataKey(change.key));
          if (!owner) return; // An issue Response didn't make.
          const incident = await ctx.incident(owner.incidentId);
          if (!incident) return;
          // Deliveries may arrive out of order (a reopen overtaking its close): act on the issue as it is now.
          const done = (await tracker.isDone(change.key)) ?? change.done;
          const action = await incident.incidents.getAction(owner.actionId);
          if (!action || action.done === done) return;
          await incident.incidents.updateAction(owner.actionId, { done });
          const issue = link({ key: change.key, url: action.issue?.url ?? null });
          await incident.say(
            done
              ? `✅ ${label} issue ${issue} is done, so the action is too: ${quote(action.details)}`
              : `↩️ ${label} issue ${issue} was reopened, so the action is open again: ${quote(action.details)}`,
          );
        },
      },
    ],
  });
}
