import type { Page } from '../shared/page.js';
import type { UserRef } from '../incident/model.js';

export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];
export const ACTION_TYPES = ['detective', 'preventative', 'corrective'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface Action {
  id: number;
  incidentId: number;
  details: string;
  done: boolean;
  doneAt: Date | null;
  dueDate: string | null;
  priority: ActionPriority | null;
  type: ActionType | null;
  loggedBy: UserRef | null;
  assignee: UserRef | null;
  /** The Slack message it was made from (a ✅ on it), or null when it was written. */
  source: ActionSource | null;
  /** The Jira or Linear issue it is tracked in (asked for, made, or refused), or null. */
  issue: ActionIssue | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a follow-up came from: `slack_message:<channel>:<ts>` and that message's permalink. */
export interface ActionSource {
  key: string;
  url: string | null;
}

/** The issue trackers a follow-up can be sent to (each on only when configured). */
export const ISSUE_PROVIDERS = ['jira', 'linear'] as const;
export type IssueProvider = (typeof ISSUE_PROVIDERS)[number];
export const ISSUE_PROVIDER_LABELS: Record<IssueProvider, string> = { jira: 'Jira', linear: 'Linear' };

/**
 * A follow-up's issue in a tracker: `requested` (the tracker is being asked; no key yet), `linked`
 * (made: key and link), `failed` (the tracker refused it for good; it may be asked again).
 */
export interface ActionIssue {
  provider: IssueProvider;
  key: string | null;
  url: string | null;
  state: 'requested' | 'linked' | 'failed';
}

/** The follow-up DMs' bookkeeping: each is sent at most once (cleared when what it was about changes). */
export interface ActionReminderState {
  ownerNotifiedAt: Date | null;
  pastDueRemindedAt: Date | null;
}

export type ActionFields = {
  details: string;
  done: boolean;
  doneAt: Date | null;
  dueDate: string | null;
  priority: ActionPriority | null;
  type: ActionType | null;
  assigneeId: number | null;
};

export interface ActionRepo {
  insert(incidentId: number, fields: ActionFields & { loggedById: number | null }, now: Date): Promise<number>;
  /** Inserts a follow-up made from a message; null when that message already made one (its source key is taken). */
  insertFromSource(incidentId: number, fields: ActionFields & { loggedById: number | null; sourceKey: string; sourceUrl: string | null }, now: Date): Promise<number | null>;
  get(incidentId: number, id: number): Promise<Action | null>;
  getBySourceKey(sourceKey: string): Promise<Action | null>;
  /** The action a tracker's issue is linked to, or null. */
  getByIssue(provider: IssueProvider, key: string): Promise<Action | null>;
  update(id: number, changes: Partial<ActionFields & ActionReminderState>, now: Date): Promise<void>;
  /** Sets (or clears, with null) the action's issue. */
  setIssue(id: number, issue: ActionIssue | null, now: Date): Promise<void>;
  /** The incident's open follow-ups with an owner who has not been sent the after-close DM about them, oldest first. */
  listOwnedOpenNotNotified(incidentId: number): Promise<Action[]>;
  markOwnerNotified(ids: number[], now: Date): Promise<void>;
  /**
   * Claims one open, owned follow-up due before `today` (YYYY-MM-DD) whose owner was not yet
   * reminded, marking it reminded in the same statement (skipping rows another replica holds), or null.
   */
  claimPastDue(today: string, now: Date): Promise<Action | null>;
  remove(id: number): Promise<void>;
  list(incidentId: number, limit: number, cursor: string | null): Promise<Page<Action>>;
  /** Open (not done) actions, oldest first, up to `limit`, with how many are open in all. */
  listOpen(incidentId: number, limit: number): Promise<{ actions: Action[]; total: number }>;
}
