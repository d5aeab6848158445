import type { KnownBlock } from '@slack/types';
import { actionHandler, incidentCommand } from '../../sdk/index.js';
import type { ActionHandler, IncidentCommand, IncidentView } from '../../sdk/types.js';
import { cadenceMinutesOf } from '../../../core/status-update/cadence.js';
import type { IncidentProcess } from '../../../core/shared/incident-process.js';
import { DRAFT_PREFIX, StatusUpdateIds } from './ids.js';
import { renderUpdateModal } from './modal.js';
import { renderPublishBlocks, type StatusUpdatePublishing } from './publish-blocks.js';

/** Slack caps a button's value at 2000 characters; a longer draft is left for the modal. */
const MAX_DRAFT = 2000 - DRAFT_PREFIX.length;

/** The "📣 Post an update" button: the welcome message, `@incident update` and the nudges carry it. */
export function postUpdateButton(incident: Pick<IncidentView, 'id'>, draft = '') {
  return {
    type: 'button' as const,
    action_id: StatusUpdateIds.openModal,
    style: 'primary' as const,
    text: { type: 'plain_text' as const, text: '📣 Post an update', emoji: true },
    value: draft && draft.length <= MAX_DRAFT ? `${DRAFT_PREFIX}${draft}` : String(incident.id),
  };
}

/** What `@incident update` answers (only to whoever asked): an app mention has no trigger id to open a modal with, a button press has. */
export function updatePrompt(incident: IncidentView, draft: string): { text: string; blocks: KnownBlock[] } {
  const text = draft
    ? `📣 Ready to post your status update for incident ${incident.id}? Check the status and when the next update is due, then post it.`
    : `📣 Post a status update for incident ${incident.id}: its status, what is happening now, the next steps and when the next update is due.`;
  return { text, blocks: [{ type: 'section', block_id: 'update_prompt', text: { type: 'mrkdwn', text }, accessory: postUpdateButton(incident, draft) }] };
}

/** `@incident update [what is happening]`: answers privately with the button that opens the modal (the text, if any, prefilled). */
export function updateCommand(): IncidentCommand {
  return incidentCommand(
    ['update'],
    'Post a status update (status, what is happening now, next steps, when the next update is due): in this channel, the headline thread and the stakeholder channel',
    async (ctx) => {
      if (ctx.incident.reportOnly) return { handled: false, hint: 'This is a report of something that already happened, so it takes no status updates.' };
      await ctx.ephemeral(updatePrompt(ctx.incident, ctx.args.trim()));
    },
    { usage: '[what is happening now]' },
  );
}

/** The button opens the modal with the severity's cadence as the next update's default. */
export function openUpdateModalAction(process: IncidentProcess, publishing?: StatusUpdatePublishing): ActionHandler {
  return actionHandler(StatusUpdateIds.openModal, async (ctx) => {
    if (ctx.incident.reportOnly) {
      await ctx.ephemeral('This is a report of something that already happened, so it takes no status updates.');
      return;
    }
    const draft = ctx.value?.startsWith(DRAFT_PREFIX) ? ctx.value.slice(DRAFT_PREFIX.length) : '';
    const publish = publishing ? renderPublishBlocks(ctx.incident, publishing.components, ctx.incident.private ? null : await publishing.lastPublished(ctx.incident.id)) : [];
    await ctx.openModal(renderUpdateModal(ctx.incident, cadenceMinutesOf(process, ctx.incident.severity), draft, publish));
  });
}
