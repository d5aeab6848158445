import type { OutboxSubscriber } from '../core/outbox/ports.js';
import { DomainError } from '../core/shared/errors.js';
import type { PluginRegistry } from './registry.js';
import type { HandlerContext } from './sdk/types.js';

/** The outbox topic (and subscriber name) of one plugin task: stable across restarts, so queued runs are found again. */
export const taskTopic = (plugin: string, name: string) => `task:${plugin}:${name}`;

/** A queued task's outbox payload: the plugin's payload and who queued it (the task acts for them). */
export interface QueuedTask {
  payload: Record<string, unknown>;
  user: string | null;
}

/**
 * Builds the context a task runs with: the incident's handler context acting as the plugin for
 * `user`, whose `say`/`reply` and creating verbs act once per `occurrence`. Null when the incident
 * is gone.
 */
export type TaskContextFactory = (incidentId: number, plugin: string, user: string | null, occurrence: string) => Promise<HandlerContext | null>;

/** Tells the incident's channel, once, that a labelled plugin gave up on something. */
export type GiveUpNotice = (notice: { incidentId: number; label: string; what: string; error: string; outboxId: number; attempts: number }) => Promise<void>;

/** One outbox subscriber per plugin task, so a failing task retries alone and one incident's runs of it stay in order. */
export function pluginTaskSubscribers(registry: PluginRegistry, contexts: TaskContextFactory, giveUp: GiveUpNotice): OutboxSubscriber[] {
  return registry.tasks().map(({ plugin, handler }) => {
    const label = registry.label(plugin);
    const topic = taskTopic(plugin, handler.name);
    const describe = (payload: Record<string, unknown>) => {
      try {
        return handler.describe?.(payload) ?? handler.name;
      } catch {
        return handler.name;
      }
    };
    return {
      name: topic,
      topics: [topic],
      async handle(delivery) {
        if (delivery.incidentId === null) return;
        const queued = delivery.payload as unknown as QueuedTask;
        // The subscriber's own outbox row: the same on every retry of this run.
        const idempotencyKey = `${topic}:${delivery.id}`;
        const ctx = await contexts(delivery.incidentId, plugin, queued.user ?? null, idempotencyKey);
        if (!ctx) return;
        try {
          await handler.handler({ ...ctx, payload: queued.payload ?? {}, attempts: delivery.attempts, idempotencyKey });
        } catch (err) {
          // A core verb's refusal (forbidden, invalid) will be refused again: given up at once.
          if (err instanceof DomainError) Object.assign(err, { permanent: true });
          throw err;
        }
      },
      onGiveUp: label
        ? (delivery, error) =>
            delivery.incidentId === null
              ? Promise.resolve()
              : giveUp({ incidentId: delivery.incidentId, label, what: describe((delivery.payload as unknown as QueuedTask).payload ?? {}), error, outboxId: delivery.id, attempts: delivery.attempts })
        : undefined,
    };
  });
}
