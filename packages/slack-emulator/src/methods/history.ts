import { fail } from '../errors.js';
import type { SlackMessage } from '../types.js';
import type { Workspace } from '../workspace.js';
import { bool, need, paginate, str, type Args, type MethodTable } from './context.js';

function readableChannel(ws: Workspace, args: Args) {
  const c = ws.visibleChannel(str(args, 'channel'));
  // channels:history only lets the bot read conversations it is a member of.
  if (!ws.isBotMember(c)) fail('not_in_channel');
  return c;
}

/** oldest/latest bound the window; `inclusive` decides whether a message exactly on a bound is included. */
function inWindow(m: SlackMessage, args: Args): boolean {
  const inclusive = bool(args, 'inclusive');
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const t = Number(m.ts);
  if (oldest && (inclusive ? t < Number(oldest) : t <= Number(oldest))) return false;
  if (latest && (inclusive ? t > Number(latest) : t >= Number(latest))) return false;
  return true;
}

const isTopLevel = (m: SlackMessage) => !m.thread_ts || m.thread_ts === m.ts;

/** Messages are listed without their metadata unless `include_all_metadata` asks for it, as on Slack. */
function listed(page: SlackMessage[], args: Args): SlackMessage[] {
  const copy = structuredClone(page);
  if (bool(args, 'include_all_metadata')) return copy;
  for (const m of copy) delete m.metadata;
  return copy;
}

export const historyMethods: MethodTable = {
  'conversations.history': {
    handler: ({ ws, args }) => {
      const c = readableChannel(ws, args);
      const all = ws
        .messagesOf(c.id)
        .filter((m) => isTopLevel(m) && inWindow(m, args))
        .reverse();
      const { page, nextCursor, hasMore } = paginate(all, (m) => m.ts, args, 'next_ts', 100);
      return {
        ok: true,
        messages: listed(page, args),
        has_more: hasMore,
        pin_count: (ws.state.pins[c.id] ?? []).length,
        channel_actions_ts: null,
        channel_actions_count: 0,
        response_metadata: { next_cursor: nextCursor },
      };
    },
  },
  'conversations.replies': {
    handler: ({ ws, args }) => {
      const c = readableChannel(ws, args);
      const ts = need(args, 'ts', 'thread_not_found');
      const msgs = ws.messagesOf(c.id);
      const parent = msgs.find((m) => m.ts === ts);
      if (!parent) fail('thread_not_found');
      const thread = [parent, ...msgs.filter((m) => m.thread_ts === ts && m.ts !== ts && inWindow(m, args))];
      const { page, nextCursor, hasMore } = paginate(thread, (m) => m.ts, args, 'next_ts', 1000 - 1);
      return { ok: true, messages: listed(page, args), has_more: hasMore, response_metadata: { next_cursor: nextCursor } };
    },
  },
};
