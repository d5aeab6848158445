import type {
  ActionHandler,
  CatchUpWriter,
  EventHandler,
  HeadlineButton,
  IncidentCommand,
  IncidentEventHandler,
  IncomingWebhook,
  IncidentView,
  KeywordHandler,
  Notification,
  Plugin,
  PluginTask,
  ViewHandler,
} from './sdk/types.js';

/** A handler together with the plugin that registered it (its name is the actor of its changes). */
export interface Registered<T> {
  plugin: string;
  handler: T;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Everything the loaded plugins registered, looked up by the Slack edge and the scheduler.
 * Plugins are registered in order; a later command with the same name overrides an earlier one,
 * so a user plugin listed after the built-ins replaces a built-in command.
 */
export class PluginRegistry {
  readonly plugins: Plugin[] = [];
  private readonly commandsByName = new Map<string, Registered<IncidentCommand>>();
  private readonly keywordMatchers: { plugin: string; handler: KeywordHandler; keyword: string; pattern: RegExp }[] = [];
  private readonly events: Registered<EventHandler>[] = [];
  private readonly actionsById = new Map<string, Registered<ActionHandler>>();
  private readonly viewsById = new Map<string, Registered<ViewHandler>>();
  private readonly notificationList: Registered<Notification>[] = [];
  private readonly buttons: Registered<HeadlineButton>[] = [];
  private readonly eventReactions: (Registered<IncidentEventHandler> & { index: number })[] = [];
  private writer: Registered<CatchUpWriter> | undefined;
  private readonly taskList: Registered<PluginTask>[] = [];
  private readonly webhooksByName = new Map<string, Registered<IncomingWebhook>>();

  register(plugin: Plugin): void {
    if (this.plugins.some((p) => p.name === plugin.name)) throw new Error(`A plugin named "${plugin.name}" is registered already`);
    this.plugins.push(plugin);
    const plugin_ = plugin.name;
    for (const command of plugin.commands ?? []) {
      // One entry per command shared by all its names, so help lists `severity, sev` once.
      const registered = { plugin: plugin_, handler: command };
      for (const name of command.names) this.commandsByName.set(name.toLowerCase(), registered);
    }
    for (const handler of plugin.keywords ?? []) {
      for (const keyword of handler.keywords) {
        const pattern = typeof keyword === 'string' ? new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(keyword)}($|[^\\p{L}\\p{N}])`, 'iu') : keyword;
        this.keywordMatchers.push({ plugin: plugin_, handler, keyword: String(keyword), pattern });
      }
    }
    for (const handler of plugin.events ?? []) this.events.push({ plugin: plugin_, handler });
    for (const handler of plugin.actions ?? []) this.actionsById.set(handler.actionId, { plugin: plugin_, handler });
    for (const handler of plugin.views ?? []) this.viewsById.set(handler.callbackId, { plugin: plugin_, handler });
    for (const handler of plugin.notifications ?? []) this.notificationList.push({ plugin: plugin_, handler });
    for (const handler of plugin.headlineButtons ?? []) this.buttons.push({ plugin: plugin_, handler });
    (plugin.incidentEvents ?? []).forEach((handler, index) => this.eventReactions.push({ plugin: plugin_, handler, index }));
    if (plugin.catchUpWriter && !this.writer) this.writer = { plugin: plugin_, handler: plugin.catchUpWriter };
    for (const handler of plugin.tasks ?? []) this.taskList.push({ plugin: plugin_, handler });
    for (const handler of plugin.webhooks ?? []) {
      // Two plugins can't share a URL: the second would silently never be called.
      const taken = this.webhooksByName.get(handler.name);
      if (taken) throw new Error(`Plugin "${plugin_}" registers webhook "${handler.name}", which plugin "${taken.plugin}" registered already`);
      this.webhooksByName.set(handler.name, { plugin: plugin_, handler });
    }
  }

  /** Every plugin task (each is delivered by its own outbox subscriber). */
  tasks(): Registered<PluginTask>[] {
    return this.taskList;
  }

  task(plugin: string, name: string): Registered<PluginTask> | undefined {
    return this.taskList.find((t) => t.plugin === plugin && t.handler.name === name);
  }

  /** The webhook served at `/webhooks/<name>`. */
  webhook(name: string): Registered<IncomingWebhook> | undefined {
    return this.webhooksByName.get(name);
  }

  /** How notices name a plugin: its label, or undefined when it has none (it posts no give-up notices). */
  label(plugin: string): string | undefined {
    return this.plugins.find((p) => p.name === plugin)?.label;
  }

  /** The plugin that writes catch-ups in words, if any (the first registered). */
  catchUpWriter(): Registered<CatchUpWriter> | undefined {
    return this.writer;
  }

  command(name: string): Registered<IncidentCommand> | undefined {
    return this.commandsByName.get(name.toLowerCase());
  }

  /** Distinct commands (an overridden built-in appears once, as its override), for help. */
  commands(): Registered<IncidentCommand>[] {
    return [...new Set(this.commandsByName.values())].sort((a, b) => (a.handler.names[0] ?? '').localeCompare(b.handler.names[0] ?? ''));
  }

  /** Keyword handlers whose keyword occurs in the text; each handler at most once per message. */
  keywordsIn(text: string): (Registered<KeywordHandler> & { keyword: string })[] {
    const seen = new Set<KeywordHandler>();
    const out: (Registered<KeywordHandler> & { keyword: string })[] = [];
    for (const m of this.keywordMatchers) {
      m.pattern.lastIndex = 0;
      if (!seen.has(m.handler) && m.pattern.test(text)) {
        seen.add(m.handler);
        out.push({ plugin: m.plugin, handler: m.handler, keyword: m.keyword });
      }
    }
    return out;
  }

  hasKeywords(): boolean {
    return this.keywordMatchers.length > 0;
  }

  eventHandlers(eventType: string): Registered<EventHandler>[] {
    return this.events.filter((e) => e.handler.eventType === eventType);
  }

  action(actionId: string): Registered<ActionHandler> | undefined {
    return this.actionsById.get(actionId);
  }

  view(callbackId: string): Registered<ViewHandler> | undefined {
    return this.viewsById.get(callbackId);
  }

  notifications(): Registered<Notification>[] {
    return this.notificationList;
  }

  /** Every `onIncidentEvent` handler, with its position in its plugin (part of its stable outbox name). */
  incidentEventHandlers(): (Registered<IncidentEventHandler> & { index: number })[] {
    return this.eventReactions;
  }

  /** The headline's buttons for this incident, in order. */
  headlineButtons(incident: IncidentView): Registered<HeadlineButton>[] {
    return this.buttons.filter((b) => !b.handler.when || b.handler.when(incident)).sort((a, b) => a.handler.order - b.handler.order);
  }
}
