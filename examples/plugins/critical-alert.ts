// Reacts to committed changes, whichever surface made them (Slack, the REST API, the web UI,
// another plugin): when an incident's severity becomes critical, say so in its comms channel.
//
// Delivery is at least once: after a crash or a failure this handler may run again for the same
// event. `ctx.say` posts once per event (its n-th message is keyed by the event id and the plugin),
// so a redelivery does not post twice; an effect of your own (a pager call) should use
// `ctx.idempotencyKey` the same way.
import { definePlugin, onIncidentEvent } from 'response/sdk';

export default definePlugin({
  name: 'critical-alert',
  incidentEvents: [
    onIncidentEvent(['incident.updated', 'incident.reopened'], async (ctx) => {
      const severity = ctx.event.data.changes.find((c) => c.field === 'severity');
      if (severity?.new !== 'critical' || !ctx.incident.commsChannel) return;
      await ctx.say(`🚨 Incident ${ctx.incident.id} is now *critical* (was ${severity.old ?? 'not set'}), set by ${ctx.event.actor.label}. Page the on-call lead if nobody is leading: ${ctx.incident.docUrl}`);
    }),
  ],
});
