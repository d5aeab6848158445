import { addAction } from '../core/action/add-action.js';
import { failActionIssue } from '../core/action/fail-action-issue.js';
import { getAction } from '../core/action/get-action.js';
import { linkActionIssue } from '../core/action/link-action-issue.js';
import { requestActionIssue } from '../core/action/request-action-issue.js';
import { updateAction } from '../core/action/update-action.js';
import { buildCatchUp } from '../core/catch-up/build-catch-up.js';
import { recordChannelRename } from '../core/channel/record-channel-rename.js';
import { getIncident } from '../core/incident/get.js';
import { closeIncident, reopenIncident } from '../core/incident/close.js';
import { updateIncident } from '../core/incident/update.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Actor, Clock, Ctx } from '../core/shared/context.js';
import { DomainError } from '../core/shared/errors.js';
import { addTimelineEntry } from '../core/timeline/add-entry.js';
import { postStatusUpdate } from '../core/status-update/post-status-update.js';
import { assignRole } from '../core/role/assign-role.js';
import { unassignRole } from '../core/role/unassign-role.js';
import { toIncidentView } from './incident-view.js';
import type { IncidentVerbs } from './sdk/types.js';

/** Built-in plugins act for the user who typed the command; the timeline then reads "by @alice", not "via a plugin". */
export const BUILTIN_PLUGIN_PREFIX = 'builtin:';

/**
 * The actor a plugin's change is recorded as: the plugin (on behalf of the acting Slack user, if
 * any). Built-ins are part of Response itself, so their changes are the user's own.
 */
export function pluginActor(plugin: string, slackId: string | null | undefined): Actor {
  if (plugin.startsWith(BUILTIN_PLUGIN_PREFIX) && slackId) return { kind: 'slack_user', slackId };
  return slackId ? { kind: 'plugin', plugin, slackId } : { kind: 'plugin', plugin };
}

export interface IncidentVerbsDeps {
  core: CoreDeps;
  clock: Clock;
  publicUrl: string;
}

/** Core verbs bound to one incident and one actor: what `ctx.incidents` is in every handler. */
export function createIncidentVerbs(
  deps: IncidentVerbsDeps,
  incidentId: number,
  actor: Actor,
  slackChannelId?: string,
  keyFor?: (verb: string) => string,
): IncidentVerbs {
  // The verbs authorise `actor` themselves (a plugin acting for a user has that user's rights);
  // slackChannelId is where the Slack edge saw the user act (membership of a private channel).
  const ctx: Ctx = { actor, clock: deps.clock, ...(slackChannelId ? { slackChannelId } : {}) };
  // Creations made while handling a replayable Slack delivery carry its key, so a replay creates nothing twice.
  const once = (verb: string): Ctx => (keyFor ? { ...ctx, idempotencyKey: keyFor(verb) } : ctx);
  const view = (incident: Parameters<typeof toIncidentView>[0]) => toIncidentView(incident, deps.clock.now(), deps.publicUrl, deps.core);
  return {
    async update(changes) {
      return view((await updateIncident(deps.core, ctx, incidentId, changes)).incident);
    },
    async close() {
      const r = await closeIncident(deps.core, ctx, incidentId);
      return { incident: view(r.incident), closed: r.closed };
    },
    async reopen() {
      const r = await reopenIncident(deps.core, ctx, incidentId);
      return { incident: view(r.incident), closed: r.closed };
    },
    addAction(details, fields = {}) {
      return addAction(deps.core, once('addAction'), incidentId, { details, ...fields });
    },
    addTimelineEntry(text, at) {
      return addTimelineEntry(deps.core, once('addTimelineEntry'), incidentId, { text, timestamp: at });
    },
    getAction(actionId) {
      return getAction(deps.core, ctx, incidentId, actionId);
    },
    updateAction(actionId, changes) {
      return updateAction(deps.core, ctx, incidentId, actionId, changes);
    },
    requestActionIssue(actionId, provider) {
      return requestActionIssue(deps.core, ctx, incidentId, actionId, provider);
    },
    linkActionIssue(actionId, issue) {
      return linkActionIssue(deps.core, ctx, incidentId, actionId, issue);
    },
    failActionIssue(actionId, provider, reason) {
      return failActionIssue(deps.core, ctx, incidentId, actionId, provider, reason);
    },
    async postStatusUpdate(update) {
      return (await postStatusUpdate(deps.core, once('postStatusUpdate'), incidentId, update)).update;
    },
    async recordChannelRename(name) {
      const incident = await getIncident(deps.core, ctx, incidentId);
      if (!incident.commsChannel) throw new DomainError('PRECONDITION_FAILED', `Incident ${incidentId} has no comms channel`);
      await recordChannelRename(deps.core, ctx, incident.commsChannel.channelId, name.replace(/^#/, ''));
    },
    async assignRole(role, slackId) {
      const r = slackId === null ? await unassignRole(deps.core, ctx, { incidentId, role }) : await assignRole(deps.core, ctx, { incidentId, role, user: slackId });
      return { incident: view(r.incident), changed: r.changed };
    },
    async refresh() {
      return view(await getIncident(deps.core, ctx, incidentId));
    },
    catchUp(askedAt) {
      return buildCatchUp(deps.core, ctx, { incidentId, ...(askedAt ? { askedAt } : {}) });
    },
  };
}
