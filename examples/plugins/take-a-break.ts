// A recurring notification: every 30 minutes after the comms channel is created, up to 10 times,
// while the incident is open, remind everyone to take a break.
import { definePlugin, recurringNotification } from 'response/sdk';

export default definePlugin({
  name: 'take-a-break',
  notifications: [
    recurringNotification({ key: 'take-a-break', intervalMinutes: 30, maxNotifications: 10 }, async (ctx) => {
      await ctx.say(`☕ This incident has been running for ${ctx.incident.duration}. Remember to take a break, drink some water, and hand over if you need to.`);
    }),
  ],
});
