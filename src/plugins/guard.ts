import type { Logger } from 'pino';
import { DomainError } from '../core/shared/errors.js';
import type { Plugin } from './sdk/types.js';

/** A plugin took longer than it is allowed to (loading, or handling one thing). */
export class PluginTimeoutError extends Error {
  constructor(
    readonly plugin: string,
    readonly what: string,
    readonly ms: number,
  ) {
    super(`Plugin "${plugin}" did not finish ${what} within ${ms} ms`);
    this.name = 'PluginTimeoutError';
  }
}

/**
 * Runs plugin code with a time limit. A hung handler can't be cancelled in JavaScript, but the
 * caller stops waiting for it, so one stuck plugin doesn't hold up the others.
 */
export async function withTimeout<T>(plugin: string, what: string, ms: number, run: () => Promise<T> | T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginTimeoutError(plugin, what, ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Set (true) on the context of a handler run for a recorded Slack delivery: its failures are
 * thrown on to the edge, which has the delivery retried from the inbox, instead of being turned
 * into the fallback answer here.
 */
export const RETRY_FAILURES = Symbol.for('response.retryFailures');

const retriesFailures = (arg: unknown) => typeof arg === 'object' && arg !== null && (arg as Record<symbol, unknown>)[RETRY_FAILURES] === true;

export interface GuardOptions {
  timeoutMs: number;
  logger: Pick<Logger, 'error'>;
}

/**
 * Wraps every handler of a plugin so that a throw or a hang is logged with the plugin's name and
 * contained: a command answers "not handled" (❓), other handlers just stop, predicates read as
 * false. Domain errors (a validation message from a core verb) pass through for the edge to show.
 * Notifications and incident event handlers rethrow, so the scheduler (or the outbox) records the
 * failure and retries.
 */
export function guardPlugin(plugin: Plugin, o: GuardOptions): Plugin {
  const name = plugin.name;
  const report = (what: string, err: unknown) => o.logger.error({ err, plugin: name, handler: what }, `plugin "${name}" failed in ${what}: ${err instanceof Error ? err.message : String(err)}`);
  const guarded = <A, R>(what: string, fn: (arg: A) => Promise<R>, fallback: (err: unknown) => R) => async (arg: A): Promise<R> => {
    try {
      return await withTimeout(name, what, o.timeoutMs, () => fn(arg));
    } catch (err) {
      if (err instanceof DomainError) throw err;
      report(what, err);
      if (retriesFailures(arg)) throw err;
      return fallback(err);
    }
  };
  const predicate = <T>(what: string, fn: ((x: T) => boolean) | undefined) =>
    fn &&
    ((x: T) => {
      try {
        return fn(x);
      } catch (err) {
        report(what, err);
        return false;
      }
    });
  // An event handler's failure is thrown on: the outbox retries this plugin's copy of the event
  // (with backoff) and records it if it keeps failing; other plugins' copies are separate.
  const rethrown = <A>(what: string, fn: (arg: A) => Promise<void>) => async (arg: A): Promise<void> => {
    try {
      await withTimeout(name, what, o.timeoutMs, () => fn(arg));
    } catch (err) {
      report(what, err);
      throw err;
    }
  };
  return {
    ...plugin,
    incidentEvents: plugin.incidentEvents?.map((h) => ({ ...h, handler: rethrown(`incident event ${h.types.join('/')}`, h.handler) })),
    // Tasks and webhooks rethrow too: the outbox (tasks) or the inbox (webhooks) retries them.
    tasks: plugin.tasks?.map((t) => ({ ...t, handler: rethrown(`task ${t.name}`, t.handler) })),
    webhooks: plugin.webhooks?.map((w) => ({ ...w, handler: rethrown(`webhook ${w.name}`, w.handler) })),
    commands: plugin.commands?.map((c) => ({ ...c, handler: guarded(`command ${c.names[0] ?? ''}`, c.handler, () => ({ handled: false, hint: `Sorry, the ${name} plugin ran into a problem with that.` })) })),
    keywords: plugin.keywords?.map((k) => ({ ...k, handler: guarded(`keyword ${k.keywords.join('/')}`, k.handler, () => undefined) })),
    events: plugin.events?.map((e) => ({ ...e, handler: guarded(`event ${e.eventType}`, e.handler, () => undefined) })),
    actions: plugin.actions?.map((a) => ({ ...a, handler: guarded(`action ${a.actionId}`, a.handler, () => undefined) })),
    views: plugin.views?.map((v) => ({ ...v, handler: guarded(`view ${v.callbackId}`, v.handler, () => undefined) })),
    // A writer that fails leaves the built-in catch-up list in its place.
    catchUpWriter: plugin.catchUpWriter && { ...plugin.catchUpWriter, write: guarded('catch-up writer', plugin.catchUpWriter.write, () => undefined) },
    // Notifications are left as they are: the scheduler times them out and records failures itself.
    // A button whose predicate or renderer throws is hidden rather than breaking the headline.
    headlineButtons: plugin.headlineButtons?.map((b) => ({
      ...b,
      when: predicate(`headline button ${b.order}`, (incident: Parameters<typeof b.button>[0]) => (b.when ? b.when(incident) : true) && b.button(incident) !== undefined),
    })),
  };
}
