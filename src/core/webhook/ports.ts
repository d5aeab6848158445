import type { CoreDeps } from '../store-ports.js';
import type { Page } from '../shared/page.js';

/** Where a delivery is: still being tried (now or after a backoff), done, or given up after the retry schedule. */
export type WebhookDeliveryState = 'pending' | 'succeeded' | 'failed';

/** An outgoing webhook endpoint as admins see it (never with its secret: that is shown on create and rotate only). */
export interface WebhookEndpoint {
  id: number;
  url: string;
  description: string;
  /** The domain event types sent (and `webhook.test`, always); null: every type, present and future. */
  eventTypes: string[] | null;
  /** Whether events about private incidents are sent to it. */
  includePrivate: boolean;
  enabled: boolean;
  createdAt: Date;
  /** Who created it, as the change log names actors. */
  createdBy: string;
  updatedAt: Date;
}

export interface NewWebhookEndpoint {
  url: string;
  description: string;
  eventTypes: string[] | null;
  includePrivate: boolean;
  enabled: boolean;
  secret: string;
  createdBy: string;
}

export type WebhookEndpointChanges = Partial<Pick<WebhookEndpoint, 'url' | 'description' | 'eventTypes' | 'includePrivate' | 'enabled'>>;

export interface WebhookAttempt {
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  attemptedAt: Date;
}

export interface WebhookDelivery {
  id: number;
  endpointId: number;
  eventId: string;
  eventType: string;
  incidentId: number | null;
  state: WebhookDeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One event for the fan-out: who may get it is decided by the endpoints' event types and private flag. */
export interface WebhookEventToSend {
  eventId: string;
  eventType: string;
  incidentId: number | null;
  private: boolean;
  /** The exact body every attempt sends. */
  payload: string;
}

/** Endpoints and their delivery logs (SQL in store/repositories/webhook-repo.ts). */
export interface WebhookRepo {
  insertEndpoint(endpoint: NewWebhookEndpoint, now: Date): Promise<WebhookEndpoint>;
  listEndpoints(): Promise<WebhookEndpoint[]>;
  getEndpoint(id: number): Promise<WebhookEndpoint | null>;
  updateEndpoint(id: number, changes: WebhookEndpointChanges, now: Date): Promise<WebhookEndpoint | null>;
  deleteEndpoint(id: number): Promise<boolean>;
  setSecret(id: number, secret: string, now: Date): Promise<boolean>;
  /**
   * One pending delivery per enabled endpoint that takes the event (type, private flag), due at
   * `now`; an (endpoint, event) pair already delivered or queued is left alone. Returns the new deliveries' ids.
   */
  fanOut(event: WebhookEventToSend, now: Date, onlyEndpointId?: number): Promise<number[]>;
  /** An endpoint's deliveries, newest first, `limit` at a time after the `before` delivery id. */
  listDeliveries(endpointId: number, filter: { state?: WebhookDeliveryState; before?: number; limit: number }): Promise<WebhookDelivery[]>;
  getDelivery(endpointId: number, deliveryId: number): Promise<(WebhookDelivery & { payload: string; log: WebhookAttempt[] }) | null>;
  /**
   * Queues a succeeded or failed delivery again from scratch (attempts back to 0), due at `now`:
   * `queued`; `pending` when it is still being tried (left alone: it may be mid-attempt); null when unknown.
   */
  redeliver(endpointId: number, deliveryId: number, now: Date): Promise<'queued' | 'pending' | null>;
  /** Queues every failed delivery of the endpoint again; returns their ids. */
  redeliverFailed(endpointId: number, now: Date): Promise<number[]>;
}

/** A delivery taken for an attempt, with what sending it needs. */
export interface ClaimedWebhookDelivery {
  id: number;
  eventId: string;
  payload: string;
  /** Attempts started so far, this one included. */
  attempts: number;
  url: string;
  secret: string;
}

export interface WebhookAttemptResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * The delivery side (store/repositories/webhook-queue-repo.ts): rows claimed with FOR UPDATE SKIP
 * LOCKED and leased, so replicas never send the same delivery at once and a crashed replica's lease runs out.
 */
export interface WebhookQueue {
  /** Takes up to `limit` due deliveries of enabled endpoints, leasing them until `leaseUntil` and counting the attempt. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedWebhookDelivery[]>;
  /** Logs the attempt and moves the delivery on: succeeded, due again at `retryAt`, or failed when `retryAt` is null. */
  recordAttempt(
    id: number,
    attempt: number,
    result: WebhookAttemptResult,
    outcome: { state: 'succeeded' } | { state: 'pending'; retryAt: Date } | { state: 'failed' },
    now: Date,
  ): Promise<void>;
  /** Removes succeeded and failed deliveries (with their attempts) that finished before `before`; returns how many. */
  pruneFinished(before: Date): Promise<number>;
  /** Disables the endpoint a delivery was for (its receiver answered 410 Gone); its pending deliveries wait until it is enabled again. */
  disableEndpointOf(deliveryId: number, now: Date): Promise<void>;
}

/** What the webhook verbs need beyond the core's store (users, for who is an admin). */
export interface WebhookDeps extends CoreDeps {
  webhooks: WebhookRepo;
  /** Plain http:// URLs beyond localhost are accepted (the sandbox, where receivers run locally). */
  allowPlainHttp?: boolean;
  /** Called after deliveries were queued, so the sender starts at once instead of at its next poll. */
  onQueued?: () => void;
}

export type WebhookDeliveryPage = Page<WebhookDelivery>;
