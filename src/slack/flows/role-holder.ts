import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { eventSubscriber } from '../../core/events/subscriber.js';
import { findRole, incidentProcessOf } from '../../core/shared/incident-process.js';
import { renderRoleAssignedDm } from '../blocks/role-assigned.js';
import { classifySlackFailure, singleAttemptClient, slackErrorCode } from '../client/web-client.js';
import type { SlackRuntime } from '../runtime.js';
import { loadIncidentView } from './incident-view.js';
import { doOnce, onceDeps, postOnce } from './post-once.js';

/** Invites that leave nothing to do: they are in, or it is us. */
const ALREADY_THERE = new Set(['already_in_channel', 'cant_invite_self']);

/**
 * The holder joins the channel once. Slack's refusals (they are a guest, the channel is archived)
 * are logged and do not hold back the DM; only a call that got no answer is retried.
 */
async function inviteOnce(rt: SlackRuntime, key: string, channelId: string, holder: string, incidentId: number): Promise<void> {
  try {
    await doOnce(onceDeps(rt), key, channelId, {
      act: async () => {
        try {
          await singleAttemptClient(rt.client).conversations.invite({ channel: channelId, users: holder });
        } catch (err) {
          const code = slackErrorCode(err);
          if (!code || !ALREADY_THERE.has(code)) throw err;
        }
        return { channel: channelId, id: 'invited' };
      },
      // Inviting again is harmless (already_in_channel): an uncertain attempt simply does it again.
      find: async () => undefined,
    });
  } catch (err) {
    if (!slackErrorCode(err)) throw err;
    rt.logger.warn({ err, incidentId, user: holder, channel: channelId }, 'slack: could not invite a role holder to the comms channel');
  }
}

/**
 * The new holder of a role is brought into the response, whichever edge gave it (Slack, the modal,
 * the API, the web doc, a plugin): invited to the comms channel and sent one DM with the role's
 * description and checklist. Both are keyed by this subscriber's copy of the event, so a
 * redelivery after a crash neither invites nor DMs again.
 */
export function roleHolderSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.role-holder',
    types: ['role.assigned'],
    handle: (event, delivery) =>
      (async () => {
        const holder = event.data.user.slack_id;
        if (holder === rt.bot.userId) return;
        const incident = await loadIncidentView(rt, event.incident_id);
        // A report of something already over has no response to join and no checklist to work through.
        if (incident.reportOnly) return;
        const channelId = incident.commsChannel?.channelId ?? null;
        const once = onceDeps(rt);
        if (channelId) {
          await inviteOnce(rt, `${delivery.idempotencyKey}:invite`, channelId, holder, event.incident_id);
        }
        const configured = findRole(incidentProcessOf(rt.core), event.data.role.key);
        const selfAssigned = event.actor.kind === 'slack_user' && event.actor.slackId === holder;
        const dm = renderRoleAssignedDm({
          incident: { id: incident.id, report: incident.report, private: incident.private, docUrl: incident.docUrl, commsChannelId: channelId },
          role: { key: event.data.role.key, name: event.data.role.name, description: configured?.description ?? '', checklist: configured?.checklist ?? [] },
          assignedBy: selfAssigned ? null : event.actor.label,
        });
        await postOnce(once, `${delivery.idempotencyKey}:dm`, holder, dm);
      })().catch((err: unknown) => Promise.reject(classifySlackFailure(err))),
  });
}
