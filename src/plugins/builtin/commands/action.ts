import { fitMrkdwn, MESSAGE_TEXT_MAX, incidentCommand, slackTsDate } from '../../sdk/index.js';
import { withoutBroadcasts } from './confirm.js';
import { dueDateLabel } from '../../../core/action/due-date.js';
import { parseActionArgs } from './action-args.js';
import type { CommandDeps } from './shared.js';

/** When the command was said: Slack's ts of the message (a redelivery hours later still means the same "tomorrow"). */
const saidAt = (messageTs: string) => slackTsDate(messageTs) ?? new Date();

/**
 * `@incident action <text> [@owner] [by <date>]`: a follow-up action logged by the caller, owned by
 * the person mentioned, due on the day named (in the configured TIMEZONE), and said in the channel.
 * A redelivered command finds its action already made (the delivery's key) and may say it again:
 * posts from commands are at least once.
 */
export const actionCommand = (deps: Pick<CommandDeps, 'timezone'>) =>
  incidentCommand(
    ['action'],
    'Log a follow-up action, optionally with an owner (`@someone`) and a due date (`by friday`, `by 2026-12-31`, `in 3 days`)',
    async (ctx) => {
      const parsed = parseActionArgs(ctx.args, saidAt(ctx.messageTs), deps.timezone);
      if (!parsed.ok) return { handled: false, hint: parsed.hint };
      await ctx.incidents.addAction(parsed.details, { ...(parsed.owner ? { assignee: parsed.owner } : {}), ...(parsed.dueDate ? { dueDate: parsed.dueDate } : {}) });
      const by = ctx.user ? `<@${ctx.user.slackId}> logged an action` : 'Action logged';
      // Owner and due date before the details: a long text is cut at the end, never what was set.
      const owner = parsed.owner ? ` for <@${parsed.owner}>` : '';
      const due = parsed.dueDate ? `, due *${dueDateLabel(parsed.dueDate)}*` : '';
      await ctx.say(fitMrkdwn(`📋 ${by}${owner}${due}: ${withoutBroadcasts(parsed.details)}`, MESSAGE_TEXT_MAX, ctx.incident.docUrl));
    },
    { usage: '<text> [@owner] [by <date>]' },
  );
