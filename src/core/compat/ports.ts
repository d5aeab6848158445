import type { ChangeLogVisibility } from '../event/ports.js';
import type { Severity, Status } from '../incident/model.js';
import type { ActionPriority, ActionType } from '../action/ports.js';

// Reads for the original Response's REST API (`/core/…`): its lists page by offset and say how many
// rows there are in all (`count`), which our cursor-paged ports don't; these queries do, in SQL.

/** One page of a list read by offset, with the number of rows the whole list has. */
export interface OffsetPage<T> {
  count: number;
  results: T[];
}

/** Which private incidents a reader of an incident list sees: all (admins, tokens), or those they are one of the people of. */
export type IncidentVisibility = { private: 'all' } | { private: 'person'; slackId: string | null };

/** A person as the original's ExternalUser knew them. */
export interface CompatUser {
  slackId: string;
  displayName: string;
  fullName: string | null;
  email: string | null;
  deleted: boolean;
}

export interface CompatAction {
  id: number;
  incidentId: number;
  details: string;
  done: boolean;
  /** The original's one person per action: its owner, else whoever logged it. */
  user: CompatUser | null;
  createdAt: Date;
  doneAt: Date | null;
  dueDate: string | null;
  priority: ActionPriority | null;
  type: ActionType | null;
}

export interface CompatIncident {
  id: number;
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  status: Status;
  reportOnly: boolean;
  reporter: CompatUser | null;
  lead: CompatUser | null;
  reportTime: Date;
  startTime: Date;
  endTime: Date | null;
  commsChannel: { channelId: string; channelName: string } | null;
  actionItems: CompatAction[];
}

export interface CompatTimelineEntry {
  id: number;
  incidentId: number;
  timestamp: Date;
  text: string;
  eventType: string;
  metadata: Record<string, unknown> | null;
}

export interface CompatEvent {
  id: number;
  timestamp: Date;
  eventType: string;
  incidentId: number | null;
  payload: Record<string, unknown>;
}

export interface IncidentListFilter {
  visibility: IncidentVisibility;
  /** Report time in [from, to): the by-month route's month. */
  reportedFrom?: Date;
  reportedBefore?: Date;
}

export interface CompatReadRepo {
  /** Newest report first (ties: newest id), each with its action items. */
  incidents(filter: IncidentListFilter, limit: number, offset: number): Promise<OffsetPage<CompatIncident>>;
  incident(id: number): Promise<CompatIncident | null>;
  /** By id; `incidentId` limits them to one incident, `visibility` to incidents the reader sees. */
  actions(filter: { incidentId?: number; visibility: IncidentVisibility }, limit: number, offset: number): Promise<OffsetPage<CompatAction>>;
  /** The action and whether its incident may be seen by `visibility`'s reader. */
  action(id: number, filter: { incidentId?: number; visibility: IncidentVisibility }): Promise<CompatAction | null>;
  /** One incident's entries by id (the original's order). */
  timeline(incidentId: number, limit: number, offset: number): Promise<OffsetPage<CompatTimelineEntry>>;
  timelineEntry(incidentId: number, id: number): Promise<CompatTimelineEntry | null>;
  /** Everyone we know, by id. */
  users(limit: number, offset: number): Promise<OffsetPage<CompatUser>>;
  usersBySlackId(slackIds: string[]): Promise<CompatUser[]>;
  /** The change log in [from, to] (both ends, as the original's `range`), by id. */
  events(filter: { from: Date; to: Date; visibility: ChangeLogVisibility }, limit: number, offset: number): Promise<OffsetPage<CompatEvent>>;
}
