import type { Clock, Ctx } from '../../core/shared/context.js';
import { getUser } from '../../core/user/list-users.js';
import { recordUserProfile } from '../../core/user/record-user-profile.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import type { SlackRuntime } from '../runtime.js';

export interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  profile?: { display_name_normalized?: string; display_name?: string; real_name?: string; email?: string };
}

export const systemCtx = (rt: { clock: Clock }, job: string): Ctx => ({ actor: { kind: 'system', job }, clock: rt.clock });

export function profileOf(u: SlackUser & { id: string }) {
  const displayName = u.profile?.display_name_normalized || u.profile?.display_name || u.name || u.id;
  return {
    slackId: u.id,
    displayName,
    fullName: u.profile?.real_name || u.real_name || u.name || null,
    email: u.profile?.email ?? null,
    deleted: u.deleted ?? false,
    isBot: u.is_bot ?? false,
    isAdmin: u.is_admin ?? false,
  };
}

/**
 * Names come from users.info the first time Response sees a Slack id (ids are stored as they
 * are, so `<@U…>` can be shown as a name later). Failures are logged: a name is never worth
 * failing the user's action for.
 */
export async function ensureUserProfile(rt: SlackRuntime, slackId: string | null | undefined): Promise<void> {
  if (!slackId || !/^[UW][A-Z0-9]+$/.test(slackId) || slackId === rt.bot.userId) return;
  const seen = rt.knownProfiles;
  if (seen.has(slackId)) return;
  try {
    const existing = await getUser(rt.core, systemCtx(rt, 'slack-users'), slackId).catch(() => null);
    if (existing?.refreshedAt) {
      seen.add(slackId);
      return;
    }
    const res = await rt.client.users.info({ user: slackId });
    if (res.user?.id) await recordUserProfile(rt.core, systemCtx(rt, 'slack-users'), profileOf({ ...(res.user as SlackUser), id: res.user.id }));
    seen.add(slackId);
  } catch (err) {
    rt.logger.warn({ err, slackId }, 'slack: could not look up a user profile');
  }
}

/** Pages through users.list and stores every profile (the daily refresh). Returns how many were stored. */
export async function refreshUsers(rt: SlackRuntime): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await rt.client.users.list({ limit: 200, cursor });
    for (const u of (page.members ?? []) as SlackUser[]) {
      if (!u.id) continue;
      await recordUserProfile(rt.core, systemCtx(rt, 'slack-users'), profileOf({ ...u, id: u.id }));
      count++;
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return count;
}

/** `user_change` carries the whole user object: store it as it now is. Malformed events are logged, never thrown. */
export async function recordUserChange(rt: SlackRuntime, user: unknown): Promise<void> {
  const u = user as SlackUser | null;
  if (!u || typeof u !== 'object' || typeof u.id !== 'string' || !/^[UW][A-Z0-9]+$/.test(u.id)) {
    rt.logger.warn('slack: user_change without a user id');
    return;
  }
  try {
    await recordUserProfile(rt.core, systemCtx(rt, 'slack-users'), profileOf({ ...u, id: u.id }));
  } catch (err) {
    rt.logger.warn({ err, slackId: u.id }, 'slack: could not record a changed user profile');
  }
}

/** Everyone mentioned in a text (`<@U…>`), looked up the first time they are referenced; at most a handful per message. */
export async function ensureMentionedProfiles(rt: SlackRuntime, text: string | null | undefined): Promise<void> {
  if (!text) return;
  const ids = new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1] as string));
  await Promise.all([...ids].slice(0, 10).map((id) => ensureUserProfile(rt, id)));
}

/** Slack ids in an event payload whose person Response knows only by id (`display_name` is the id itself). */
export function unnamedPeopleIn(payload: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6 || !payload || typeof payload !== 'object') return found;
  if (Array.isArray(payload)) {
    for (const v of payload) unnamedPeopleIn(v, found, depth + 1);
    return found;
  }
  const o = payload as Record<string, unknown>;
  if (typeof o.slack_id === 'string' && o.display_name === o.slack_id) found.add(o.slack_id);
  if (typeof o.assignee === 'string') found.add(o.assignee);
  for (const v of Object.values(o)) if (v && typeof v === 'object') unnamedPeopleIn(v, found, depth + 1);
  return found;
}

/**
 * A person named from any surface (a lead set in the API or picked in a modal) is looked up in
 * Slack once the change is committed, so they show by name from then on.
 */
export function profileLookupSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack-user-profiles',
    // The incident's reporter and role holders (the lead among them); not every event (each topic
    // costs an outbox row per event), so an action's assignee set outside Slack waits for the daily refresh.
    topics: ['incident.declared', 'incident.updated', 'role.assigned'],
    async handle(delivery) {
      const ids = [...unnamedPeopleIn(delivery.payload)].slice(0, 10);
      await Promise.all(ids.map((id) => ensureUserProfile(rt, id)));
    },
  };
}
