import { incidentCommand } from '../../sdk/index.js';
import { incidentProcessOf } from '../../../core/shared/incident-process.js';
import { missingForClose } from '../../../core/custom-field/definitions.js';
import { slackDate, type CommandDeps } from './shared.js';

/** The button that opens the form for the fields an incident needs before it closes (Response's own plugin handles it). */
export const CLOSE_WITH_FIELDS_ACTION = 'close-with-fields-button';

/**
 * `@incident close`. Only the "already closed" case is answered here, to the caller alone: the
 * closing message and the lead's DM come from the outbox (`incident.resolved`), whichever edge
 * closed the incident. Fields the team needs before closing are asked for first: a mention can't
 * open a form (it carries no trigger), so the caller gets a button that does.
 */
export const closeCommand = (deps: CommandDeps) =>
  incidentCommand(['close'], 'Close this incident.', async (ctx) => {
    const missing = ctx.incident.isResolved ? [] : missingForClose(incidentProcessOf(deps), ctx.incident);
    if (missing.length > 0) {
      const names = missing.map((f) => f.label).join(', ');
      const text = `Before incident ${ctx.incident.id} closes, your team needs: ${names}.`;
      await ctx.ephemeral({
        text,
        blocks: [
          { type: 'section', text: { type: 'plain_text', text, emoji: true } },
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: CLOSE_WITH_FIELDS_ACTION, style: 'primary', text: { type: 'plain_text', text: 'Fill in and close', emoji: true }, value: String(ctx.incident.id) }],
          },
        ],
      });
      return;
    }
    const { incident, closed } = await ctx.incidents.close();
    if (closed) return;
    const at = slackDate(incident.endTime ?? incident.updatedAt, deps.timezone);
    return { handled: true, hint: `This incident was already closed ${at}. To open it again: \`@incident reopen\`` };
  });

/** `@incident reopen`: back to investigating. */
export const reopenCommand = incidentCommand(['reopen'], 'Reopen this incident', async (ctx) => {
  const { closed } = await ctx.incidents.reopen();
  if (!closed) return { handled: false, hint: "This incident isn't closed." };
});
