/**
 * The extension SDK: what `response.config.ts` plugins import (`response/sdk`). The built-in
 * commands, reminders and headline buttons are written with these same builders.
 */
import type {
  ActionHandler,
  CatchUpWriter,
  CommandResult,
  EventHandler,
  HandlerContext,
  HeadlineButton,
  IncidentCommand,
  IncidentEventHandler,
  IncidentEventType,
  IncomingWebhook,
  KeywordHandler,
  Notification,
  NotificationSchedule,
  Plugin,
  PluginTask,
  ViewHandler,
} from './types.js';
import { DOMAIN_EVENT_TYPES, isDomainEventType } from '../../core/events/domain-events.js';

export type * from './types.js';
export { DOMAIN_EVENT_TYPES } from '../../core/events/domain-events.js';
/** Text helpers for Slack messages (escaping, Block Kit's length limits, severity and status words): the built-ins use them too. */
export {
  capitalise,
  escapeMrkdwn,
  fitMrkdwn,
  mention,
  MESSAGE_TEXT_MAX,
  SECTION_TEXT_MAX,
  severityEmoji,
  severityText,
  slackDate,
  slackTsDate,
  STATUS_EMOJI,
  TEXT_INPUT_MAX,
  truncate,
} from './slack-text.js';

/** Declares a plugin. Typed identity: it exists so editors check the shape. */
export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}

/** `@incident <name> [args]` in an incident channel. `names[0]` is the command, the rest aliases. */
export function incidentCommand(names: string[], help: string, handler: IncidentCommand['handler'], options: { usage?: string } = {}): IncidentCommand {
  return { kind: 'command', names: names.map((n) => n.toLowerCase()), help, handler, usage: options.usage };
}

/** Runs when a message in an incident channel mentions one of the keywords. */
export function keywordHandler(keywords: (string | RegExp)[], handler: KeywordHandler['handler']): KeywordHandler {
  return { kind: 'keyword', keywords, handler };
}

/** Runs for a Slack event type, in incident channels (default) or everywhere. */
export function eventHandler(eventType: string, handler: EventHandler['handler'], options: { scope?: EventHandler['scope'] } = {}): EventHandler {
  return { kind: 'event', eventType, scope: options.scope ?? 'incident', handler };
}

/** Runs when a button or select with this `action_id` is used. */
export function actionHandler(actionId: string, handler: ActionHandler['handler']): ActionHandler {
  return { kind: 'action', actionId, handler };
}

/** Runs when a modal with this `callback_id` is submitted. */
export function viewHandler(callbackId: string, handler: ViewHandler['handler']): ViewHandler {
  return { kind: 'view', callbackId, handler };
}

/** Posts every `intervalMinutes` (from when the comms channel exists), up to `maxNotifications` times. */
export function recurringNotification(schedule: NotificationSchedule, handler: (ctx: HandlerContext) => Promise<void | boolean>): Notification {
  return { kind: 'notification', recurring: true, schedule: { maxNotifications: 1, ...schedule }, handler };
}

/** Posts once, `delayMinutes` after the comms channel exists. */
export function singleNotification(schedule: Omit<NotificationSchedule, 'intervalMinutes' | 'maxNotifications'> & { delayMinutes: number }, handler: (ctx: HandlerContext) => Promise<void | boolean>): Notification {
  const { delayMinutes, ...rest } = schedule;
  return { kind: 'notification', recurring: false, schedule: { ...rest, intervalMinutes: delayMinutes, maxNotifications: 1 }, handler };
}

/** A button on the headline post, in `order`, shown while `when` holds. */
export function headlineButton(order: number, button: HeadlineButton['button'], options: { when?: HeadlineButton['when'] } = {}): HeadlineButton {
  return { kind: 'headline_button', order, button, when: options.when };
}

/**
 * Runs after every committed change of one of `types` (e.g. `['incident.updated']`), made from any
 * surface. `ctx.event` is the typed event; `ctx.incident` the incident as it is now; the context
 * acts as the plugin. Delivered at least once: treat a redelivery of the same `ctx.event.id` as
 * possible (`ctx.say` and the creating verbs already make their effect once per event).
 */
export function onIncidentEvent<T extends IncidentEventType>(types: readonly T[], handler: IncidentEventHandler<T>['handler']): IncidentEventHandler<T> {
  const unknown = types.filter((t) => !isDomainEventType(t));
  if (types.length === 0 || unknown.length > 0) {
    throw new Error(`onIncidentEvent needs event types from: ${DOMAIN_EVENT_TYPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  }
  return { kind: 'incident_event', types: [...types], handler };
}

/**
 * Writes catch-ups in words instead of the built-in list (e.g. with a summarising service you run).
 * Return Slack mrkdwn, or undefined to leave the built-in list.
 */
export function catchUpWriter(write: CatchUpWriter['write']): CatchUpWriter {
  return { kind: 'catch_up_writer', write };
}

/** Durable outgoing work: queue it with `ctx.tasks.enqueue(name, payload)`; it runs after, retried until it succeeds or gives up. */
export function pluginTask(name: string, handler: PluginTask['handler'], options: { describe?: PluginTask['describe'] } = {}): PluginTask {
  if (!/^[a-z0-9][a-z0-9_-]{0,59}$/.test(name)) throw new Error(`pluginTask needs a short lower-case name (letters, digits, - and _), not "${name}"`);
  return { kind: 'task', name, handler, describe: options.describe };
}

/** A vendor's webhook at `POST /webhooks/<name>`: `verify` checks its signature, `handler` acts on a verified delivery once. */
export function incomingWebhook(name: string, verify: IncomingWebhook['verify'], handler: IncomingWebhook['handler']): IncomingWebhook {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(name)) throw new Error(`incomingWebhook needs a URL-safe name (lower-case letters, digits and -), not "${name}"`);
  return { kind: 'webhook', name, verify, handler };
}

export type { CommandResult };
