import { DomainError } from '../../core/shared/errors.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { pluginEventSubscribers, type IncidentEventContextFactory } from '../../plugins/incident-events.js';
import type { HandlerContext, MessageContent } from '../../plugins/sdk/types.js';
import { DeliveryKeys } from '../delivery-keys.js';
import { contextDeps } from '../dispatch/shared.js';
import { createHandlerContext, type HandlerContextTarget } from '../handler-context.js';
import type { SlackRuntime } from '../runtime.js';
import { escapeMrkdwn, truncate } from '../../plugins/sdk/slack-text.js';
import { pluginTaskSubscribers, type GiveUpNotice, type TaskContextFactory } from '../../plugins/plugin-tasks.js';
import { classifySlackFailure } from '../client/web-client.js';
import { loadIncidentView } from './incident-view.js';
import { onceDeps, postOnce } from './post-once.js';

const asMessage = (m: MessageContent) => (typeof m === 'string' ? { text: m } : { text: m.text, blocks: m.blocks });

/**
 * The usual handler context, for work that may run again under the same `occurrence` key: the
 * n-th `say` (or `reply`) posts once however often it runs (post-once.ts), and the creating verbs
 * (`addAction`, `addTimelineEntry`) carry keys derived from it, so core creates once too.
 */
export function onceHandlerContext(rt: SlackRuntime, target: Omit<HandlerContextTarget, 'delivery'>, occurrence: string): HandlerContext {
  const ctx = createHandlerContext(contextDeps(rt), { ...target, delivery: new DeliveryKeys(occurrence) });
  const counts = { say: 0, reply: 0 };
  const post = async (kind: 'say' | 'reply', message: MessageContent) => {
    const channel = ctx.incident.commsChannel?.channelId ?? target.channelId;
    if (!channel) throw new Error(`Incident ${ctx.incident.id} has no comms channel to post in`);
    return (await postOnce(onceDeps(rt), `${occurrence}:${kind}:${counts[kind]++}`, channel, asMessage(message))).ts;
  };
  return { ...ctx, say: (m) => post('say', m), reply: (m) => post('reply', m) };
}

/** A plugin's task runs with the Slack handler context of its incident, acting for whoever queued it; its posts are made once per run. */
export function slackTaskContexts(rt: SlackRuntime): TaskContextFactory {
  return async (incidentId, plugin, user, occurrence) => {
    try {
      const incident = await loadIncidentView(rt, incidentId);
      return onceHandlerContext(rt, { incident, plugin, userSlackId: user }, occurrence);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  };
}

/**
 * Tells the incident's comms channel, once per given-up delivery, that an integration stopped
 * trying (a retry from `response outbox retry` that fails again says nothing more). No channel,
 * no notice: the failure stays listed by `response outbox failed`.
 */
export function slackGiveUpNotice(rt: SlackRuntime): GiveUpNotice {
  return async (n) => {
    const incident = await loadIncidentView(rt, n.incidentId).catch(() => null);
    const channel = incident?.commsChannel?.channelId;
    if (!channel) {
      rt.logger.warn({ incidentId: n.incidentId, outboxId: n.outboxId, integration: n.label }, 'an integration gave up; the incident has no channel to say so in');
      return;
    }
    const text =
      `:warning: *${escapeMrkdwn(n.label)}* gave up on ${escapeMrkdwn(n.what)} after ${n.attempts} attempt${n.attempts === 1 ? '' : 's'}: ${escapeMrkdwn(truncate(n.error, 500))}\n` +
      `The rest of the incident is unaffected. An admin can retry it with \`response outbox retry ${n.outboxId}\`.`;
    await postOnce(onceDeps(rt), `give-up:${n.outboxId}`, channel, { text });
  };
}

/** Plugins' `onIncidentEvent` handlers run with the Slack handler context, loaded as the incident is now. */
export function slackIncidentEventContexts(rt: SlackRuntime): IncidentEventContextFactory {
  return async (event, plugin, idempotencyKey) => {
    try {
      const incident = await loadIncidentView(rt, event.incident_id);
      return onceHandlerContext(rt, { incident, plugin, userSlackId: null }, `event:${idempotencyKey}`);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  };
}

/** The outbox subscribers that run plugins' `onIncidentEvent` handlers (Slack's definite refusals are not retried). */
export function pluginIncidentEventSubscribers(rt: SlackRuntime): OutboxSubscriber[] {
  return pluginEventSubscribers(rt.registry, slackIncidentEventContexts(rt), slackGiveUpNotice(rt)).map((s) => ({
    ...s,
    handle: (delivery) => s.handle(delivery).catch((err: unknown) => Promise.reject(err instanceof DomainError ? err : classifySlackFailure(err))),
  }));
}

/** The outbox subscribers that run plugins' tasks (Slack's definite refusals are not retried). */
export function pluginTaskSubscribersForSlack(rt: SlackRuntime): OutboxSubscriber[] {
  return pluginTaskSubscribers(rt.registry, slackTaskContexts(rt), slackGiveUpNotice(rt)).map((s) => ({
    ...s,
    handle: (delivery) => s.handle(delivery).catch((err: unknown) => Promise.reject(err instanceof DomainError ? err : classifySlackFailure(err))),
  }));
}
