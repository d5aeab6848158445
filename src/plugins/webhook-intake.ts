import type { Logger } from 'pino';
import type { InboxDelivery, InboxStore } from '../core/inbox/ports.js';
import type { PluginDataRepo } from '../core/plugin-data/ports.js';
import type { Clock } from '../core/shared/context.js';
import { DomainError } from '../core/shared/errors.js';
import { backoffMs } from '../core/shared/backoff.js';
import { pluginDataFor } from './plugin-data.js';
import type { PluginRegistry } from './registry.js';
import type { HandlerContext, WebhookRequest } from './sdk/types.js';

/** Inbox rows of vendor webhooks are of kind `webhook:<name>` (Slack's are `event`, `action`…). */
export const WEBHOOK_KIND_PREFIX = 'webhook:';

/** An incident's handler context for a webhook's handler, acting as `plugin`; its posts are made once per `occurrence`. Null when there is no such incident. */
export type WebhookIncidentContexts = (incidentId: number, plugin: string, occurrence: string) => Promise<HandlerContext | null>;

export interface WebhookIntakeOptions {
  registry: PluginRegistry;
  inbox: InboxStore;
  pluginData: PluginDataRepo;
  contexts: WebhookIncidentContexts;
  clock: Clock;
  logger: Logger;
  leaseMs: number;
  /** Attempts before a delivery is parked as failed (`response inbox failed` lists it). */
  maxAttempts?: number;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface StoredWebhook {
  headers: Record<string, string | undefined>;
  rawBody: string;
  deliveryId: string;
}

/**
 * Vendors' webhooks, as Slack's deliveries are handled: verified on the exact bytes, recorded in
 * the inbox under the vendor's delivery id (a redelivery is answered without acting again),
 * answered at once, handled after; a handler that throws is retried from the inbox with backoff
 * (by any replica) and parked as failed after `maxAttempts`.
 */
export class WebhookIntake {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: WebhookIntakeOptions) {}

  async receive(name: string, request: WebhookRequest): Promise<WebhookAnswer> {
    const registered = this.o.registry.webhook(name);
    if (!registered) return { status: 404, body: { error: `There is no webhook named "${name}" (is its integration configured?)` } };
    let verdict: ReturnType<typeof registered.handler.verify>;
    try {
      verdict = registered.handler.verify(request);
    } catch (err) {
      this.o.logger.warn({ err, webhook: name }, 'webhook: verify threw; refused');
      return { status: 400, body: { error: 'The request could not be verified' } };
    }
    if (!verdict.ok) {
      this.o.logger.warn({ webhook: name, status: verdict.status, reason: verdict.message }, 'webhook: refused');
      return { status: verdict.status, body: { error: verdict.message } };
    }
    const now = this.o.clock.now();
    const stored: StoredWebhook = { headers: request.headers, rawBody: request.rawBody, deliveryId: verdict.deliveryId };
    let outcome: Awaited<ReturnType<InboxStore['record']>>;
    try {
      outcome = await this.o.inbox.record(
        { key: `${WEBHOOK_KIND_PREFIX}${name}:${verdict.deliveryId}`, kind: `${WEBHOOK_KIND_PREFIX}${name}`, payload: stored as unknown as Record<string, unknown> },
        now,
        new Date(now.getTime() + this.o.leaseMs),
      );
    } catch (err) {
      // Not recorded, so not acknowledged: the vendor sends it again later instead of it being lost.
      this.o.logger.error({ err, webhook: name }, 'webhook: could not record the delivery; answered 503');
      return { status: 503, body: { error: 'Response could not record this delivery; send it again later' } };
    }
    if (!outcome.recorded) return { status: 200, body: { ok: true, duplicate: true } };
    this.track(this.run(outcome.id, name, stored, 1));
    return { status: 200, body: { ok: true } };
  }

  /** Handles a recorded delivery again (the inbox replay loop). */
  async replay(delivery: InboxDelivery): Promise<void> {
    const name = delivery.kind.slice(WEBHOOK_KIND_PREFIX.length);
    await this.run(delivery.id, name, delivery.payload as unknown as StoredWebhook, delivery.attempts);
  }

  /** Resolves when deliveries being handled after their answer are settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async run(id: number, name: string, stored: StoredWebhook, attempts: number): Promise<void> {
    const registered = this.o.registry.webhook(name);
    const log = this.o.logger.child({ webhook: name, inboxId: id, deliveryId: stored.deliveryId });
    try {
      if (!registered) throw Object.assign(new Error(`No webhook named "${name}" is registered any more`), { permanent: true });
      let body: unknown = stored.rawBody;
      try {
        body = JSON.parse(stored.rawBody);
      } catch {
        // Not JSON: the handler gets the text.
      }
      const { plugin } = registered;
      await registered.handler.handler({
        body,
        headers: stored.headers,
        deliveryId: stored.deliveryId,
        attempts,
        incident: (incidentId) => this.o.contexts(incidentId, plugin, `webhook:${name}:${stored.deliveryId}:${incidentId}`),
        data: pluginDataFor(this.o.pluginData, plugin, this.o.clock),
        log: { info: (msg, data) => log.info(data ?? {}, msg), warn: (msg, data) => log.warn(data ?? {}, msg), error: (msg, data) => log.error(data ?? {}, msg) },
      });
      await this.o.inbox.markDone(id, this.o.clock.now());
    } catch (err) {
      const permanent = err instanceof DomainError || (err as { permanent?: unknown } | null)?.permanent === true;
      const giveUp = permanent || attempts >= (this.o.maxAttempts ?? 10);
      log.warn({ err, attempts, giveUp }, 'webhook: handling failed');
      const now = this.o.clock.now();
      await this.o.inbox
        .markFailed(id, err instanceof Error ? err.message : String(err), now, giveUp ? null : new Date(now.getTime() + backoffMs(attempts)))
        .catch((markErr: unknown) => log.error({ err: markErr }, 'webhook: could not record the failure; the lease will bring it back'));
    }
  }
}
