import { incidentCommand } from '../../sdk/index.js';

const SELF = new Set(['me', 'myself', 'i']);

/**
 * `@incident lead [@user | name]`: the person named (a mention, or a name that matches exactly
 * one person), or the caller when nobody is named. A name that matches nobody, or several
 * people, is answered with a hint; it never falls back to the caller.
 */
export const leadCommand = incidentCommand(
  ['lead'],
  'Assign someone as the incident lead',
  async (ctx) => {
    const named = ctx.args.trim();
    if (!named || SELF.has(named.toLowerCase())) {
      if (!ctx.user) return { handled: false, hint: 'Tell me who should lead: `@incident lead @someone`' };
      await ctx.incidents.update({ lead: ctx.user.slackId });
      return;
    }
    // `lead <@U1> and <@U2>`: the first mention; otherwise the words name the person (`bob`, `Bob Okafor`).
    const mention = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/.exec(named)?.[0];
    const match = await ctx.people.find(mention ?? named);
    if (!match.found) return { handled: false, hint: `${match.hint}\nUsage: \`@incident lead @someone\`` };
    await ctx.incidents.update({ lead: match.slackId });
    if (match.by === 'name') return { handled: true, hint: `I took "${named}" to mean <@${match.slackId}> (${match.name}), who is now the incident lead.` };
  },
  { usage: '[@user]' },
);
