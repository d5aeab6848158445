import { incidentCommand } from '../../sdk/index.js';

/** `@incident action <text>`: a follow-up action logged by the caller. */
export const actionCommand = incidentCommand(
  ['action'],
  'Log a follow up action',
  async (ctx) => {
    const details = ctx.args.trim();
    if (!details) return { handled: false, hint: 'Tell me what needs doing: `@incident action <what needs to be done>`' };
    await ctx.incidents.addAction(details);
  },
  { usage: '<text>' },
);
