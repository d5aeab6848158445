import { fail } from '../errors.js';
import type { BookmarkRecord } from '../types.js';
import { need, str, type MethodTable } from './context.js';

const RANKS = 'ghijklmnopqrstuvwxyz';

export const bookmarkMethods: MethodTable = {
  'bookmarks.add': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel_id'));
      if (c.is_archived) fail('is_archived');
      const title = need(args, 'title', 'invalid_title');
      const type = need(args, 'type', 'invalid_type');
      if (type !== 'link') fail('invalid_type');
      const link = need(args, 'link', 'invalid_link');
      if (!/^https?:\/\//.test(link)) fail('invalid_link');
      const list = (ws.state.bookmarks[c.id] ??= []);
      // Slack's limit exists but is undocumented; 100 keeps runaway loops visible in tests.
      if (list.length >= 100) fail('too_many_bookmarks');
      const bookmark: BookmarkRecord = {
        id: ws.nextId('Bk0', 9),
        channel_id: c.id,
        title,
        link,
        emoji: str(args, 'emoji') ?? null,
        icon_url: `${new URL(link).origin}/favicon.ico`,
        type,
        entity_id: str(args, 'entity_id') ?? null,
        date_created: ws.nowSeconds(),
        date_updated: 0,
        rank: RANKS[list.length % RANKS.length] ?? 'z',
        last_updated_by_user_id: ws.state.bot.userId,
        last_updated_by_team_id: ws.state.team.id,
        shortcut_id: null,
        app_id: null,
      };
      list.push(bookmark);
      return { ok: true, bookmark };
    },
  },
  'bookmarks.edit': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel_id'));
      const b = (ws.state.bookmarks[c.id] ?? []).find((x) => x.id === str(args, 'bookmark_id'));
      if (!b) fail('not_found');
      for (const key of ['title', 'link', 'emoji'] as const) {
        const v = str(args, key);
        if (v !== undefined) b[key] = v;
      }
      b.date_updated = ws.nowSeconds();
      return { ok: true, bookmark: b };
    },
  },
  'bookmarks.remove': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel_id'));
      const list = ws.state.bookmarks[c.id] ?? [];
      const id = str(args, 'bookmark_id');
      if (!list.some((x) => x.id === id)) fail('not_found');
      ws.state.bookmarks[c.id] = list.filter((x) => x.id !== id);
      return { ok: true };
    },
  },
  'bookmarks.list': {
    handler: ({ ws, args }) => {
      const c = ws.visibleChannel(str(args, 'channel_id'));
      return { ok: true, bookmarks: structuredClone(ws.state.bookmarks[c.id] ?? []) };
    },
  },
};
