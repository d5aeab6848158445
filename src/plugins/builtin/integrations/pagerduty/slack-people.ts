import type { HandlerContext } from '../../../sdk/types.js';
import type { PagerDutyClient } from './client.js';

const slackError = (err: unknown) => (err as { data?: { error?: string } }).data?.error;

/** PagerDuty user id → Slack user id, for those whose PagerDuty email belongs to someone in Slack. */
export async function slackIdsByEmail(ctx: HandlerContext, client: PagerDutyClient, pagerDutyUserIds: string[]): Promise<Map<string, string>> {
  const slackIds = new Map<string, string>();
  for (const userId of pagerDutyUserIds) {
    const email = await client.userEmail(userId);
    if (!email) continue;
    try {
      const found = await ctx.client.users.lookupByEmail({ email });
      if (found.user?.id && !found.user.deleted) slackIds.set(userId, found.user.id);
    } catch (err) {
      // Nobody in Slack with that email (or the app lacks users:read.email): they are named, not invited.
      const code = slackError(err);
      if (code !== 'users_not_found' && code !== 'missing_scope') throw err;
      if (code === 'missing_scope') ctx.log.warn('users.lookupByEmail needs the users:read.email scope to invite the people paged');
    }
  }
  return slackIds;
}

/** Invites each person to the channel; returns those newly invited (someone already there is skipped). */
export async function inviteToChannel(ctx: HandlerContext, channel: string, slackIds: string[]): Promise<string[]> {
  const invited: string[] = [];
  for (const user of slackIds) {
    try {
      await ctx.client.conversations.invite({ channel, users: user });
      invited.push(user);
    } catch (err) {
      const code = slackError(err);
      if (code === 'already_in_channel' || code === 'cant_invite_self') continue;
      if (code === 'user_is_restricted' || code === 'user_disabled' || code === 'cant_invite') {
        ctx.log.warn('could not invite the person paged', { user, code });
        continue;
      }
      throw err;
    }
  }
  return invited;
}
