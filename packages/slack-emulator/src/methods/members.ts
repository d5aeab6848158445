import { fail } from '../errors.js';
import { matchesTypes, presentChannel } from '../presenters.js';
import type { ChannelRecord, SlackObject } from '../types.js';
import type { Workspace } from '../workspace.js';
import { bool, list, paginate, str, type MethodTable } from './context.js';
import { memberChannel } from './conversations.js';

export function joinedEvent(ws: Workspace, c: ChannelRecord, user: string, inviter?: string): SlackObject {
  return {
    type: 'member_joined_channel',
    user,
    channel: c.id,
    channel_type: c.is_private ? 'G' : 'C',
    team: ws.state.team.id,
    ...(inviter ? { inviter } : {}),
    event_ts: ws.nextTs(),
  };
}

interface InviteError {
  user: string;
  ok: false;
  error: string;
}

export const memberMethods: MethodTable = {
  'conversations.join': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      if (c.is_im || c.is_private) fail('method_not_supported_for_channel_type');
      if (c.is_archived) fail('is_archived');
      if (ws.isBotMember(c)) {
        return { ok: true, channel: presentChannel(ws, c), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } };
      }
      c.members.push(ws.state.bot.userId);
      ws.emit(joinedEvent(ws, c, ws.state.bot.userId));
      return { ok: true, channel: presentChannel(ws, c) };
    },
  },
  'conversations.invite': {
    handler: ({ ws, args }) => {
      const c = memberChannel(ws, args);
      if (c.is_im) fail('method_not_supported_for_channel_type');
      const users = list(args, 'users');
      if (users.length === 0) fail('no_user');
      if (users.length > 100) fail('too_many_users');
      const errors: InviteError[] = [];
      const valid: string[] = [];
      for (const id of new Set(users)) {
        const user = ws.user(id);
        const error =
          id === ws.state.bot.userId
            ? 'cant_invite_self'
            : !user || user.deleted
              ? 'user_not_found'
              : c.members.includes(id)
                ? 'already_in_channel'
                : undefined;
        if (error) errors.push({ user: id, ok: false, error });
        else valid.push(id);
      }
      // Without `force` a single bad user fails the whole call; with it the valid users are invited and
      // the failures are still listed (api-conversations-invite-force-partial.json).
      const first = errors[0];
      if (first && (!bool(args, 'force') || valid.length === 0)) return { ok: false, error: first.error, errors };
      for (const id of valid) {
        c.members.push(id);
        ws.emit(joinedEvent(ws, c, id, ws.state.bot.userId));
      }
      c.updated = ws.clock();
      return { ok: true, channel: presentChannel(ws, c), ...(errors.length ? { errors } : {}) };
    },
  },
  'conversations.kick': {
    handler: ({ ws, args }) => {
      const c = memberChannel(ws, args);
      const user = str(args, 'user') ?? fail('user_not_found');
      if (user === ws.state.bot.userId) fail('cant_kick_self');
      if (!c.members.includes(user)) fail('not_in_channel');
      c.members = c.members.filter((m) => m !== user);
      ws.emit({ type: 'member_left_channel', user, channel: c.id, channel_type: c.is_private ? 'G' : 'C', team: ws.state.team.id, event_ts: ws.nextTs() });
      return { ok: true };
    },
  },
  'conversations.leave': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      if (c.is_general) fail('cant_leave_general');
      if (!ws.isBotMember(c)) return { ok: false, not_in_channel: true };
      c.members = c.members.filter((m) => m !== ws.state.bot.userId);
      return { ok: true };
    },
  },
  'conversations.members': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      const { page, nextCursor } = paginate(c.members, (m) => m, args, 'user', 100);
      return { ok: true, members: page, response_metadata: { next_cursor: nextCursor } };
    },
  },
  'users.conversations': {
    handler: ({ ws, args }) => {
      const user = str(args, 'user') || ws.state.bot.userId;
      if (!ws.user(user)) fail('user_not_found');
      const types = list(args, 'types');
      const all = ws.state.channels.filter((c) => c.members.includes(user) && matchesTypes(c, types) && !(bool(args, 'exclude_archived') && c.is_archived));
      const { page, nextCursor } = paginate(all, (c) => c.id, args, 'team', 100);
      return { ok: true, channels: page.map((c) => presentChannel(ws, c, { inList: true })), response_metadata: { next_cursor: nextCursor } };
    },
  },
};
