import { recordChannelMembership } from '../../core/channel/record-channel-membership.js';
import { recordChannelRename } from '../../core/channel/record-channel-rename.js';
import { recordParticipantMessage } from '../../core/participant/record-message.js';
import { recordSlackPin, removeSlackPin, slackTsToDate, updateSlackPinText } from '../../core/timeline/slack-pins.js';
import { pluginDataFor } from '../../plugins/plugin-data.js';
import { toIncidentView } from '../../plugins/incident-view.js';
import { slackErrorCode } from '../client/web-client.js';
import { runPluginHandler } from '../guard.js';
import type { SlackRuntime } from '../runtime.js';
import { appMentionSchema, channelMemberSchema, channelRenameSchema, eventChannelId, messageEventSchema, pinEventSchema } from '../schemas.js';
import { findPerson } from '../people/find-person.js';
import { ensureMentionedProfiles, ensureUserProfile, recordUserChange } from '../people/profiles.js';
import { handleMention } from './mention.js';
import { onReactionAdded } from './reactions.js';
import { EventIncident } from '../channel-incidents.js';
import { contextFor, edgeCtx } from './shared.js';
import type { DeliveryKeys } from '../delivery-keys.js';

type Event = Record<string, unknown> & { type: string };

/**
 * Events that must be handled in the order Slack sent them, by key: one channel's pins, unpins and
 * edits (a quick pin, unpin, pin must end pinned; an edit right after a pin must find its entry),
 * and its joins and leaves. Everything else, messages included, is handled concurrently.
 */
export function eventOrderKey(event: Event): string | undefined {
  const channelId = eventChannelId(event);
  if (!channelId) return undefined;
  // 📌 and ✅ reactions too: pinning and 📌 of one message make one entry and one reply, not a race.
  const pinChange =
    event.type === 'pin_added' || event.type === 'pin_removed' || event.type === 'reaction_added' || (event.type === 'message' && event.subtype === 'message_changed');
  if (pinChange) return `pins:${channelId}`;
  // Joining and leaving at once must end as Slack ended it.
  if (event.type === 'member_joined_channel' || event.type === 'member_left_channel') return `members:${channelId}`;
  return undefined;
}

/** Human messages only: Response's own posts and other bots don't count as participation. */
const USER_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

async function onMessage(rt: SlackRuntime, raw: Event, channelIncident: EventIncident, delivery: DeliveryKeys | undefined): Promise<void> {
  const parsed = messageEventSchema.safeParse(raw);
  if (!parsed.success) return;
  const incidentId = await channelIncident.id();
  if (incidentId === null) return;
  const event = parsed.data;
  if (event.subtype === 'message_changed' && event.message) {
    await updateSlackPinText(rt.core, edgeCtx(rt, event.message.user, event.channel), event.channel, event.message.ts, event.message.text ?? '');
    return;
  }
  // The author's profile was ensured by handleEvent (event.user) before this ran.
  if (event.bot_id || !event.user || !USER_SUBTYPES.has(event.subtype)) return;
  await recordParticipantMessage(rt.core, edgeCtx(rt), incidentId, event.user, slackTsToDate(event.ts));
  const text = event.text ?? '';
  const matches = rt.registry.keywordsIn(text);
  // Most messages match no keyword; only those need the whole incident for the handlers' context.
  const incident = matches.length > 0 ? await channelIncident.get() : null;
  if (!incident) return;
  for (const match of matches) {
    const ctx = contextFor(rt, { incident, plugin: match.plugin, userSlackId: event.user, channelId: event.channel, threadTs: event.thread_ts ?? event.ts, delivery });
    await runPluginHandler(
      rt.logger,
      match.plugin,
      `keyword "${match.keyword}"`,
      () => match.handler.handler({ ...ctx, keyword: match.keyword, text, messageTs: event.ts }),
      rt.handlerTimeoutMs,
    );
  }
}

async function onPin(rt: SlackRuntime, raw: Event, channelIncident: EventIncident): Promise<void> {
  const parsed = pinEventSchema.safeParse(raw);
  if (!parsed.success) return;
  const incidentId = await channelIncident.id();
  if (incidentId === null) return;
  const { item, channel_id: channelId, user } = parsed.data;
  const message = item.message;
  if (item.type !== 'message' || !message) return;
  const ctx = edgeCtx(rt, user, channelId);
  if (parsed.data.type === 'pin_removed') {
    await removeSlackPin(rt.core, ctx, incidentId, channelId, message.ts);
    // Whether or not this delivery removed the entry (a redelivery finds it gone), the mark goes too.
    await markPinned(rt, channelId, message.ts, false);
    return;
  }
  // Only people's messages make the timeline (not the bot's own posts, not files).
  if (!message.user || message.bot_id || (message.subtype && message.subtype !== 'thread_broadcast')) return;
  let permalink = message.permalink ?? null;
  if (!permalink) {
    try {
      permalink = (await rt.client.chat.getPermalink({ channel: channelId, message_ts: message.ts })).permalink ?? null;
    } catch (err) {
      rt.logger.warn({ err }, 'slack: could not get a permalink for a pinned message');
    }
  }
  await Promise.all([ensureUserProfile(rt, message.user), ensureMentionedProfiles(rt, message.text)]);
  await recordSlackPin(rt.core, ctx, incidentId, { channelId, messageTs: message.ts, authorSlackId: message.user, text: message.text, permalink });
  // Marked even when the entry was already there: a redelivery after a crash still shows the mark.
  await markPinned(rt, channelId, message.ts, true);
}

/** The bot's reaction on a pinned message that says "this is in the timeline". */
export const PIN_RECORDED_REACTION = 'memo';

/**
 * A pin gives no sign by itself that Response saw it: the bot reacts 📝 on the message while it is
 * in the timeline. Only a sign, so Slack refusing it is logged, not retried; adding or removing
 * it twice is a no-op.
 */
async function markPinned(rt: SlackRuntime, channel: string, timestamp: string, pinned: boolean): Promise<void> {
  try {
    if (pinned) await rt.client.reactions.add({ channel, timestamp, name: PIN_RECORDED_REACTION });
    else await rt.client.reactions.remove({ channel, timestamp, name: PIN_RECORDED_REACTION });
  } catch (err) {
    const code = slackErrorCode(err);
    if (code !== 'already_reacted' && code !== 'no_reaction') rt.logger.warn({ err, channel, timestamp }, 'slack: could not mark a pinned message');
  }
}

/**
 * One Events API event (already deduplicated on event_id): Response's own handling, then every
 * plugin's handler for the type, each through the guard.
 */
export async function handleEvent(rt: SlackRuntime, event: Event, delivery?: DeliveryKeys): Promise<void> {
  const channelId = eventChannelId(event);
  const channelIncident = new EventIncident(rt.core, rt.channelIncidents, channelId);
  if (typeof event.user === 'string') await ensureUserProfile(rt, event.user);
  switch (event.type) {
    case 'app_mention': {
      const parsed = appMentionSchema.safeParse(event);
      if (parsed.success) await handleMention(rt, parsed.data, delivery);
      else rt.logger.warn({ issues: parsed.error.issues }, 'slack: app_mention not understood');
      break;
    }
    case 'message':
      await onMessage(rt, event, channelIncident, delivery);
      break;
    case 'pin_added':
    case 'pin_removed':
      await onPin(rt, event, channelIncident);
      break;
    case 'reaction_added':
      await onReactionAdded(rt, event, channelIncident);
      break;
    case 'member_joined_channel':
    case 'member_left_channel': {
      const parsed = channelMemberSchema.safeParse(event);
      if (!parsed.success || parsed.data.user === rt.bot.userId) break;
      const incidentId = await channelIncident.id();
      if (incidentId !== null)
        await recordChannelMembership(rt.core, edgeCtx(rt, parsed.data.user, channelId), incidentId, parsed.data.user, parsed.data.type === 'member_joined_channel');
      break;
    }
    case 'user_change':
      // A renamed or deactivated person: the doc, the timeline and the API show the new profile.
      await recordUserChange(rt, event.user);
      break;
    case 'channel_rename': {
      const parsed = channelRenameSchema.safeParse(event);
      if (parsed.success) await recordChannelRename(rt.core, edgeCtx(rt), parsed.data.channel.id, parsed.data.channel.name);
      break;
    }
  }
  const handlers = rt.registry.eventHandlers(event.type);
  const incident = handlers.length > 0 ? await channelIncident.get() : null;
  for (const registered of handlers) {
    if (registered.handler.scope === 'incident' && !incident) continue;
    const userSlackId = typeof event.user === 'string' ? event.user : null;
    const base = incident ? contextFor(rt, { incident, plugin: registered.plugin, userSlackId, channelId, delivery }) : null;
    const view = incident ? toIncidentView(incident, rt.clock.now(), rt.publicUrl, rt.core) : null;
    await runPluginHandler(
      rt.logger,
      registered.plugin,
      `event ${event.type}`,
      () =>
        registered.handler.handler(
          base
            ? { ...base, event }
            : {
                incident: view,
                incidents: null,
                tasks: null,
                data: pluginDataFor(rt.core.store.pluginData, registered.plugin, rt.clock),
                people: { find: (text) => findPerson(rt, text) },
                user: userSlackId ? { slackId: userSlackId } : null,
                client: rt.client,
                say: async (m) =>
                  channelId ? (await rt.client.chat.postMessage({ channel: channelId, ...(typeof m === 'string' ? { text: m } : m) })).ts : undefined,
                reply: async (m) =>
                  channelId ? (await rt.client.chat.postMessage({ channel: channelId, ...(typeof m === 'string' ? { text: m } : m) })).ts : undefined,
                ephemeral: async (m) => {
                  if (channelId && userSlackId)
                    await rt.client.chat.postEphemeral({ channel: channelId, user: userSlackId, ...(typeof m === 'string' ? { text: m } : m) });
                },
                openModal: async () => {
                  throw new Error('events carry no trigger id');
                },
                createCommsChannel: async () => {
                  throw new Error('this event is not about an incident: there is no comms channel to create');
                },
                log: {
                  info: (msg, d) => rt.logger.info(d ?? {}, msg),
                  warn: (msg, d) => rt.logger.warn(d ?? {}, msg),
                  error: (msg, d) => rt.logger.error(d ?? {}, msg),
                },
                event,
              },
        ),
      rt.handlerTimeoutMs,
    );
  }
}
