import { getUser } from '../core/user/list-users.js';
import { recordUserProfile } from '../core/user/record-user-profile.js';
import type { Ctx } from '../core/shared/context.js';
import type { SlackRuntime } from './runtime.js';
import { runtimeForApp } from './runtime.js';

interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_admin?: boolean;
  profile?: { display_name_normalized?: string; display_name?: string; real_name?: string; email?: string };
}

const systemCtx = (rt: SlackRuntime, job: string): Ctx => ({ actor: { kind: 'system', job }, clock: rt.clock });

function profileOf(u: SlackUser & { id: string }) {
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

// Ids looked up by this process; the database row (refreshedAt) is the cross-replica truth.
const known = new WeakMap<SlackRuntime, Set<string>>();

/**
 * Names come from users.info the first time Response sees a Slack id (ids are stored as they
 * are, so `<@U…>` can be shown as a name later). Failures are logged: a name is never worth
 * failing the user's action for.
 */
export async function ensureUserProfile(rt: SlackRuntime, slackId: string | null | undefined): Promise<void> {
  if (!slackId || !/^[UW][A-Z0-9]+$/.test(slackId) || slackId === rt.bot.userId) return;
  const seen = known.get(rt) ?? new Set<string>();
  known.set(rt, seen);
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
export async function refreshUsersWith(rt: SlackRuntime): Promise<number> {
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

/** The daily user refresh for the scheduler: no-op (0) when Slack is not configured. */
export async function refreshUsers(app: object): Promise<number> {
  const rt = runtimeForApp(app);
  return rt ? refreshUsersWith(rt) : 0;
}
