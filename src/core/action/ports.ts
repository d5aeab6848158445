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
  createdAt: Date;
  updatedAt: Date;
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
  get(incidentId: number, id: number): Promise<Action | null>;
  update(id: number, changes: Partial<ActionFields>, now: Date): Promise<void>;
  remove(id: number): Promise<void>;
  list(incidentId: number, limit: number, cursor: string | null): Promise<Page<Action>>;
  /** Open (not done) actions, oldest first, up to `limit`, with how many are open in all. */
  listOpen(incidentId: number, limit: number): Promise<{ actions: Action[]; total: number }>;
}
