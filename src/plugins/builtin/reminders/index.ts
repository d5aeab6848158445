import type { ReminderSettings } from '../../../config/config.js';
import { definePlugin, recurringNotification } from '../../sdk/index.js';
import type { Notification, Plugin } from '../../sdk/types.js';

export const REMINDERS_PLUGIN = 'builtin:reminders';

export const SEVERITY_REMINDER = "🌤️ This incident doesn't have a severity. Please set one with `@incident severity ...`";
export const LEAD_REMINDER = "👩‍🚒 This incident doesn't have a lead. Please set one with `@incident lead ...`";
export const closeReminder = (who: string | null) =>
  `:timer_clock: ${who ? `<@${who}>, this` : 'This'} incident has been running a long time. Can it be closed now? Remember to pin important messages in order to create the timeline.`;

/**
 * Response's three nudges, each a recurring notification: the schedule starts when the comms
 * channel exists, counts only what was posted and stops once its condition no longer holds.
 */
export function remindersPlugin(settings: ReminderSettings): Plugin {
  const notifications: Notification[] = [];
  if (settings.severity.enabled) {
    notifications.push(
      recurringNotification({ key: 'remind_severity', intervalMinutes: settings.severity.intervalMinutes, maxNotifications: settings.severity.max, when: (i) => i.severity === null }, async (ctx) => {
        await ctx.say(SEVERITY_REMINDER);
      }),
    );
  }
  if (settings.lead.enabled) {
    notifications.push(
      recurringNotification({ key: 'remind_incident_lead', intervalMinutes: settings.lead.intervalMinutes, maxNotifications: settings.lead.max, when: (i) => i.lead === null }, async (ctx) => {
        await ctx.say(LEAD_REMINDER);
      }),
    );
  }
  if (settings.close.enabled) {
    notifications.push(
      recurringNotification(
        { key: 'remind_close_incident', intervalMinutes: settings.close.intervalMinutes, maxNotifications: settings.close.max, workingHours: settings.close.workingHours },
        async (ctx) => {
          await ctx.say(closeReminder(ctx.incident.lead?.slackId ?? ctx.incident.reporter?.slackId ?? null));
        },
      ),
    );
  }
  return definePlugin({ name: REMINDERS_PLUGIN, notifications });
}
