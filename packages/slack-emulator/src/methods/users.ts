import { fail } from '../errors.js';
import { need, paginate, type MethodTable } from './context.js';

export const userMethods: MethodTable = {
  'auth.test': {
    auth: 'any',
    handler: ({ ws, auth }) => {
      const { team, bot } = ws.state;
      const user = ws.requireUser(auth.userId);
      return {
        ok: true,
        url: ws.url,
        team: team.name,
        user: user.name,
        team_id: team.id,
        user_id: user.id,
        ...(auth.kind === 'bot' ? { bot_id: bot.botId } : {}),
        is_enterprise_install: false,
      };
    },
  },
  'team.info': {
    handler: ({ ws }) => {
      const { team } = ws.state;
      const icon: Record<string, string | boolean> = { image_default: true };
      for (const s of [34, 44, 68, 88, 102, 132, 230]) icon[`image_${s}`] = `https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-${s}.png`;
      return {
        ok: true,
        team: {
          id: team.id,
          name: team.name,
          url: ws.url,
          domain: team.domain,
          email_domain: '',
          icon,
          avatar_base_url: 'https://ca.slack-edge.com/',
          is_verified: false,
        },
      };
    },
  },
  'users.info': {
    handler: ({ ws, args }) => ({ ok: true, user: structuredClone(ws.requireUser(need(args, 'user', 'user_not_found'))) }),
  },
  'users.list': {
    handler: ({ ws, args }) => {
      // limit 0 (the default) means "everything" on Slack; small workspaces answer in one page.
      const { page, nextCursor } = paginate(ws.state.users, (u) => u.id, args, 'user', 0);
      return { ok: true, members: structuredClone(page), cache_ts: ws.nowSeconds(), response_metadata: { next_cursor: nextCursor } };
    },
  },
  'users.lookupByEmail': {
    handler: ({ ws, args }) => {
      const email = need(args, 'email', 'users_not_found').toLowerCase();
      const user = ws.state.users.find((u) => u.profile.email?.toLowerCase() === email && !u.deleted);
      // Slack's error here is plural: users_not_found.
      if (!user) fail('users_not_found');
      return { ok: true, user: structuredClone(user) };
    },
  },
};
