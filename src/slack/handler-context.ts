import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Incident } from '../core/incident/model.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Actor, Clock } from '../core/shared/context.js';
import { RETRY_FAILURES } from '../plugins/guard.js';
import { createIncidentVerbs } from '../plugins/incident-verbs.js';
import { pluginDataFor } from '../plugins/plugin-data.js';
import { taskTopic } from '../plugins/plugin-tasks.js';
import { toIncidentView } from '../plugins/incident-view.js';
import type { HandlerContext, IncidentView, MessageContent } from '../plugins/sdk/types.js';
import type { DeliveryKeys } from './delivery-keys.js';
import { RESPONSE_PLUGIN } from './ids.js';
import { findPerson } from './people/find-person.js';
import { urgently } from './client/slack-pacer.js';

export interface HandlerContextDeps {
  core: CoreDeps;
  clock: Clock;
  publicUrl: string;
  client: WebClient;
  logger: Logger;
  /** The Slack edge's comms-channel flow (ctx.createCommsChannel), bound to its runtime. */
  createCommsChannel(incidentId: number, options: { actor: Actor; pressedBy: string | null }): Promise<IncidentView>;
  /** Whether `plugin` registered a task named `name` (ctx.tasks.enqueue refuses others). */
  hasTask(plugin: string, name: string): boolean;
  /** How a plugin names itself in the change log ("Jira"), when it has a label. */
  pluginLabel?(plugin: string): string | undefined;
}

export interface HandlerContextTarget {
  incident: Incident | IncidentView;
  /** The plugin whose handler runs (its name is the actor of its changes). */
  plugin: string;
  /** The Slack user who triggered this; null for notifications. */
  userSlackId: string | null;
  /** Where the trigger happened (defaults to the comms channel). */
  channelId?: string;
  /** The thread `reply` answers in. */
  threadTs?: string;
  /** A fresh trigger id, when there is one, for `openModal`. */
  triggerId?: string;
  /** The Slack delivery being handled, when it is recorded (its creations are made once). */
  delivery?: DeliveryKeys;
  /** The handler's failures go back to the edge (the delivery is retried) instead of becoming the guard's fallback. */
  retryFailures?: boolean;
}

/**
 * Changes made by a plugin are recorded as the plugin acting for the user; Response's own
 * built-ins (`response`, `builtin:*`) are part of the product, so their changes are the user's.
 */
export function handlerActor(plugin: string, userSlackId: string | null, label?: string): Actor {
  const builtin = plugin === RESPONSE_PLUGIN || plugin.startsWith('builtin:');
  if (builtin && userSlackId) return { kind: 'slack_user', slackId: userSlackId };
  const named = label ? { pluginLabel: label } : {};
  return userSlackId ? { kind: 'plugin', plugin, slackId: userSlackId, ...named } : { kind: 'plugin', plugin, ...named };
}

const asMessage = (m: MessageContent) => (typeof m === 'string' ? { text: m } : { text: m.text, blocks: m.blocks });

/**
 * The context every plugin handler gets (commands, keywords, events, actions, views) and the
 * scheduler uses for notifications: `say` posts in the comms channel, `reply` in the thread,
 * `ephemeral` to the acting user, `openModal` with the fresh trigger id, `createCommsChannel`, and
 * `incidents` = core verbs bound to this incident and actor.
 */
export function createHandlerContext(deps: HandlerContextDeps, target: HandlerContextTarget): HandlerContext {
  const incident = 'docUrl' in target.incident ? target.incident : toIncidentView(target.incident, deps.clock.now(), deps.publicUrl, deps.core);
  const channel = () => {
    const id = incident.commsChannel?.channelId ?? target.channelId;
    if (!id) throw new Error(`Incident ${incident.id} has no comms channel to post in`);
    return id;
  };
  const here = () => target.channelId ?? channel();
  const log = deps.logger.child({ plugin: target.plugin, incidentId: incident.id });
  const fields = (data?: Record<string, unknown>) => data ?? {};
  const actor = handlerActor(target.plugin, target.userSlackId, deps.pluginLabel?.(target.plugin));
  const context: HandlerContext = {
    incident,
    user: target.userSlackId ? { slackId: target.userSlackId } : null,
    client: deps.client,
    async say(message) {
      const res = await deps.client.chat.postMessage({ channel: channel(), ...asMessage(message) });
      return res.ts;
    },
    async reply(message) {
      const res = await deps.client.chat.postMessage({ channel: here(), thread_ts: target.threadTs, ...asMessage(message) });
      return res.ts;
    },
    async ephemeral(message) {
      if (!target.userSlackId) return;
      await deps.client.chat.postEphemeral({ channel: here(), user: target.userSlackId, ...asMessage(message) });
    },
    async openModal(view: View) {
      if (!target.triggerId) throw new Error('openModal needs a trigger id (from a command, button or shortcut)');
      const triggerId = target.triggerId;
      // A trigger expires 3 s after the click: the modal goes before background Slack work.
      await urgently(() => deps.client.views.open({ trigger_id: triggerId, view }));
    },
    createCommsChannel: () => deps.createCommsChannel(incident.id, { actor, pressedBy: target.userSlackId }),
    incidents: createIncidentVerbs(
      deps,
      incident.id,
      actor,
      target.channelId,
      target.delivery ? (verb) => (target.delivery as DeliveryKeys).next(`${target.plugin}:${incident.id}`, verb) : undefined,
    ),
    people: { find: (text) => findPerson(deps, text) },
    tasks: {
      async enqueue(name, payload) {
        if (!deps.hasTask(target.plugin, name)) throw new Error(`Plugin ${target.plugin} has no task named "${name}" (add it to the plugin's tasks)`);
        await deps.core.store.outbox.enqueue(taskTopic(target.plugin, name), { payload, user: target.userSlackId }, incident.id);
      },
    },
    data: pluginDataFor(deps.core.store.pluginData, target.plugin, deps.clock),
    log: {
      info: (msg, data) => log.info(fields(data), msg),
      warn: (msg, data) => log.warn(fields(data), msg),
      error: (msg, data) => log.error(fields(data), msg),
    },
  };
  if (target.retryFailures && target.delivery) Object.assign(context, { [RETRY_FAILURES]: true });
  return context;
}
