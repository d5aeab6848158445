import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../core/webhook/ports.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentWebhookEndpoint(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    include_private: e.includePrivate,
    enabled: e.enabled,
    created_at: e.createdAt.toISOString(),
    created_by: e.createdBy,
    updated_at: e.updatedAt.toISOString(),
  };
}

/** The endpoint with its signing secret: only in the answers to create and rotate. */
export function presentEndpointWithSecret(e: WebhookEndpoint, secret: string) {
  return { ...presentWebhookEndpoint(e), secret };
}

export function presentWebhookDelivery(d: WebhookDelivery) {
  return {
    id: d.id,
    endpoint_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType,
    incident_id: d.incidentId,
    state: d.state,
    attempts: d.attempts,
    next_attempt_at: iso(d.nextAttemptAt),
    last_status_code: d.lastStatusCode,
    last_duration_ms: d.lastDurationMs,
    last_error: d.lastError,
    last_attempt_at: iso(d.lastAttemptAt),
    created_at: d.createdAt.toISOString(),
    finished_at: iso(d.finishedAt),
  };
}

export function presentWebhookDeliveryDetail(d: WebhookDelivery & { payload: string; log: WebhookAttempt[] }) {
  return {
    ...presentWebhookDelivery(d),
    payload: d.payload,
    log: d.log.map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      duration_ms: a.durationMs,
      error: a.error,
      attempted_at: a.attemptedAt.toISOString(),
    })),
  };
}
