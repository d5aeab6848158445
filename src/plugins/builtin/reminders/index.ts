import type { ReminderSettings } from '../../../config/config.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentTypeDefinition, type RoleDefinition } from '../../../core/shared/incident-process.js';
import { definePlugin, recurringNotification } from '../../sdk/index.js';
import type { Notification, Plugin } from '../../sdk/types.js';

export const REMINDERS_PLUGIN = 'builtin:reminders';

export const SEVERITY_REMINDER = "🌤️ This incident doesn't have a severity. Please set one with `@incident severity ...`";
export const LEAD_REMINDER = "👩‍🚒 This incident doesn't have a lead. Please set one with `@incident lead ...`";
/** "🎭 This incident doesn't have a Scribe. Please set one with `@incident role scribe ...`" */
export const roleReminder = (role: Pick<RoleDefinition, 'key' | 'name'>) =>
  `🎭 This incident doesn't have ${/^[aeiou]/i.test(role.name) ? 'an' : 'a'} ${role.name}. Please set one with \`@incident role ${role.key} ...\``;
/** The lead's nudge keeps its key, so schedules stored before roles existed carry on. */
export const roleReminderKey = (key: string) => (key === 'lead' ? 'remind_incident_lead' : `remind_role_${key}`);
export const closeReminder = (who: string | null) =>
  `:timer_clock: ${who ? `<@${who}>, this` : 'This'} incident has been running a long time. Can it be closed now? Remember to pin important messages in order to create the timeline.`;

/**
 * Response's nudges, each a recurring notification: the schedule starts when the comms channel
 * exists, counts only what was posted and stops once its condition no longer holds. Every role
 * marked `required`, or listed in the `roles` of the incident's type, is nudged while nobody holds it
 * (REMINDER_LEAD_* set how often, for all of them).
 */
export function remindersPlugin(
  settings: ReminderSettings,
  roles: readonly RoleDefinition[] = DEFAULT_INCIDENT_PROCESS.roles,
  types: readonly IncidentTypeDefinition[] = DEFAULT_INCIDENT_PROCESS.types,
): Plugin {
  const notifications: Notification[] = [];
  if (settings.severity.enabled) {
    notifications.push(
      recurringNotification({ key: 'remind_severity', intervalMinutes: settings.severity.intervalMinutes, maxNotifications: settings.severity.max, when: (i) => i.severity === null }, async (ctx) => {
        await ctx.say(SEVERITY_REMINDER);
      }),
    );
  }
  if (settings.lead.enabled) {
    for (const role of roles) {
      const byType = new Set(types.filter((t) => t.roles.includes(role.key)).map((t) => t.key));
      if (!role.required && byType.size === 0) continue;
      const text = role.key === 'lead' ? LEAD_REMINDER : roleReminder(role);
      const needed = (i: { type: string | null }) => role.required || (i.type !== null && byType.has(i.type));
      const unheld = (i: { type: string | null; roles: { role: string }[] }) => needed(i) && !i.roles.some((r) => r.role === role.key);
      notifications.push(
        recurringNotification({ key: roleReminderKey(role.key), intervalMinutes: settings.lead.intervalMinutes, maxNotifications: settings.lead.max, when: unheld }, async (ctx) => {
          await ctx.say(text);
        }),
      );
    }
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
