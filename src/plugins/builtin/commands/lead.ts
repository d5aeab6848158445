import { incidentCommand } from '../../sdk/index.js';
import { firstMentionedUser } from './shared.js';

/** `@incident lead [@user]`: the first mentioned user, else the caller. */
export const leadCommand = incidentCommand(
  ['lead'],
  'Assign someone as the incident lead',
  async (ctx) => {
    const lead = firstMentionedUser(ctx.args) ?? ctx.user?.slackId;
    if (!lead) return { handled: false, hint: 'Tell me who should lead: `@incident lead @someone`' };
    await ctx.incidents.update({ lead });
  },
  { usage: '[@user]' },
);
