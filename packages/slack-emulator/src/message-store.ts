import { validateMessageBlocks } from './block-kit-limits.js';
import { fail } from './errors.js';
import { normalizeBlocks } from './normalize.js';
import type { ChannelRecord, SlackMessage, SlackObject } from './types.js';
import type { Workspace } from './workspace.js';

/** Slack accepts up to 40,000 characters of `text` and silently truncates the rest. */
const MAX_TEXT = 40_000;

export interface MessageContent {
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
}

export interface BotContent {
  text: string;
  blocks?: SlackObject[];
  attachments?: SlackObject[];
  metadata?: SlackObject;
  /** A customised display name: the message becomes subtype bot_message without `user`. */
  username?: string;
}

/** Validates content like chat.postMessage: no_text when empty, invalid_blocks with Slack's messages. */
export function checkContent(c: MessageContent): BotContent {
  if (c.blocks !== undefined && !Array.isArray(c.blocks)) fail('invalid_blocks_format');
  const blocks = c.blocks as SlackObject[] | undefined;
  const hasBlocks = blocks !== undefined && blocks.length > 0;
  const attachments = Array.isArray(c.attachments) ? (c.attachments as SlackObject[]) : undefined;
  if (!c.text && !hasBlocks && !attachments?.length) fail('no_text');
  if (attachments && attachments.length > 100) fail('too_many_attachments');
  if (blocks) {
    const errors = validateMessageBlocks(blocks);
    if (errors.length) fail('invalid_blocks', { response_metadata: { messages: errors } });
  }
  return {
    text: (c.text ?? '').slice(0, MAX_TEXT),
    ...(hasBlocks ? { blocks: normalizeBlocks(blocks) } : {}),
    ...(attachments ? { attachments } : {}),
  };
}

/** The message as it appears in events: the stored message plus channel, event_ts and channel_type. */
export function messageEvent(ws: Workspace, channel: ChannelRecord, m: SlackMessage): SlackObject {
  const { reactions: _r, pinned_to: _p, reply_count: _c, reply_users: _u, latest_reply: _l, ...rest } = m;
  const parent = m.thread_ts && m.thread_ts !== m.ts ? ws.findMessage(channel.id, m.thread_ts) : undefined;
  return {
    ...rest,
    ...(parent ? { parent_user_id: parent.user } : {}),
    channel: channel.id,
    event_ts: m.ts,
    channel_type: ws.channelType(channel),
  };
}

function attachToThread(ws: Workspace, channel: ChannelRecord, m: SlackMessage): void {
  if (!m.thread_ts) return;
  const parent = ws.findMessage(channel.id, m.thread_ts);
  if (!parent) return;
  parent.thread_ts = parent.ts;
  parent.reply_count = (parent.reply_count ?? 0) + 1;
  const users = new Set(parent.reply_users ?? []);
  if (m.user) users.add(m.user);
  parent.reply_users = [...users];
  parent.reply_users_count = users.size;
  parent.latest_reply = m.ts;
}

/** Stores a bot-authored message (modern app shape: no subtype, `bot_id` + `user`) and emits its event. */
export function storeBotMessage(ws: Workspace, channel: ChannelRecord, content: BotContent, threadTs?: string): SlackMessage {
  const { team, bot } = ws.state;
  const ts = ws.nextTs();
  const body = {
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(content.metadata ? { metadata: content.metadata } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
  const m: SlackMessage = content.username
    ? { subtype: 'bot_message', text: content.text, username: content.username, type: 'message', ts, bot_id: bot.botId, app_id: team.appId, ...body }
    : {
        user: bot.userId,
        type: 'message',
        ts,
        bot_id: bot.botId,
        app_id: team.appId,
        text: content.text,
        team: team.id,
        bot_profile: ws.botProfile(),
        ...body,
      };
  ws.messagesOf(channel.id).push(m);
  attachToThread(ws, channel, m);
  channel.updated = ws.clock();
  ws.emit(messageEvent(ws, channel, m));
  return m;
}

/** A message typed by a person: rich_text block and client_msg_id, as event-message.json. */
export function storeUserMessage(ws: Workspace, channel: ChannelRecord, user: string, text: string, threadTs?: string): SlackMessage {
  const ts = ws.nextTs();
  const m: SlackMessage = {
    user,
    type: 'message',
    ts,
    client_msg_id: crypto.randomUUID(),
    text,
    team: ws.state.team.id,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    blocks: normalizeBlocks([{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: richTextElements(text) }] }]),
  };
  ws.messagesOf(channel.id).push(m);
  attachToThread(ws, channel, m);
  return m;
}

/** Splits "<@U0BOT> hello" into rich_text elements like Slack's client does for mentions. */
export function richTextElements(text: string): SlackObject[] {
  const out: SlackObject[] = [];
  const re = /<@([UW][A-Z0-9]+)>/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    out.push({ type: 'user', user_id: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/** A copy without emulator bookkeeping, for echoes inside payloads. */
export function cleanMessage(m: SlackMessage): SlackObject {
  return JSON.parse(JSON.stringify(m)) as SlackObject;
}

/** The bot edits one of its messages (chat.update or a response_url replace): Slack stamps `edited` and tells the app with message_changed. */
export function replaceBotMessage(ws: Workspace, c: ChannelRecord, m: SlackMessage, content: Pick<BotContent, 'text' | 'blocks'>): void {
  const previous = structuredClone(m);
  m.text = content.text;
  if (content.blocks) m.blocks = content.blocks;
  else delete m.blocks;
  m.edited = { user: ws.state.bot.botId, ts: `${ws.nowSeconds()}.000000` };
  const eventTs = ws.nextTs();
  ws.emit({
    type: 'message',
    subtype: 'message_changed',
    message: structuredClone(m),
    previous_message: previous,
    channel: c.id,
    hidden: true,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: ws.channelType(c),
  });
}

/**
 * Deletes a message as Slack does, whichever way it was asked (chat.delete, a response_url's delete_original):
 * gone from the channel, unpinned, and a hidden `message_deleted` event carrying the message as it was.
 */
export function deleteMessage(ws: Workspace, c: ChannelRecord, m: SlackMessage): void {
  const list = ws.messagesOf(c.id);
  const i = list.indexOf(m);
  if (i >= 0) list.splice(i, 1);
  ws.state.pins[c.id] = (ws.state.pins[c.id] ?? []).filter((p) => p.ts !== m.ts);
  const eventTs = ws.nextTs();
  ws.emit({
    type: 'message',
    subtype: 'message_deleted',
    previous_message: m,
    channel: c.id,
    hidden: true,
    deleted_ts: m.ts,
    event_ts: eventTs,
    ts: eventTs,
    channel_type: ws.channelType(c),
  });
}
