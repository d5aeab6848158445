import { createHash } from 'node:crypto';
import { localDate } from '../../core/action/due-date.js';
import { getAction } from '../../core/action/get-action.js';
import { listFollowUpsToNotify, recordFollowUpOwnersNotified } from '../../core/action/owner-follow-ups.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { eventSubscriber } from '../../core/events/subscriber.js';
import type { Ctx } from '../../core/shared/context.js';
import { incidentProcessOf } from '../../core/shared/incident-process.js';
import type { SlackRuntime } from '../runtime.js';
import { classifySlackFailure } from '../client/web-client.js';
import { renderFollowUpsDm, renderPastDueReminder } from '../blocks/follow-ups.js';
import { loadIncidentView } from './incident-view.js';
import { onceDeps, postOnce } from './post-once.js';

const systemCtx = (rt: SlackRuntime): Ctx => ({ actor: { kind: 'system', job: 'follow-up-dms' }, clock: rt.clock });

/** Whether Slack said no for good (the owner is deactivated, DMs to them are refused): retrying won't help. */
const refusedForGood = (err: unknown) => (classifySlackFailure(err) as { permanent?: boolean } | undefined)?.permanent === true;

/**
 * After an incident is resolved, each owner of its open follow-ups gets one DM listing theirs. What
 * was sent is recorded per follow-up, so a redelivery or a reopen-and-close tells nobody twice (a
 * later close tells owners only of follow-ups they haven't heard about). Each DM is posted once
 * under a key naming the owner and exactly those follow-ups, so a crash between posting and
 * recording finds the DM instead of sending it again.
 */
export function followUpsOnCloseSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.follow-ups-on-close',
    types: ['incident.resolved'],
    handle: async (event) => {
      if (!incidentProcessOf(rt.core).followUps.dmOwnersOnClose) return;
      const incident = await loadIncidentView(rt, event.incident_id);
      // Reopened before this ran: the next close tells them, with the list as it then is.
      if (!incident.isResolved) return;
      const ctx = systemCtx(rt);
      const today = localDate(rt.clock.now(), rt.timezone);
      let retry: unknown;
      for (const { owner, actions } of await listFollowUpsToNotify(rt.core, ctx, incident.id)) {
        const ids = actions.map((a) => a.id);
        const key = `follow-ups-dm:${incident.id}:${owner.slackId}:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`;
        try {
          await postOnce(onceDeps(rt), key, owner.slackId, renderFollowUpsDm(incident, actions, today));
        } catch (err) {
          // One owner Slack won't DM must not keep the others from hearing; a passing failure is retried.
          if (!refusedForGood(err)) {
            retry ??= err;
            continue;
          }
          rt.logger.warn({ err, incidentId: incident.id, owner: owner.slackId }, 'slack: could not DM an owner their follow-ups; not retrying');
        }
        await recordFollowUpOwnersNotified(rt.core, ctx, ids);
      }
      if (retry) throw retry;
    },
  });
}

/** The owner of a follow-up that fell past due (the sweep recorded `action.past_due`) gets one reminder. */
export function pastDueReminderSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.follow-up-past-due',
    types: ['action.past_due'],
    handle: async (event, delivery) => {
      const incident = await loadIncidentView(rt, event.incident_id);
      const action = await getAction(rt.core, systemCtx(rt), incident.id, event.data.action.id);
      // Ticked off, deleted or left without an owner since the sweep found it: nobody to remind.
      const owner = action?.assignee?.slackId;
      if (!action || action.done || !owner) return;
      try {
        // This subscriber's outbox row is the key: a redelivery finds the DM already sent.
        await postOnce(onceDeps(rt), `outbox:${delivery.outboxId}`, owner, renderPastDueReminder(incident, action, localDate(rt.clock.now(), rt.timezone)));
      } catch (err) {
        throw classifySlackFailure(err);
      }
    },
  });
}
