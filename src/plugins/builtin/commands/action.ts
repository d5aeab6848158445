import { fitMrkdwn, MESSAGE_TEXT_MAX, incidentCommand } from '../../sdk/index.js';
import { withoutBroadcasts } from './confirm.js';

/**
 * `@incident action <text>`: a follow-up action logged by the caller, and said in the channel.
 * A redelivered command finds its action already made (the delivery's key) and may say it again:
 * posts from commands are at least once.
 */
export const actionCommand = incidentCommand(
  ['action'],
  'Log a follow up action',
  async (ctx) => {
    const details = ctx.args.trim();
    if (!details) return { handled: false, hint: 'Tell me what needs doing: `@incident action <what needs to be done>`' };
    await ctx.incidents.addAction(details);
    const by = ctx.user ? `<@${ctx.user.slackId}> logged an action` : 'Action logged';
    await ctx.say(fitMrkdwn(`📋 ${by}: ${withoutBroadcasts(details)}`, MESSAGE_TEXT_MAX, ctx.incident.docUrl));
  },
  { usage: '<text>' },
);
