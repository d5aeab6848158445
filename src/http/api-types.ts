import type { presentAction, presentIncident, presentRole, presentSeverity, presentIncidentType, presentField, presentParticipant, presentTimelineEntry, presentUser, presentUserRef } from './presenters/present.js';
import type { presentStatusUpdate } from './presenters/present-status-update.js';
import type { presentCatchUp } from './presenters/present-catch-up.js';
import type { presentPostmortem } from './presenters/present-postmortem.js';
import type { presentCreatedToken, presentInsights, presentMe, presentToken } from './presenters/present-web.js';
import type { presentEndpointWithSecret, presentWebhookDelivery, presentWebhookDeliveryDetail, presentWebhookEndpoint } from './presenters/present-webhook.js';

/**
 * The REST API's answers, as the presenters build them (snake_case, ISO-8601 UTC times): one place the
 * server and the web UI both read. Types only, so the web UI imports them with `import type` and nothing of
 * the server reaches its bundle; a presenter that changes a field breaks `tsc -p web/tsconfig.json` where the
 * UI reads it, instead of the UI drifting quietly.
 *
 * This module and what it imports are type-checked under the web UI's settings too (DOM lib, no Node types):
 * keep the presenters free of Node-only APIs.
 */

// ReturnType reads the last overload (the nullable one).
export type ApiUserRef = NonNullable<ReturnType<typeof presentUserRef>>;
export type ApiUser = ReturnType<typeof presentUser>;
export type ApiIncident = ReturnType<typeof presentIncident>;
export type ApiCommsChannel = NonNullable<ApiIncident['comms_channel']>;
export type ApiSeverity = NonNullable<ApiIncident['severity']>;
export type ApiStatus = ApiIncident['status'];
export type ApiIncidentRole = ApiIncident['roles'][number];
export type ApiRole = ReturnType<typeof presentRole>;
export type ApiSeverityLevel = ReturnType<typeof presentSeverity>;
export type ApiIncidentType = ReturnType<typeof presentIncidentType>;
export type ApiField = ReturnType<typeof presentField>;
export type ApiAction = ReturnType<typeof presentAction>;
export type ApiActionPriority = NonNullable<ApiAction['priority']>;
export type ApiActionType = NonNullable<ApiAction['type']>;
export type ApiTimelineEntry = ReturnType<typeof presentTimelineEntry>;
export type ApiParticipant = ReturnType<typeof presentParticipant>;
export type ApiStatusUpdate = ReturnType<typeof presentStatusUpdate>;
export type ApiCatchUp = ReturnType<typeof presentCatchUp>;
export type ApiPostmortem = ReturnType<typeof presentPostmortem>;
export type ApiMe = ReturnType<typeof presentMe>;
export type ApiInsights = ReturnType<typeof presentInsights>;
export type ApiToken = ReturnType<typeof presentToken>;
export type ApiCreatedToken = ReturnType<typeof presentCreatedToken>;
export type ApiWebhookEndpoint = ReturnType<typeof presentWebhookEndpoint>;
export type ApiWebhookEndpointWithSecret = ReturnType<typeof presentEndpointWithSecret>;
export type ApiWebhookDelivery = ReturnType<typeof presentWebhookDelivery>;
export type ApiWebhookDeliveryDetail = ReturnType<typeof presentWebhookDeliveryDetail>;

/** A list endpoint's answer: a page of results and the cursor of the next one (null on the last page). */
export interface ApiPage<T> {
  results: T[];
  next: string | null;
}
