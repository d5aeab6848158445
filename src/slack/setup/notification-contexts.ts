import type { Incident } from '../../core/incident/model.js';
import type { HandlerContext } from '../../plugins/sdk/types.js';
import { contextDeps } from '../dispatch/shared.js';
import { onceDeps, postOnce } from '../flows/post-once.js';
import { createHandlerContext } from '../handler-context.js';
import type { SlackRuntime } from '../runtime.js';

/** Builds the handler context a notification (reminder) runs with, for one occurrence of it. */
export type NotificationContexts = (incident: Incident, plugin: string, occurrence: string) => HandlerContext;

/**
 * Notifications post through the same handler context as every other plugin handler (`say` in
 * the comms channel, verbs acting as the plugin), except that what a run says is posted once per
 * occurrence: the n-th `say` of a run retried after a crash finds the message the first try
 * posted instead of posting it again.
 */
export function notificationContexts(rt: SlackRuntime): NotificationContexts {
  const deps = contextDeps(rt);
  const once = onceDeps(rt);
  return (incident, plugin, occurrence) => {
    const ctx = createHandlerContext(deps, { incident, plugin, userSlackId: null });
    let said = 0;
    const say: HandlerContext['say'] = async (message) => {
      const channel = ctx.incident.commsChannel?.channelId;
      if (!channel) throw new Error(`Incident ${ctx.incident.id} has no comms channel to post in`);
      const content = typeof message === 'string' ? { text: message } : { text: message.text, blocks: message.blocks };
      return (await postOnce(once, `${occurrence}:say:${said++}`, channel, content)).ts;
    };
    return { ...ctx, say };
  };
}
