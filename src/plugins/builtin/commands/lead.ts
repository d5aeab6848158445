import { incidentCommand } from '../../sdk/index.js';
import type { CommandResult, HandlerContext } from '../../sdk/types.js';
import { setBy } from './confirm.js';

const SELF = new Set(['me', 'myself', 'i']);

/** Makes `slackId` the lead and tells the channel, or (same lead again) only the caller. */
async function makeLead(ctx: HandlerContext, slackId: string, note = ''): Promise<CommandResult> {
  const before = ctx.incident.lead?.slackId ?? null;
  const after = (await ctx.incidents.update({ lead: slackId })).lead?.slackId ?? null;
  if (after === before) return { handled: true, hint: `${note}<@${slackId}> is already the incident lead.` };
  await ctx.say(`👩‍🚒 <@${slackId}> is now the incident lead${setBy(ctx, slackId)}`);
  return note ? { handled: true, hint: note.trim() } : undefined;
}

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
      return makeLead(ctx, ctx.user.slackId);
    }
    // `lead <@U1> and <@U2>`: the first mention; otherwise the words name the person (`bob`, `Bob Okafor`).
    const mention = /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/.exec(named)?.[0];
    const match = await ctx.people.find(mention ?? named);
    if (!match.found) return { handled: false, hint: `${match.hint}\nUsage: \`@incident lead @someone\`` };
    // A name was read as a person: the caller hears whom it chose (the channel sees the result).
    const note = match.by === 'name' ? `I took "${named}" to mean <@${match.slackId}> (${match.name}). ` : '';
    return makeLead(ctx, match.slackId, note);
  },
  { usage: '[@user]' },
);
