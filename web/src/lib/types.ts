/**
 * The REST API's shapes come from the server's presenters (`src/http/api-types.ts`), type-only, so they
 * cannot drift from what the server sends. What is here is the UI's own: the option lists its pickers show,
 * checked against the server's unions below.
 */
import type {
  ApiAction,
  ApiActionPriority,
  ApiActionType,
  ApiCommsChannel,
  ApiIncident,
  ApiInsights,
  ApiMe,
  ApiPage,
  ApiRole,
  ApiParticipant,
  ApiSeverity,
  ApiSeverityLevel,
  ApiIncidentType,
  ApiField,
  ApiStatus,
  ApiTimelineEntry,
  ApiToken,
  ApiUser,
  ApiUserRef,
} from '../../../src/http/api-types.js';

export type UserRef = ApiUserRef;
export type User = ApiUser;
export type CommsChannel = ApiCommsChannel;
export type Incident = ApiIncident;
export type Action = ApiAction;
export type Role = ApiRole;
export type TimelineEntry = ApiTimelineEntry;
export type Participant = ApiParticipant;
export type Page<T> = ApiPage<T>;
export type Me = ApiMe;
export type ApiTokenInfo = ApiToken;
export type Insights = ApiInsights;

export type Severity = ApiSeverity;
export type SeverityLevel = ApiSeverityLevel;
export type IncidentType = ApiIncidentType;
export type FieldDefinition = ApiField;
/** A stored custom field value, as the API gives it. */
export type FieldValue = Incident['custom_fields'][string];
export type Status = ApiStatus;
export type Priority = ApiActionPriority;
export type ActionType = ApiActionType;
export type SeverityKey = Severity | 'none';

/** True only when A and B are the same union: a list below that misses or invents a value fails to compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(ok: Same<A, B>) => ok;

// In the order the pickers show them (the server's order, too). Severities are configured: see lib/severities.ts.
export const STATUSES = ['reported', 'investigating', 'identified', 'monitoring', 'resolved'] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export const ACTION_TYPES = ['detective', 'preventative', 'corrective'] as const;
same<(typeof STATUSES)[number], Status>(true);
same<(typeof PRIORITIES)[number], Priority>(true);
same<(typeof ACTION_TYPES)[number], ActionType>(true);
