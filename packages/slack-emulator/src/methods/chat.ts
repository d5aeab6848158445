import { fail } from '../errors.js';
import { checkContent, deleteMessage, messageEvent, replaceBotMessage, storeBotMessage, type BotContent } from '../message-store.js';
import type { ChannelRecord, SlackMessage, SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';
import { need, objectArg, str, type Args, type MethodTable } from './context.js';

/** Event types Slack keeps: letters, digits, `_` and `-` (message-metadata docs). */
const EVENT_TYPE = /^[A-Za-z0-9_-]+$/;

/**
 * `metadata` as Slack checks it: not a JSON object → invalid_metadata_format; an object without a string
 * `event_type` and an object `event_payload` → invalid_metadata_schema. An event type with other
 * characters is dropped with an `invalid_metadata_schema` warning (the message is still posted).
 */
export function parseMetadata(args: Args): { metadata?: SlackObject; warning?: string } {
  const raw = objectArg(args, 'metadata', 'invalid_metadata_format');
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('invalid_metadata_format');
  const m = raw as SlackObject;
  const payload = m.event_payload;
  if (typeof m.event_type !== 'string' || m.event_type === '' || payload === null || typeof payload !== 'object' || Array.isArray(payload)) fail('invalid_metadata_schema');
  if (!EVENT_TYPE.test(m.event_type)) return { warning: 'invalid_metadata_schema' };
  return { metadata: { event_type: m.event_type, event_payload: payload as SlackObject } };
}

const withWarning = (body: SlackObject, warning: string | undefined): SlackObject => (warning ? { ...body, warning, response_metadata: { warnings: [warning] } } : body);

function content(ws: Workspace, args: Args, metadata: SlackObject | undefined): BotContent {
  const username = str(args, 'username');
  const icon = str(args, 'icon_emoji') ?? str(args, 'icon_url');
  return {
    ...checkContent({
      text: str(args, 'text'),
      blocks: objectArg(args, 'blocks', 'invalid_blocks_format'),
      attachments: objectArg(args, 'attachments', 'invalid_attachments'),
    }),
    ...(metadata ? { metadata } : {}),
    // Customising the name or icon turns the post into the legacy `bot_message` shape (fixtures README).
    ...(username || icon ? { username: username ?? ws.state.bot.displayName } : {}),
  };
}

/** chat.postMessage accepts a user id and posts in the bot's DM with that user (opening it if needed). */
export function resolvePostTarget(ws: Workspace, target: string | undefined, chatWritePublic = true): ChannelRecord {
  if (target && /^[UW][A-Z0-9]+$/.test(target)) {
    const user = ws.user(target);
    if (!user || user.deleted) fail('channel_not_found');
    return ws.imWith(target).channel;
  }
  // chat.postMessage also takes a channel name ("#incidents" or "incidents").
  const byName = target && !/^[CGD][A-Z0-9]+$/.test(target) ? ws.channel(target) : undefined;
  const c = ws.visibleChannel(byName?.id ?? target);
  if (c.is_archived) fail('is_archived');
  // chat:write.public: the bot may post in any public channel without joining it.
  if (!chatWritePublic && !ws.isBotMember(c)) fail('not_in_channel');
  return c;
}

function ownMessage(ws: Workspace, args: Args, tsKey: string, notMine: string): { c: ChannelRecord; m: SlackMessage } {
  const c = ws.visibleChannel(str(args, 'channel'));
  const m = ws.findMessage(c.id, need(args, tsKey, 'message_not_found'));
  if (!m) fail('message_not_found');
  if (m.bot_id !== ws.state.bot.botId) fail(notMine);
  return { c, m };
}

function updateEcho(ws: Workspace, m: SlackMessage): SlackObject {
  // Real captures: the update answer's `message` has no `ts`, and `edited.user` is the bot id.
  const { ts: _ts, reactions: _r, pinned_to: _p, ...rest } = m;
  const { user, type, edited, bot_id, app_id, text, team, bot_profile, ...others } = rest;
  return { user, type, edited, bot_id, app_id, text, team, bot_profile, ...others };
}

export const chatMethods: MethodTable = {
  'chat.postMessage': {
    handler: ({ ws, args, chatWritePublic }) => {
      const c = resolvePostTarget(ws, str(args, 'channel'), chatWritePublic);
      const { metadata, warning } = parseMetadata(args);
      const m = storeBotMessage(ws, c, content(ws, args, metadata), str(args, 'thread_ts') || undefined);
      const { channel: _c, event_ts: _e, channel_type: _t, ...message } = messageEvent(ws, c, m);
      return withWarning({ ok: true, channel: c.id, ts: m.ts, message }, warning);
    },
  },
  'chat.update': {
    handler: ({ ws, args }) => {
      const { c, m } = ownMessage(ws, args, 'ts', 'cant_update_message');
      if (c.is_archived) fail('is_archived');
      const { metadata, warning } = parseMetadata(args);
      const next = checkContent({
        text: str(args, 'text') ?? (args.blocks !== undefined ? '' : m.text),
        blocks: objectArg(args, 'blocks', 'invalid_blocks_format') ?? m.blocks,
        attachments: objectArg(args, 'attachments', 'invalid_attachments') ?? m.attachments,
      });
      // chat.update replaces the metadata when it is given and keeps it otherwise.
      if (metadata) m.metadata = metadata;
      replaceBotMessage(ws, c, m, next);
      return withWarning({ ok: true, channel: c.id, ts: m.ts, text: m.text, message: updateEcho(ws, m) }, warning);
    },
  },
  'chat.delete': {
    handler: ({ ws, args }) => {
      const { c, m } = ownMessage(ws, args, 'ts', 'cant_delete_message');
      deleteMessage(ws, c, m);
      return { ok: true, channel: c.id, ts: m.ts };
    },
  },
  'chat.postEphemeral': {
    handler: ({ ws, args, chatWritePublic }) => {
      const c = resolvePostTarget(ws, str(args, 'channel'), chatWritePublic);
      const user = need(args, 'user', 'user_not_found');
      if (!ws.user(user)) fail('user_not_found');
      if (!c.members.includes(user)) fail('user_not_in_channel');
      const body = content(ws, args, undefined);
      const ts = ws.nextTs();
      const thread = str(args, 'thread_ts');
      ws.state.ephemerals.push({
        channel: c.id,
        user,
        ts,
        text: body.text,
        ...(body.blocks ? { blocks: body.blocks } : {}),
        ...(thread ? { thread_ts: thread } : {}),
      });
      return { ok: true, message_ts: ts };
    },
  },
  'chat.getPermalink': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      const m = ws.findMessage(c.id, need(args, 'message_ts', 'message_not_found'));
      if (!m) fail('message_not_found');
      return { ok: true, channel: c.id, permalink: ws.permalink(c.id, m.ts, m.thread_ts) };
    },
  },
};
