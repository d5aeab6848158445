import type { Actor } from '../shared/context.js';
import type { Page } from '../shared/page.js';

export interface TimelineEntry {
  id: number;
  incidentId: number;
  timestamp: Date;
  text: string;
  eventType: string;
  metadata: Record<string, unknown> | null;
  sourceKey: string | null;
  actor: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewTimelineEntry {
  timestamp: Date;
  text: string;
  eventType: string;
  metadata: Record<string, unknown> | null;
  sourceKey?: string | null;
  actor: Actor;
}

export interface TimelineRepo {
  /** Returns null when an entry with the same source key exists already. */
  insert(incidentId: number, entry: NewTimelineEntry, now: Date): Promise<number | null>;
  get(incidentId: number, id: number): Promise<TimelineEntry | null>;
  getBySourceKey(sourceKey: string): Promise<TimelineEntry | null>;
  update(id: number, changes: Partial<Pick<TimelineEntry, 'timestamp' | 'text' | 'metadata'>>, now: Date): Promise<void>;
  remove(id: number): Promise<void>;
  list(incidentId: number, limit: number, cursor: string | null): Promise<Page<TimelineEntry>>;
  /** The latest entries, newest first (only those after `after` when given): what a catch-up reads, bounded by `limit`. */
  newest(incidentId: number, limit: number, after?: Date): Promise<TimelineEntry[]>;
}
