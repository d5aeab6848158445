import { webhookHeaders } from '../core/webhook/signing.js';
import type { ClaimedWebhookDelivery, WebhookAttemptResult } from '../core/webhook/ports.js';

export interface WebhookPostResult extends WebhookAttemptResult {
  ok: boolean;
  /** A 429's Retry-After, in milliseconds. */
  retryAfterMs: number | null;
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * One attempt, as Standard Webhooks describes it: a JSON POST with `webhook-id` (the event's id,
 * the same on every attempt), `webhook-timestamp` and `webhook-signature`; any 2xx is success.
 * Redirects are never followed: a 3xx is a failed attempt (the receiver must give its final URL,
 * and a redirect must not carry signed incident data to another host).
 */
export async function postWebhook(delivery: ClaimedWebhookDelivery, now: Date, timeoutMs: number, userAgent: string): Promise<WebhookPostResult> {
  const started = performance.now();
  const headers = {
    'content-type': 'application/json',
    'user-agent': userAgent,
    ...webhookHeaders(delivery.secret, delivery.eventId, now, delivery.payload),
  };
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(delivery.url, { method: 'POST', headers, body: delivery.payload, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    // Drain (a little of) the answer so the connection can be reused; its text explains a failure.
    const text = await res.text().catch(() => '');
    const durationMs = elapsed();
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, durationMs, error: null, retryAfterMs: null };
    const location = res.headers.get('location');
    const error =
      res.status >= 300 && res.status < 400
        ? `redirected${location ? ` to ${location}` : ''}: webhooks don't follow redirects; set the endpoint's final URL`
        : `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`;
    const retryAfterMs = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), now) : null;
    return { ok: false, statusCode: res.status, durationMs, error, retryAfterMs };
  } catch (err) {
    const durationMs = elapsed();
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const error = timedOut ? `no answer within ${timeoutMs / 1000} s` : `${err instanceof Error ? err.message : String(err)}${cause}`;
    return { ok: false, statusCode: null, durationMs, error, retryAfterMs: null };
  }
}
