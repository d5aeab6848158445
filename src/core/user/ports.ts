import type { Page } from '../shared/page.js';
import type { UserRef } from '../incident/model.js';

export interface User extends UserRef {
  email: string | null;
  deleted: boolean;
  isBot: boolean;
  isAdmin: boolean;
  refreshedAt: Date | null;
}

export interface UserProfile {
  slackId: string;
  displayName: string;
  fullName?: string | null;
  email?: string | null;
  deleted?: boolean;
  isBot?: boolean;
  isAdmin?: boolean;
}

export interface UserRepo {
  /** One row per Slack id however often the name changes. */
  upsert(profile: UserProfile, now: Date): Promise<User>;
  /** Creates a placeholder row for an id we have not looked up yet; keeps an existing row untouched. */
  ensure(slackId: string, now: Date): Promise<User>;
  getBySlackId(slackId: string): Promise<User | null>;
  getById(id: number): Promise<User | null>;
  list(q: string | undefined, limit: number, cursor: string | null): Promise<Page<User>>;
  staleSince(before: Date, limit: number): Promise<User[]>;
}
