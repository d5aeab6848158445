import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../events/domain-events.js';
import type { EventActor } from '../events/domain-events.js';
import type { WebhookEventToSend } from './ports.js';

/** The test event's type: always sent when asked for, whatever the endpoint's event types. */
export const WEBHOOK_TEST_TYPE = 'webhook.test';

/**
 * The body outgoing webhooks send, as docs/integrations.md documents it: Standard Webhooks'
 * `type`/`timestamp`/`data` plus the domain event's `id` (also the `webhook-id` header), its
 * payload `version`, and the incident, privacy and actor fields every domain event has.
 */
export interface WebhookEnvelope {
  type: string;
  version: number;
  id: string;
  /** When the change was made (ISO 8601). */
  timestamp: string;
  incident_id: number | null;
  private: boolean;
  actor: EventActor | null;
  data: unknown;
}

export function eventToSend(event: DomainEvent): WebhookEventToSend {
  const envelope: WebhookEnvelope = {
    type: event.type,
    version: event.version,
    id: event.id,
    timestamp: event.occurred_at,
    incident_id: event.incident_id,
    private: event.private,
    actor: event.actor,
    data: event.data,
  };
  return { eventId: event.id, eventType: event.type, incidentId: event.incident_id, private: event.private, payload: JSON.stringify(envelope) };
}

export function testEventToSend(endpointId: number, actor: EventActor, at: Date): WebhookEventToSend {
  const id = randomUUID();
  const envelope: WebhookEnvelope = {
    type: WEBHOOK_TEST_TYPE,
    version: 1,
    id,
    timestamp: at.toISOString(),
    incident_id: null,
    private: false,
    actor,
    data: { endpoint_id: endpointId, message: 'A test event from Response: your endpoint receives and verifies webhooks.' },
  };
  return { eventId: id, eventType: WEBHOOK_TEST_TYPE, incidentId: null, private: false, payload: JSON.stringify(envelope) };
}
