// A command. Named `duration`, it replaces the built-in `@incident duration` (a plugin listed in
// config overrides a built-in of the same name); `@incident elapsed` is an alias.
import { definePlugin, incidentCommand } from 'response/sdk';

export default definePlugin({
  name: 'duration',
  commands: [
    incidentCommand(['duration', 'elapsed'], 'How long has this incident been running?', async (ctx) => {
      const since = ctx.incident.startTime.toISOString().slice(0, 16).replace('T', ' ');
      await ctx.say(`⏱️ Incident ${ctx.incident.id} has been running for ${ctx.incident.duration} (since ${since} UTC).`);
    }),
  ],
});
