import { incidentCommand } from '../../sdk/index.js';

/** `@incident duration`. */
export const durationCommand = incidentCommand(['duration'], 'How long has this incident been running?', async (ctx) => {
  await ctx.say(`The incident has been running for ${ctx.incident.duration}`);
});
