import type { Severity } from '../incident/model.js';

/** One role people hold in an incident (`lead` is the incident lead, stored as the incident's lead). */
export interface RoleDefinition {
  /** Stable key used in commands, the API and stored assignments: `lead`, `comms`, `scribe`. */
  key: string;
  name: string;
  /** Sent to the new holder with the checklist. */
  description: string;
  checklist: string[];
  /** Reminded about in the channel while nobody holds it (as "no lead" always was). */
  required: boolean;
}

/** How a team runs an incident (response.config.ts; defaults in config/incident-process.ts). */
export interface IncidentProcess {
  /** The incident lead first, then the others in the order configured. */
  roles: RoleDefinition[];
  statusUpdates: {
    /** Minutes between status updates per severity; null means no cadence (never nudged). */
    cadenceMinutes: Record<Severity, number | null>;
    /** Channel (name or id) where updates of incidents of that severity are also posted. */
    stakeholderChannels: Partial<Record<Severity, string>>;
    /** Minutes after an update fell due before the second, "overdue" nudge. */
    overdueAfterMinutes: number;
  };
  /** Emoji names (no colons) that act on a message in the comms channel. */
  reactions: { followUp: string; timeline: string };
  followUps: {
    /** After the incident is resolved, owners of open follow-ups get one DM listing them. */
    dmOwnersOnClose: boolean;
    /** Owners get one reminder when a follow-up passes its due date. */
    remindWhenPastDue: boolean;
  };
}

/** Response's defaults: three roles, updates every 15/30/60 minutes by severity, ✅ and 📌 reactions. */
export const DEFAULT_INCIDENT_PROCESS: IncidentProcess = {
  roles: [
    {
      key: 'lead',
      name: 'Incident lead',
      description: 'Runs the response: decides what happens next, keeps people focused and makes the calls.',
      checklist: ['Set the severity', 'Make sure someone is writing status updates', 'Decide when the incident is resolved'],
      required: true,
    },
    {
      key: 'comms',
      name: 'Communications lead',
      description: 'Keeps everyone outside the response informed with regular status updates.',
      checklist: ['Post a status update with `@incident update`', 'Post again before the next update is due', 'Tell stakeholders when it is resolved'],
      required: false,
    },
    {
      key: 'scribe',
      name: 'Scribe',
      description: 'Keeps the record: pins key messages to the timeline and logs follow-up actions.',
      checklist: ['📌 key messages as they happen', '✅ messages that need a follow-up', 'Note decisions and who made them'],
      required: false,
    },
  ],
  statusUpdates: {
    cadenceMinutes: { critical: 15, major: 30, minor: 60, trivial: null },
    stakeholderChannels: {},
    overdueAfterMinutes: 10,
  },
  reactions: { followUp: 'white_check_mark', timeline: 'pushpin' },
  followUps: { dmOwnersOnClose: true, remindWhenPastDue: true },
};

/** The role with this key, or undefined. */
export function findRole(process: IncidentProcess, key: string): RoleDefinition | undefined {
  return process.roles.find((r) => r.key === key);
}

/** The process a verb works to: the configured one, else the default. */
export const incidentProcessOf = (core: { process?: IncidentProcess }): IncidentProcess => core.process ?? DEFAULT_INCIDENT_PROCESS;
