/** The built-in PagerDuty plugin: its name (the actor of what it records), ids and keys. */
export const PAGERDUTY_PLUGIN = 'pagerduty';
export const PAGERDUTY_LABEL = 'PagerDuty';

export const PagerDutyIds = {
  /** The headline button and the `@incident page` prompt's button: open the modal. */
  openModal: 'pagerduty-page-button',
  modal: 'pagerduty-page-modal',
  /** The outbox task that triggers, reads who is on call, posts and invites. */
  pageTask: 'page',
  /** Served at POST /webhooks/pagerduty. */
  webhook: 'pagerduty',
} as const;

/** block_ids of the modal's inputs (field errors are keyed by these). */
export const PageBlocks = {
  service: 'pd_service',
  urgency: 'pd_urgency',
  message: 'pd_message',
} as const;

export type Urgency = 'high' | 'low';

/** Keys in the plugin's data store. */
export const DataKeys = {
  /** Our incident id → the pages sent for it (for resolving). */
  pages: (incidentId: number) => `pages:${incidentId}`,
  /** An Events API dedup key → our incident. */
  dedup: (dedupKey: string) => `dedup:${dedupKey}`,
  /** A PagerDuty incident id → our incident. */
  pdIncident: (pdIncidentId: string) => `pd-incident:${pdIncidentId}`,
  /** How far a page task got (its steps are made once across retries). */
  task: (idempotencyKey: string) => `task:${idempotencyKey}`,
  /** How far a webhook event's handling got. */
  webhook: (eventId: string) => `webhook:${eventId}`,
} as const;

/** One dedup key per incident and service, so paging two services opens two PagerDuty incidents. */
export function dedupKeyFor(incidentId: number, serviceKey: string): string {
  return `response-incident-${incidentId}-${serviceKey}`;
}

export interface PageRecord {
  serviceKey: string;
  serviceName: string;
  dedupKey: string;
  pdIncidentId: string | null;
}
