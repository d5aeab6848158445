import { incidentCommand } from '../../sdk/index.js';
import { slackDate, type CommandDeps } from './shared.js';

/**
 * `@incident close`. Only the "already closed" case is answered here, to the caller alone: the
 * closing message and the lead's DM come from the outbox (`incident.resolved`), whichever edge
 * closed the incident.
 */
export const closeCommand = (deps: CommandDeps) =>
  incidentCommand(['close'], 'Close this incident.', async (ctx) => {
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
