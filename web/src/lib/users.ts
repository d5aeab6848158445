import { useEffect, useState } from 'react';
import { api } from './api';
import type { User, UserRef } from './types';

/**
 * Display names for Slack ids seen in text (`<@U…>`). One request per id for the whole page,
 * however many times it is mentioned; names already known from API objects are seeded in.
 */
const known = new Map<string, string>();
const pending = new Map<string, Promise<string>>();
const listeners = new Map<string, Set<(name: string) => void>>();

export function rememberUser(u: UserRef | null | undefined): void {
  if (u && !known.has(u.slack_id)) known.set(u.slack_id, u.display_name || u.full_name || u.slack_id);
}

function load(slackId: string): Promise<string> {
  let p = pending.get(slackId);
  if (!p) {
    p = api
      .get<User>(`/api/v1/users/${encodeURIComponent(slackId)}`)
      .then((u) => u.display_name || u.full_name || slackId)
      .catch(() => slackId)
      .then((name) => {
        known.set(slackId, name);
        listeners.get(slackId)?.forEach((fn) => fn(name));
        return name;
      });
    pending.set(slackId, p);
  }
  return p;
}

/** The display name for a Slack id if already known (from an API object or a finished lookup). */
export const knownUserName = (slackId: string): string | undefined => known.get(slackId);

/** The display name for a Slack id; the id itself until the name arrives (or when unknown). */
export function useUserName(slackId: string): string {
  const [name, setName] = useState(() => known.get(slackId) ?? slackId);
  useEffect(() => {
    const cached = known.get(slackId);
    if (cached) {
      setName(cached);
      return;
    }
    const set = listeners.get(slackId) ?? new Set();
    set.add(setName);
    listeners.set(slackId, set);
    void load(slackId);
    return () => {
      set.delete(setName);
    };
  }, [slackId]);
  return name;
}

export const userLabel = (u: UserRef | null | undefined): string => (u ? u.display_name || u.full_name || u.slack_id : '—');
