import { DOMAIN_EVENT_VERSION, isDomainEventType, type DomainEvent, type DomainEventType, type EventActor, type IncidentSnapshot } from './domain-events.js';

/** Outbox topics written before domain events existed, and the event type each now is. */
export const LEGACY_TOPICS: Partial<Record<DomainEventType, string>> = {
  'incident.resolved': 'incident.closed',
  'incident.comms_channel_attached': 'incident.channel_created',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The domain event an outbox row carries. Rows enqueued by the previous release (still pending
 * when it was upgraded) carry a loose payload instead: the incident-level ones are read as the
 * event they now are, so the notices and headline they stand for are not lost. Their id is the
 * outbox row's (stable across its redeliveries), and they are marked private: the old payload did
 * not say, and a consumer that sends events outside Response must not leak one.
 */
export function readDomainEvent(topic: string, payload: Record<string, unknown>, outboxId: number): DomainEvent | null {
  if (payload.version === DOMAIN_EVENT_VERSION && typeof payload.id === 'string' && typeof payload.type === 'string' && isDomainEventType(payload.type) && isObject(payload.data)) {
    return payload as unknown as DomainEvent;
  }
  const type = (Object.entries(LEGACY_TOPICS).find(([, legacy]) => legacy === topic)?.[0] ?? topic) as DomainEventType;
  const legacy = payload.incident;
  if (!['incident.declared', 'incident.updated', 'incident.resolved', 'incident.reopened', 'incident.comms_channel_attached'].includes(type) || !isObject(legacy) || typeof legacy.id !== 'number') return null;
  const incident = { private: true, comms_channel: null, ...legacy } as unknown as IncidentSnapshot;
  const actor = (isObject(payload.actor) ? payload.actor : { kind: 'system', job: 'legacy', label: 'Response' }) as EventActor;
  const base = { id: `outbox-${outboxId}`, version: DOMAIN_EVENT_VERSION, occurred_at: new Date(0).toISOString(), incident_id: legacy.id, private: true, actor };
  if (type === 'incident.declared') return { ...base, type, data: { incident } };
  if (type === 'incident.comms_channel_attached') return { ...base, type, data: { incident, channel: { id: '', name: '' } } };
  return { ...base, type: type as 'incident.updated', data: { incident, changes: [] } };
}
