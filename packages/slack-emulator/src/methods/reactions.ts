import { fail } from '../errors.js';
import type { ChannelRecord, SlackMessage } from '../types.js';
import type { Workspace } from '../workspace.js';
import { need, str, type Args, type MethodTable } from './context.js';

function target(ws: Workspace, args: Args): { c: ChannelRecord; m: SlackMessage; name: string } {
  const c = ws.visibleChannel(str(args, 'channel'));
  const m = ws.findMessage(c.id, need(args, 'timestamp', 'no_item_specified'));
  if (!m) fail('message_not_found');
  // Clients send names without colons; tolerate ":eyes:" the way Slack's own UI strips them.
  const name = need(args, 'name', 'invalid_name').replace(/^:|:$/g, '');
  return { c, m, name };
}

/** Shared by reactions.add (as the bot) and the driver (as a person). Emits reaction_added. */
export function addReaction(ws: Workspace, c: ChannelRecord, m: SlackMessage, user: string, name: string): void {
  if (c.is_archived) fail('is_archived');
  const reactions = (m.reactions ??= []);
  let r = reactions.find((x) => x.name === name);
  if (r?.users.includes(user)) fail('already_reacted');
  if (!r) reactions.push((r = { name, users: [], count: 0 }));
  r.users.push(user);
  r.count = r.users.length;
  ws.emit({ type: 'reaction_added', user, reaction: name, item: { type: 'message', channel: c.id, ts: m.ts }, item_user: m.user, event_ts: ws.nextTs() });
}

export function removeReaction(ws: Workspace, c: ChannelRecord, m: SlackMessage, user: string, name: string): void {
  const r = m.reactions?.find((x) => x.name === name);
  if (!r?.users.includes(user)) fail('no_reaction');
  r.users = r.users.filter((u) => u !== user);
  r.count = r.users.length;
  m.reactions = (m.reactions ?? []).filter((x) => x.count > 0);
  if (m.reactions.length === 0) delete m.reactions;
  ws.emit({ type: 'reaction_removed', user, reaction: name, item: { type: 'message', channel: c.id, ts: m.ts }, item_user: m.user, event_ts: ws.nextTs() });
}

export const reactionMethods: MethodTable = {
  'reactions.add': {
    handler: ({ ws, args }) => {
      const { c, m, name } = target(ws, args);
      addReaction(ws, c, m, ws.state.bot.userId, name);
      return { ok: true };
    },
  },
  'reactions.remove': {
    handler: ({ ws, args }) => {
      const { c, m, name } = target(ws, args);
      removeReaction(ws, c, m, ws.state.bot.userId, name);
      return { ok: true };
    },
  },
  'reactions.get': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel'));
      const m = ws.findMessage(c.id, need(args, 'timestamp', 'no_item_specified'));
      if (!m) fail('message_not_found');
      return { ok: true, type: 'message', channel: c.id, message: { ...structuredClone(m), permalink: ws.permalink(c.id, m.ts, m.thread_ts) } };
    },
  },
};
