import { fail } from '../errors.js';
import { messageEvent } from '../message-store.js';
import { matchesTypes, presentChannel } from '../presenters.js';
import type { ChannelRecord, SlackMessage } from '../types.js';
import type { Workspace } from '../workspace.js';
import { checkChannelName } from './channel-names.js';
import { bool, list, need, paginate, str, type Args, type MethodTable } from './context.js';

/** The bot must be in the channel for write operations on it (Slack: not_in_channel), and it can't be archived. */
export function memberChannel(ws: Workspace, args: Args, key = 'channel'): ChannelRecord {
  const c = ws.visibleChannel(str(args, key));
  if (c.is_archived) fail('is_archived');
  if (!ws.isBotMember(c)) fail('not_in_channel');
  return c;
}

function setText(ws: Workspace, args: Args, field: 'topic' | 'purpose') {
  const c = memberChannel(ws, args);
  const value = str(args, field) ?? '';
  if (value.length > 250) fail('too_long');
  const now = ws.nowSeconds();
  c[field] = { value, creator: ws.state.bot.userId, last_set: now };
  c.updated = ws.clock();
  // Slack records the change as a system message in the channel, which apps receive as a message event.
  const m: SlackMessage = {
    type: 'message',
    subtype: `channel_${field}`,
    ts: ws.nextTs(),
    user: ws.state.bot.userId,
    text: `set the channel ${field}: ${value}`,
    [field]: value,
  };
  ws.messagesOf(c.id).push(m);
  ws.emit(messageEvent(ws, c, m));
  return { ok: true, channel: presentChannel(ws, c) };
}

export const conversationMethods: MethodTable = {
  'conversations.create': {
    handler: ({ ws, args }) => {
      const name = checkChannelName(ws, str(args, 'name'), { detail: true });
      const now = ws.nowSeconds();
      const isPrivate = bool(args, 'is_private');
      const c: ChannelRecord = {
        id: ws.nextId('C0', 8),
        name,
        is_private: isPrivate,
        is_im: false,
        is_mpim: false,
        is_general: false,
        is_archived: false,
        created: now,
        creator: ws.state.bot.userId,
        updated: ws.clock(),
        topic: { value: '', creator: '', last_set: 0 },
        purpose: { value: '', creator: '', last_set: 0 },
        previous_names: [],
        members: [ws.state.bot.userId],
      };
      ws.state.channels.push(c);
      ws.state.messages[c.id] = [];
      ws.emit({ type: isPrivate ? 'group_created' : 'channel_created', channel: { id: c.id, name, created: now, creator: c.creator }, event_ts: ws.nextTs() });
      return { ok: true, channel: { ...presentChannel(ws, c), priority: 0 } };
    },
  },
  'conversations.list': {
    handler: ({ ws, args }) => {
      const types = list(args, 'types');
      const all = ws.state.channels.filter(
        (c) => matchesTypes(c, types) && !(bool(args, 'exclude_archived') && c.is_archived) && (!(c.is_private || c.is_im || c.is_mpim) || ws.isBotMember(c)),
      );
      const { page, nextCursor } = paginate(all, (c) => c.id, args, 'team', 100);
      return {
        ok: true,
        channels: page.map((c) => presentChannel(ws, c, { numMembers: !c.is_im, inList: true })),
        response_metadata: { next_cursor: nextCursor },
      };
    },
  },
  'conversations.info': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      return { ok: true, channel: presentChannel(ws, c, { numMembers: bool(args, 'include_num_members') }) };
    },
  },
  'conversations.rename': {
    handler: ({ ws, args }) => {
      const c = memberChannel(ws, args);
      const name = checkChannelName(ws, str(args, 'name'), { exceptId: c.id });
      if (name !== c.name) {
        c.previous_names.unshift(c.name);
        c.name = name;
        c.updated = ws.clock();
        ws.emit({
          type: 'channel_rename',
          channel: { id: c.id, is_channel: !c.is_private, is_mpim: false, name, name_normalized: name, created: c.created },
          event_ts: ws.nextTs(),
        });
      }
      return { ok: true, channel: presentChannel(ws, c) };
    },
  },
  'conversations.archive': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      if (c.is_archived) fail('already_archived');
      if (c.is_general) fail('cant_archive_general');
      if (c.is_im) fail('method_not_supported_for_channel_type');
      if (!ws.isBotMember(c)) fail('not_in_channel');
      c.is_archived = true;
      c.updated = ws.clock();
      ws.emit({ type: c.is_private ? 'group_archive' : 'channel_archive', channel: c.id, user: ws.state.bot.userId, is_moved: 0, event_ts: ws.nextTs() });
      return { ok: true };
    },
  },
  'conversations.unarchive': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      if (!c.is_archived) fail('not_archived');
      c.is_archived = false;
      c.updated = ws.clock();
      ws.emit({ type: c.is_private ? 'group_unarchive' : 'channel_unarchive', channel: c.id, user: ws.state.bot.userId, event_ts: ws.nextTs() });
      return { ok: true };
    },
  },
  'conversations.setTopic': { handler: ({ ws, args }) => setText(ws, args, 'topic') },
  'conversations.setPurpose': { handler: ({ ws, args }) => setText(ws, args, 'purpose') },
  'conversations.open': {
    handler: ({ ws, args }) => {
      const channelId = str(args, 'channel');
      if (channelId) return { ok: true, channel: presentChannel(ws, ws.visibleChannel(channelId)) };
      const users = list(args, 'users');
      if (users.length === 0) fail('users_list_not_supplied');
      // Group DMs (mpim) are not modelled: the incident bot only ever DMs one person at a time.
      if (users.length > 1) fail('not_enough_users');
      const user = ws.user(need(args, 'users'));
      if (!user) fail('user_not_found');
      const { channel, created } = ws.imWith(user.id);
      const body = bool(args, 'return_im') ? presentChannel(ws, channel) : { id: channel.id };
      return created ? { ok: true, channel: body } : { ok: true, no_op: true, already_open: true, channel: body };
    },
  },
};
