import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from '../client/web-client.js';
import type { BotIdentity, ResolvedChannel } from '../runtime.js';

/** Slack is configured but unusable: the message says what to fix, and the process exits. */
export class SlackStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackStartupError';
  }
}

/** auth.test: who the bot is, in which workspace. */
export async function identifyBot(client: WebClient): Promise<BotIdentity> {
  try {
    const res = await client.auth.test();
    if (!res.user_id || !res.team_id) throw new SlackStartupError('Slack auth.test did not say who the bot is; check SLACK_BOT_TOKEN');
    return { userId: res.user_id, botId: res.bot_id, teamId: res.team_id, url: res.url ?? null };
  } catch (err) {
    if (err instanceof SlackStartupError) throw err;
    const code = slackErrorCode(err);
    if (code)
      throw new SlackStartupError(
        `Slack rejected SLACK_BOT_TOKEN (${code}): install the app to your workspace and copy its Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN`,
      );
    throw new SlackStartupError(
      `Could not reach Slack to check SLACK_BOT_TOKEN (${err instanceof Error ? err.message : String(err)}): check the network and SLACK_API_URL`,
    );
  }
}

const looksLikeId = (s: string) => /^[CG][A-Z0-9]{2,}$/.test(s);

/**
 * Finds a channel given as a name (`incidents`, `#incidents`) or an id, paging through
 * conversations.list, and joins it if the bot isn't a member yet.
 */
export async function resolveChannel(client: WebClient, setting: string, value: string): Promise<ResolvedChannel> {
  const wanted = value.replace(/^#/, '').trim();
  let found: { id: string; name: string; isMember: boolean; isPrivate: boolean } | undefined;
  if (looksLikeId(wanted)) {
    try {
      const info = await client.conversations.info({ channel: wanted });
      if (info.channel?.id)
        found = {
          id: info.channel.id,
          name: info.channel.name ?? wanted,
          isMember: info.channel.is_member ?? false,
          isPrivate: info.channel.is_private ?? false,
        };
    } catch (err) {
      // Not visible (or a private channel without groups:read): look for it by listing instead.
      if (!['channel_not_found', 'missing_scope'].includes(slackErrorCode(err) ?? '')) throw err;
    }
  }
  let cursor: string | undefined;
  // Private channels are listed only with groups:read, which the manifest doesn't ask for; without it, public ones.
  let types = 'public_channel,private_channel';
  while (!found) {
    let page;
    try {
      page = await client.conversations.list({ types, exclude_archived: true, limit: 200, cursor });
    } catch (err) {
      if (slackErrorCode(err) !== 'missing_scope' || types === 'public_channel') throw err;
      types = 'public_channel';
      cursor = undefined;
      continue;
    }
    const match = page.channels?.find((c) => c.name === wanted || c.id === wanted);
    if (match?.id) found = { id: match.id, name: match.name ?? wanted, isMember: match.is_member ?? false, isPrivate: match.is_private ?? false };
    cursor = page.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  if (!found) {
    throw new SlackStartupError(
      `${setting} is "${value}", but no channel with that name or id exists in the Slack workspace (or the bot can't see it). Create the channel and restart, or set ${setting} to an existing channel's name or id. For a private channel, invite the bot and add the groups:read scope to the app.`,
    );
  }
  if (!found.isMember) {
    try {
      await client.conversations.join({ channel: found.id });
    } catch (err) {
      const code = slackErrorCode(err);
      throw new SlackStartupError(
        `The bot could not join #${found.name} (${setting}): ${code ?? String(err)}. ${found.isPrivate ? 'Invite the bot to the private channel with /invite @Response.' : 'Check that the app has the channels:join scope and reinstall it.'}`,
      );
    }
  }
  return { id: found.id, name: found.name };
}
