import { incidentProcessOf, typeDefinition } from '../../core/shared/incident-process.js';
import { attachCommsChannel } from '../../core/channel/attach-comms-channel.js';
import type { Actor } from '../../core/shared/context.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import { renderWelcome } from '../blocks/welcome.js';
import { truncate } from '../../plugins/sdk/slack-text.js';
import { classifySlackFailure, singleAttemptClient, slackErrorCode } from '../client/web-client.js';
import type { SlackRuntime } from '../runtime.js';
import { loadIncidentView, viewOf } from './incident-view.js';
import { doOnce, onceDeps, postOnce } from './post-once.js';

const MAX_NAME = 80;

/**
 * `inc-{id}-{slug of the title}`: lowercase, Slack's characters only, at most 80 (with room for a
 * suffix). `start` replaces `inc` (an incident type's `channelPrefix`, e.g. `sec-42-…`).
 */
export function commsChannelName(incident: { id: number; report: string }, suffix = 0, start = 'inc'): string {
  const tail = suffix > 0 ? `-${suffix + 1}` : '';
  const prefix = `${start}-${incident.id}`;
  const slug = incident.report
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  const room = MAX_NAME - prefix.length - tail.length - 1;
  const cut = slug.slice(0, Math.max(0, room)).replace(/[-_]+$/, '');
  return `${prefix}${cut ? `-${cut}` : ''}${tail}`;
}

/** A Slack error the person pressing the button can do something about, with what to do. */
export class UserFacingSlackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingSlackError';
  }
}

const IGNORED_INVITE_ERRORS = new Set(['already_in_channel', 'cant_invite_self']);

async function findChannelByName(rt: SlackRuntime, name: string): Promise<{ id: string; archived: boolean; creator: string | undefined } | undefined> {
  let cursor: string | undefined;
  do {
    const page = await rt.client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: false, limit: 200, cursor });
    const match = page.channels?.find((c) => c.name === name);
    if (match?.id) return { id: match.id, archived: match.is_archived ?? false, creator: match.creator };
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/** Creates the channel, or takes back one of ours with that name (a retry, or an archived earlier attempt). */
async function createOrReclaim(rt: SlackRuntime, incident: IncidentView): Promise<{ id: string; name: string }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const name = commsChannelName(incident, attempt, (incident.type && typeDefinition(incidentProcessOf(rt.core), incident.type).channelPrefix) || 'inc');
    try {
      // A private incident gets a private channel: its name and talk stay with the people invited.
      const res = await rt.client.conversations.create({ name, is_private: incident.private });
      if (res.channel?.id) return { id: res.channel.id, name: res.channel.name ?? name };
    } catch (err) {
      const code = slackErrorCode(err);
      if (code !== 'name_taken') {
        if (code?.startsWith('invalid_name'))
          throw new UserFacingSlackError(`Slack refused the channel name #${name} (${code}). Edit the incident's title and try again.`);
        throw err;
      }
      const existing = await findChannelByName(rt, name);
      if (existing && existing.creator === rt.bot.userId) {
        if (existing.archived) await rt.client.conversations.unarchive({ channel: existing.id });
        return { id: existing.id, name };
      }
    }
  }
  throw new UserFacingSlackError(`Every channel name for incident ${incident.id} is taken. Create a channel yourself and rename it, or archive an old one.`);
}

/**
 * Users per conversations.invite: the method page (docs.slack.dev/reference/methods/conversations.invite)
 * says 100 where the SDK's argument docs say 1000; the smaller is safe with both.
 */
export const INVITE_BATCH = 100;

/**
 * Invites everyone in as few calls as Slack allows (one per 100 people; conversations.invite is Tier 3,
 * so a storm of channels would otherwise spend the budget one person at a time). `force` invites the
 * valid ones even when some can't be: Slack lists those in `errors`, one entry per user. Being in
 * already, or being us, is no failure; the rest are logged and do not hold the channel back. A call
 * that got no answer, or a rate limit, is thrown: the set-up is retried, and inviting again is harmless.
 */
async function invite(rt: SlackRuntime, channel: string, users: string[]): Promise<void> {
  for (let i = 0; i < users.length; i += INVITE_BATCH) {
    const batch = users.slice(i, i + INVITE_BATCH);
    let failures: { user?: string; error?: string }[];
    try {
      const res = await rt.client.conversations.invite({ channel, users: batch.join(','), force: true });
      failures = (res as { errors?: { user?: string; error?: string }[] }).errors ?? [];
    } catch (err) {
      const code = slackErrorCode(err);
      if (!code || (classifySlackFailure(err) as { permanent?: boolean }).permanent !== true) throw err;
      const listed = (err as { data?: { errors?: { user?: string; error?: string }[] } }).data?.errors;
      // Without a per-user list, the refusal is about the call itself (channel_not_found, is_archived…).
      failures = listed?.length ? listed : batch.map((user) => ({ user, error: code }));
    }
    for (const f of failures) {
      if (f.error && IGNORED_INVITE_ERRORS.has(f.error)) continue;
      rt.logger.warn({ user: f.user, channel, code: f.error }, 'slack: could not invite someone to the comms channel');
    }
  }
}

/**
 * The incident's comms channel: created (or reclaimed) once, the bot joins, the reporter, role holders (the lead among them)
 * and presser are invited, topic, welcome and bookmark set, and the channel is attached to the
 * incident (which re-renders the headline through the outbox). A second call returns the existing channel.
 */
export function createCommsChannel(rt: SlackRuntime, incidentId: number, options: { actor: Actor; pressedBy?: string | null }): Promise<IncidentView> {
  // One creation at a time per incident in this process (a double click, the auto-create racing a press).
  const creating = rt.commsChannelCreations;
  const running = creating.get(incidentId);
  if (running) return running;
  const run = doCreate(rt, incidentId, options).finally(() => creating.delete(incidentId));
  creating.set(incidentId, run);
  return run;
}

async function doCreate(rt: SlackRuntime, incidentId: number, options: { actor: Actor; pressedBy?: string | null }): Promise<IncidentView> {
  const before = await loadIncidentView(rt, incidentId);
  if (before.commsChannel) {
    // Normally all done already (a few statements, no Slack call); after a crash between attaching
    // the channel and setting it up, the retry finishes the set-up now.
    await setUp(rt, before, before.commsChannel.channelId, options.pressedBy);
    return before;
  }
  const channel = await createOrReclaim(rt, before);
  // The bot created it, so it is in it; a private channel can't be joined, only be invited to.
  if (!before.private) {
    try {
      await rt.client.conversations.join({ channel: channel.id });
    } catch (err) {
      rt.logger.warn({ err, channel: channel.id }, 'slack: could not join the comms channel');
    }
  }
  const incident = viewOf(
    rt,
    await attachCommsChannel(rt.core, { actor: options.actor, clock: rt.clock }, incidentId, { channelId: channel.id, channelName: channel.name }),
  );
  await setUp(rt, incident, channel.id, options.pressedBy);
  return incident;
}

/**
 * Invites, topic, welcome and the doc's bookmark, each done once per channel whoever gets here (two
 * replicas, a retry after a crash in the middle). Invites and the topic are safe to repeat, so an
 * uncertain attempt simply does them again; the welcome and the bookmark are looked for first.
 * Channels set up before the ledger existed are marked done by its migration.
 */
async function setUp(rt: SlackRuntime, incident: IncidentView, channelId: string, pressedBy: string | null | undefined): Promise<void> {
  const once = onceDeps(rt);
  const notFindable = async () => undefined;
  await doOnce(once, `comms-invite:${channelId}`, channelId, {
    act: async () => {
      const people = [incident.reporter?.slackId, ...incident.roles.map((r) => r.user.slackId), pressedBy].filter((u): u is string => !!u && u !== rt.bot.userId);
      await invite(rt, channelId, [...new Set(people)]);
      return { channel: channelId, id: 'invited' };
    },
    find: notFindable,
  });
  await doOnce(once, `comms-topic:${channelId}`, channelId, {
    act: async () => {
      const docSuffix = ` - ${incident.docUrl}`;
      try {
        await rt.client.conversations.setTopic({ channel: channelId, topic: truncate(incident.report, 250 - docSuffix.length) + docSuffix });
      } catch (err) {
        rt.logger.warn({ err }, 'slack: could not set the comms channel topic');
      }
      return { channel: channelId, id: 'set' };
    },
    find: notFindable,
  });
  await postOnce(once, `comms-welcome:${channelId}`, channelId, renderWelcome(incident, incidentProcessOf(rt.core).reactions));
  try {
    await doOnce(once, `comms-bookmark:${channelId}`, channelId, {
      act: async () => {
        const res = await singleAttemptClient(rt.client).bookmarks.add({ channel_id: channelId, title: `Incident ${incident.id} doc`, type: 'link', link: incident.docUrl });
        return { channel: channelId, id: res.bookmark?.id ?? 'added' };
      },
      find: async () => {
        const res = await singleAttemptClient(rt.client).bookmarks.list({ channel_id: channelId });
        const mine = res.bookmarks?.find((b) => b.link === incident.docUrl);
        return mine ? { channel: channelId, id: mine.id ?? 'found' } : undefined;
      },
    });
  } catch (err) {
    const code = slackErrorCode(err);
    rt.logger.info({ code }, 'slack: could not bookmark the incident doc (missing scope or not supported)');
    // A definite refusal (missing scope, bookmarks off) is not worth asking again on every press.
    if (code && (classifySlackFailure(err) as { permanent?: boolean }).permanent === true)
      await rt.core.store.slackEffects.complete(`comms-bookmark:${channelId}`, channelId, `refused:${code}`, rt.clock.now());
  }
}
