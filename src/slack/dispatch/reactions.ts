import { z } from 'zod';
import { recordFollowUpFromMessage } from '../../core/action/follow-up-from-message.js';
import { incidentProcessOf } from '../../core/shared/incident-process.js';
import { recordSlackPin } from '../../core/timeline/slack-pins.js';
import type { Incident } from '../../core/incident/model.js';
import type { EventIncident } from '../channel-incidents.js';
import { singleAttemptClient } from '../client/web-client.js';
import { viewOf } from '../flows/incident-view.js';
import { EFFECT_EVENT_TYPE, doOnce, onceDeps } from '../flows/post-once.js';
import { ensureMentionedProfiles, ensureUserProfile } from '../people/profiles.js';
import type { SlackRuntime } from '../runtime.js';
import { edgeCtx } from './shared.js';

const slackTs = z.string().regex(/^\d{1,10}(?:\.\d{1,6})?$/);
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

const reactionAddedSchema = z.looseObject({
  type: z.literal('reaction_added'),
  user: z.string().regex(/^[UW][A-Z0-9]{1,40}$/),
  reaction: z.string().min(1),
  item: z.looseObject({ type: z.string(), channel: slackId.optional(), ts: slackTs.optional() }),
});

/** The reacted-to message as reactions.get returns it (with its permalink). */
const reactedMessageSchema = z.looseObject({
  ts: slackTs,
  text: z.string().default(''),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  thread_ts: z.string().optional(),
  permalink: z.string().optional(),
});
type ReactedMessage = z.output<typeof reactedMessageSchema>;

/**
 * A reaction on a message in an incident's comms channel: the follow-up reaction (✅ by default)
 * makes the message a follow-up action, the timeline reaction (📌) puts it on the timeline as a pin
 * would (the same entry: pinning it too changes nothing). Each confirms once, in the message's
 * thread. Removing the reaction undoes nothing. Response's own reactions (✅/❓ on commands, 📝 on
 * pins) and reactions elsewhere are ignored.
 */
export async function onReactionAdded(rt: SlackRuntime, raw: Record<string, unknown>, channelIncident: EventIncident): Promise<void> {
  const parsed = reactionAddedSchema.safeParse(raw);
  if (!parsed.success) return;
  const { user, item } = parsed.data;
  // Bolt already drops the bot's own events (ignoreSelf); checked here too because Response's own ✅
  // on a command must never become a follow-up, however the event reached us.
  if (item.type !== 'message' || !item.channel || !item.ts || user === rt.bot.userId) return;
  // A skin tone doesn't change what the reaction means.
  const name = parsed.data.reaction.replace(/::skin-tone-\d$/, '');
  const { followUp, timeline } = incidentProcessOf(rt.core).reactions;
  if (name !== followUp && name !== timeline) return;
  const incident = await channelIncident.get();
  if (!incident) return;
  const message = await reactedMessage(rt, item.channel, item.ts);
  // Gone, a system message, a command to Response (its ✅ there is the answer; people click it too), or
  // Response's own message: a ✅ on a nudge, a notice or an update says "seen", not "make this a follow-up".
  if (!message || (message.subtype && message.subtype !== 'thread_broadcast') || isCommand(rt, message.text) || isOurs(rt, message)) return;
  const ctx = edgeCtx(rt, user, item.channel);
  const person = message.user && !message.bot_id && message.user !== rt.bot.userId ? message.user : null;
  await Promise.all([ensureUserProfile(rt, person), ensureMentionedProfiles(rt, message.text)]);
  const permalink = message.permalink ?? (await permalinkOf(rt, item.channel, message.ts));
  const target = { channelId: item.channel, messageTs: message.ts, threadTs: message.thread_ts ?? message.ts };
  if (name === followUp) {
    const { action } = await recordFollowUpFromMessage(rt.core, ctx, incident.id, { channelId: item.channel, messageTs: message.ts, authorSlackId: person, text: message.text, permalink });
    const owner = action.assignee ? `, owned by <@${action.assignee.slackId}>` : ' (no owner yet: set one in the doc)';
    await replyOnce(rt, `reaction-follow-up:${item.channel}:${message.ts}`, target, `📋 <@${user}> made this a follow-up${owner}. Track it in ${docLink(rt, incident)}.`);
    return;
  }
  // Only people's messages make the timeline, as with pins.
  if (!person) return;
  await recordSlackPin(rt.core, ctx, incident.id, { channelId: item.channel, messageTs: message.ts, authorSlackId: person, text: message.text, permalink });
  await replyOnce(rt, `reaction-timeline:${item.channel}:${message.ts}`, target, `📌 <@${user}> added this to the timeline of ${docLink(rt, incident)}.`);
}

const docLink = (rt: SlackRuntime, incident: Incident) => `<${viewOf(rt, incident).docUrl}|Incident ${incident.id}>`;

const isCommand = (rt: SlackRuntime, text: string) => text.trimStart().startsWith(`<@${rt.bot.userId}>`);

const isOurs = (rt: SlackRuntime, message: ReactedMessage) => message.user === rt.bot.userId || (message.bot_id !== undefined && message.bot_id === rt.bot.botId);

/** The message reacted to, thread replies included (reactions.get finds any message by its ts). */
async function reactedMessage(rt: SlackRuntime, channel: string, timestamp: string): Promise<ReactedMessage | null> {
  const res = await rt.client.reactions.get({ channel, timestamp, full: true });
  const parsed = reactedMessageSchema.safeParse(res.message);
  return parsed.success ? parsed.data : null;
}

async function permalinkOf(rt: SlackRuntime, channel: string, ts: string): Promise<string | null> {
  try {
    return (await rt.client.chat.getPermalink({ channel, message_ts: ts })).permalink ?? null;
  } catch (err) {
    rt.logger.warn({ err }, 'slack: could not get a permalink for a reacted-to message');
    return null;
  }
}

/**
 * A thread reply made once per key (a second reaction, a redelivered event): the ledger of
 * post-once, looking for an uncertain earlier attempt among the thread's replies.
 */
async function replyOnce(rt: SlackRuntime, key: string, target: { channelId: string; threadTs: string }, text: string): Promise<void> {
  const client = singleAttemptClient(rt.client);
  await doOnce(onceDeps(rt), key, target.channelId, {
    act: async () => {
      const res = await client.chat.postMessage({ channel: target.channelId, thread_ts: target.threadTs, text, metadata: { event_type: EFFECT_EVENT_TYPE, event_payload: { key } } });
      if (!res.ts) throw new Error('chat.postMessage returned no ts');
      return { channel: target.channelId, id: res.ts };
    },
    find: async () => {
      const res = await client.conversations.replies({ channel: target.channelId, ts: target.threadTs, include_all_metadata: true, limit: 200 });
      const hit = res.messages?.find((m) => m.metadata?.event_type === EFFECT_EVENT_TYPE && (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key);
      return hit?.ts ? { channel: target.channelId, id: hit.ts } : undefined;
    },
  });
}
