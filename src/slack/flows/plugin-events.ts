import { DomainError } from '../../core/shared/errors.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { pluginEventSubscribers, type IncidentEventContextFactory } from '../../plugins/incident-events.js';
import type { HandlerContext, MessageContent } from '../../plugins/sdk/types.js';
import { DeliveryKeys } from '../delivery-keys.js';
import { contextDeps } from '../dispatch/shared.js';
import { createHandlerContext, type HandlerContextTarget } from '../handler-context.js';
import type { SlackRuntime } from '../runtime.js';
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
  return pluginEventSubscribers(rt.registry, slackIncidentEventContexts(rt)).map((s) => ({
    ...s,
    handle: (delivery) => s.handle(delivery).catch((err: unknown) => Promise.reject(err instanceof DomainError ? err : classifySlackFailure(err))),
  }));
}
