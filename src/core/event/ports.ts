import type { Page } from '../shared/page.js';

export interface ChangeLogEvent {
  id: number;
  timestamp: Date;
  eventType: string;
  incidentId: number | null;
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Which private incidents' rows a reader of the change log gets: all (admins), none (API tokens:
 * the log feeds external consumers, and private incidents never went there), or those of the
 * incidents a person is one of the people of (reporter, lead, channel member or poster).
 */
export type ChangeLogVisibility = { private: 'all' } | { private: 'none' } | { private: 'person'; slackId: string };

export interface ChangeLogRepo {
  append(event: Omit<ChangeLogEvent, 'id'>): Promise<void>;
  list(from: Date | undefined, to: Date | undefined, limit: number, cursor: string | null, visibility: ChangeLogVisibility): Promise<Page<ChangeLogEvent>>;
}
