import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LinearConfig } from '../../../../config/integrations/linear.js';
import type { WebhookRequest, WebhookVerdict } from '../../../sdk/types.js';

/** Linear's window for `webhookTimestamp` (its docs suggest a minute): an older delivery may be a replay. */
export const LINEAR_TIMESTAMP_WINDOW_MS = 60_000;

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Linear signs each delivery: `Linear-Signature` is the hex HMAC-SHA256 of the raw body with the
 * webhook's signing secret, the body's `webhookTimestamp` (ms) must be within a minute of now, and
 * `Linear-Delivery` names the delivery (https://linear.app/developers/webhooks).
 */
export function verifyLinearWebhook(config: LinearConfig, req: WebhookRequest): WebhookVerdict {
  if (!config.webhookSecret) return { ok: false, status: 403, message: 'Linear webhooks are off: set LINEAR_WEBHOOK_SECRET to the webhook’s signing secret' };
  const signature = req.headers['linear-signature'];
  if (!signature) return { ok: false, status: 401, message: 'Linear-Signature is missing' };
  const expected = createHmac('sha256', config.webhookSecret).update(req.rawBody).digest('hex');
  if (!safeEqual(signature.toLowerCase(), expected)) return { ok: false, status: 401, message: 'Linear-Signature does not match the body' };
  let body: { webhookTimestamp?: unknown };
  try {
    body = JSON.parse(req.rawBody) as typeof body;
  } catch {
    return { ok: false, status: 400, message: 'The body is not JSON' };
  }
  if (typeof body.webhookTimestamp !== 'number' || Math.abs(req.receivedAt.getTime() - body.webhookTimestamp) > LINEAR_TIMESTAMP_WINDOW_MS) {
    return { ok: false, status: 401, message: 'webhookTimestamp is missing or more than a minute away' };
  }
  const delivery = req.headers['linear-delivery'];
  if (!delivery) return { ok: false, status: 400, message: 'Linear-Delivery is missing' };
  return { ok: true, deliveryId: `linear:${delivery}` };
}

/** The identifier and whether it is now done, from an `Issue` update whose state changed; null for anything else. */
export function linearStateChange(body: unknown): { key: string; done: boolean } | null {
  const b = body as {
    type?: unknown;
    action?: unknown;
    data?: { identifier?: unknown; state?: { type?: unknown } };
    updatedFrom?: Record<string, unknown>;
  } | null;
  if (!b || b.type !== 'Issue' || b.action !== 'update') return null;
  const key = b.data?.identifier;
  const state = b.data?.state?.type;
  if (typeof key !== 'string' || typeof state !== 'string') return null;
  if (b.updatedFrom && !('stateId' in b.updatedFrom)) return null;
  if (state === 'completed' || state === 'canceled') return { key, done: true };
  if (state === 'started' || state === 'unstarted' || state === 'backlog' || state === 'triage') return { key, done: false };
  return null;
}
