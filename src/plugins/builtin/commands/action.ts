import { fitMrkdwn, MESSAGE_TEXT_MAX, SECTION_TEXT_MAX, incidentCommand, slackTsDate } from '../../sdk/index.js';
import { withoutBroadcasts } from './confirm.js';
import { dueDateLabel } from '../../../core/action/due-date.js';
import { parseActionArgs } from './action-args.js';
import type { CommandDeps } from './shared.js';
import { ISSUE_PROVIDER_LABELS } from '../../../core/action/ports.js';
import type { Action, IssueProvider, KnownBlock } from '../../sdk/types.js';

/** The button that asks for an action's issue in a tracker; the tracker's plugin handles it (`<provider>_create_issue`). */
const issueButtons = (action: Action, trackers: readonly IssueProvider[]): KnownBlock[] =>
  trackers.length === 0
    ? []
    : [
        {
          type: 'actions',
          block_id: `action_issue_${action.id}`,
          elements: trackers.map((provider) => ({
            type: 'button' as const,
            action_id: `${provider}_create_issue`,
            value: String(action.id),
            text: { type: 'plain_text' as const, text: `Create ${ISSUE_PROVIDER_LABELS[provider]} issue` },
          })),
        },
      ];

/** When the command was said: Slack's ts of the message (a redelivery hours later still means the same "tomorrow"). */
const saidAt = (messageTs: string) => slackTsDate(messageTs) ?? new Date();

/**
 * `@incident action <text> [@owner] [by <date>]`: a follow-up action logged by the caller, owned by
 * the person mentioned, due on the day named (in the configured TIMEZONE), and said in the channel.
 * A redelivered command finds its action already made (the delivery's key) and may say it again:
 * posts from commands are at least once.
 */
export const actionCommand = (deps: Pick<CommandDeps, 'timezone' | 'issueTrackers'>) =>
  incidentCommand(
    ['action'],
    'Log a follow-up action, optionally with an owner (`@someone`) and a due date (`by friday`, `by 2026-12-31`, `in 3 days`)',
    async (ctx) => {
      const parsed = parseActionArgs(ctx.args, saidAt(ctx.messageTs), deps.timezone);
      if (!parsed.ok) return { handled: false, hint: parsed.hint };
      const trackers = deps.issueTrackers ?? [];
      // Refused before anything is logged: the caller fixes the command and says it again.
      if (parsed.tracker && !trackers.includes(parsed.tracker)) {
        const on = trackers.length ? ` (configured: ${trackers.map((t) => `\`--${t}\``).join(', ')})` : '';
        return {
          handled: false,
          hint: `${ISSUE_PROVIDER_LABELS[parsed.tracker]} isn't set up in Response${on}; log it without \`--${parsed.tracker}\`, or ask an admin to configure it (docs/integrations.md).`,
        };
      }
      const action = await ctx.incidents.addAction(parsed.details, {
        ...(parsed.owner ? { assignee: parsed.owner } : {}),
        ...(parsed.dueDate ? { dueDate: parsed.dueDate } : {}),
      });
      const by = ctx.user ? `<@${ctx.user.slackId}> logged an action` : 'Action logged';
      // Owner and due date before the details: a long text is cut at the end, never what was set.
      const owner = parsed.owner ? ` for <@${parsed.owner}>` : '';
      const due = parsed.dueDate ? `, due *${dueDateLabel(parsed.dueDate)}*` : '';
      if (parsed.tracker) await ctx.incidents.requestActionIssue(action.id, parsed.tracker);
      const tracked = parsed.tracker ? ` (creating a ${ISSUE_PROVIDER_LABELS[parsed.tracker]} issue)` : '';
      const said = `📋 ${by}${owner}${due}${tracked}: ${withoutBroadcasts(parsed.details)}`;
      const text = fitMrkdwn(said, MESSAGE_TEXT_MAX, ctx.incident.docUrl);
      const buttons = parsed.tracker ? [] : issueButtons(action, trackers);
      await ctx.say(
        buttons.length
          ? { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: fitMrkdwn(said, SECTION_TEXT_MAX, ctx.incident.docUrl) } }, ...buttons] }
          : text,
      );
    },
    { usage: '<text> [@owner] [by <date>] [--jira|--linear]' },
  );
