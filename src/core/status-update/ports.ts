import type { Actor } from '../shared/context.js';
import type { Page } from '../shared/page.js';
import type { UserRef } from '../incident/model.js';
import { LIVE_STATUSES } from '../incident/model.js';
import type { Publication } from '../status-page/ports.js';

/** The statuses an update may announce (a live incident's; `reported` is only for report-only incidents). */
export const UPDATE_STATUSES = LIVE_STATUSES;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** One status update: what is happening now, what happens next, and when the next update is due. */
export interface StatusUpdate {
  id: number;
  incidentId: number;
  status: UpdateStatus;
  message: string;
  nextSteps: string | null;
  /** When the next update is due; null when the poster said there will be none (or no cadence applies). */
  nextUpdateAt: Date | null;
  postedBy: UserRef | null;
  actor: Record<string, unknown> | null;
  postedAt: Date;
  /** Its public part when it was published to the status page (its own wording); null when internal only. */
  publication: Publication | null;
}

export interface NewStatusUpdate {
  status: UpdateStatus;
  message: string;
  nextSteps: string | null;
  nextUpdateAt: Date | null;
  postedById: number | null;
  actor: Actor;
  postedAt: Date;
  publication: Publication | null;
}

/** The two nudges of one due time: when it falls due, and once more when it is overdue. */
export type NudgeLevel = 'due' | 'overdue';

export interface StatusUpdateRepo {
  insert(incidentId: number, update: NewStatusUpdate): Promise<number>;
  get(incidentId: number, id: number): Promise<StatusUpdate | null>;
  /** Newest first (posted_at, then id). */
  list(incidentId: number, limit: number, cursor: string | null): Promise<Page<StatusUpdate>>;
  /** The newest update of each incident that has one. */
  latestFor(incidentIds: number[]): Promise<Map<number, StatusUpdate>>;
  /** Whether this due time's nudge at this level was posted already. */
  wasNudged(incidentId: number, dueAt: Date, level: NudgeLevel): Promise<boolean>;
  /** Records a posted nudge; false when it was recorded already. */
  recordNudge(incidentId: number, dueAt: Date, level: NudgeLevel, at: Date): Promise<boolean>;
}

/** How an update's status reads in Slack and the doc. */
export const UPDATE_STATUS_LABEL: Record<UpdateStatus, { emoji: string; name: string }> = {
  investigating: { emoji: '🔍', name: 'Investigating' },
  identified: { emoji: '🎯', name: 'Identified' },
  monitoring: { emoji: '👀', name: 'Monitoring' },
  resolved: { emoji: '✅', name: 'Resolved' },
};
