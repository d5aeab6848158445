import { incidentCommand } from '../../sdk/index.js';
import { formatTime, type CommandDeps } from './shared.js';

/**
 * `@incident close`. Only the "already closed" case is answered here: the closing message and
 * the lead's DM come from the outbox (`incident.closed`), whichever edge closed the incident.
 */
export const closeCommand = (deps: CommandDeps) =>
  incidentCommand(['close'], 'Close this incident.', async (ctx) => {
    const { incident, closed } = await ctx.incidents.close();
    if (!closed) await ctx.say(`This incident was already closed at ${formatTime(incident.endTime ?? incident.updatedAt, deps.timezone)}`);
  });

/** `@incident reopen`: back to investigating. */
export const reopenCommand = incidentCommand(['reopen'], 'Reopen this incident', async (ctx) => {
  const { closed } = await ctx.incidents.reopen();
  if (!closed) return { handled: false, hint: "This incident isn't closed." };
});
