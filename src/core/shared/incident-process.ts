import type { Severity } from '../incident/model.js';

/** One level of a team's severity scale (response.config.ts `severities`). */
export interface SeverityDefinition {
  /** Stable key stored on incidents and used in the API: `critical`, `sev1`… */
  key: string;
  label: string;
  /** Shown before the label in Slack and the web. */
  emoji: string;
  /** 1 is the most severe; `@incident severity 2` and `sev2` pick by rank. Unique. */
  rank: number;
  /** Help shown under the option in the declare form. */
  description: string;
  /** Declared incidents of this severity are private unless the declarer says otherwise. */
  privateByDefault: boolean;
  /** Create the comms channel at declaration; null follows AUTO_CREATE_CHANNEL. */
  autoCreateChannel: boolean | null;
}

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

/** A kind of incident (response.config.ts `types`): Default, Security, Customer-facing… */
export interface IncidentTypeDefinition {
  /** Stable key stored on incidents and used in the API: `default`, `security`. */
  key: string;
  label: string;
  /** Help shown in the declare form. */
  description: string;
  /** The severity picked in the form (and by the API when none is given) for this type; null: none. */
  defaultSeverity: string | null;
  /** True or false decides privacy for this type unless the declarer says otherwise; null: the severity decides. */
  privateByDefault: boolean | null;
  /** Comms channel names start with this instead of `inc` (e.g. `sec` gives `sec-42-…`); null: `inc`. */
  channelPrefix: string | null;
  /** Role keys to fill in incidents of this type: nudged while nobody holds them, like required roles. */
  roles: string[];
  /** Custom field keys this type requires at declaration (beside each field's own `requiredAt`). */
  requiredFields: string[];
}

/** What a custom field holds; each kind has its own Slack element and web input. */
export const FIELD_KINDS = ['text', 'textarea', 'number', 'select', 'multi_select', 'user', 'link', 'datetime'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** One choice of a `select` or `multi_select` field: the key is stored, the label shown. */
export interface FieldOption {
  key: string;
  label: string;
}

/** A custom field (response.config.ts `fields`): what a team's reviews need recorded on every incident. */
export interface FieldDefinition {
  /** Stable key stored on incidents and used in the API (`custom_fields.<key>`, `?field.<key>=`). */
  key: string;
  label: string;
  /** Shown under the input in Slack's forms and the web doc. */
  help: string;
  kind: FieldKind;
  /** The choices of a select or multi select (none for other kinds). */
  options: FieldOption[];
  /** Type keys whose incidents have this field; null: every type. */
  types: string[] | null;
  /** Required at declaration (the form and the API refuse without it) or before closing; null: optional. */
  requiredAt: 'declare' | 'close' | null;
  /** Shown on the Slack headline (when set). */
  showInHeadline: boolean;
}

/** How a team runs an incident (response.config.ts; defaults in config/incident-process.ts). */
export interface IncidentProcess {
  /** The severity scale, most severe first (ordered by rank). */
  severities: SeverityDefinition[];
  /** Kinds of incident, the default first; with more than one, the declare form asks which. */
  types: IncidentTypeDefinition[];
  /** The incident lead first, then the others in the order configured. */
  roles: RoleDefinition[];
  /** Custom fields, in the order forms show them. */
  fields: FieldDefinition[];
  statusUpdates: {
    /** Minutes between status updates per severity key; null or absent means no cadence (never nudged). */
    cadenceMinutes: Partial<Record<Severity, number | null>>;
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
  postmortem: {
    /**
     * The Markdown a new postmortem starts from, with `{{placeholder}}`s filled from the incident
     * (POSTMORTEM_PLACEHOLDERS in core/postmortem/placeholders.ts); null: Response's default template.
     */
    template: string | null;
    /** When an incident is resolved, its lead (else its reporter) gets a DM asking them to draft the postmortem. */
    askLeadOnResolve: boolean;
  };
}

/** Response's defaults: three roles, updates every 15/30/60 minutes by severity, ✅ and 📌 reactions. */
export const DEFAULT_INCIDENT_PROCESS: IncidentProcess = {
  severities: [
    { key: 'critical', label: 'Critical', emoji: '⛈️', rank: 1, description: 'Customers cannot use a core product; all hands', privateByDefault: false, autoCreateChannel: null },
    { key: 'major', label: 'Major', emoji: '🌧️', rank: 2, description: 'A core product is degraded for many customers', privateByDefault: false, autoCreateChannel: null },
    { key: 'minor', label: 'Minor', emoji: '🌦️', rank: 3, description: 'Some customers or an internal system affected', privateByDefault: false, autoCreateChannel: null },
    { key: 'trivial', label: 'Trivial', emoji: '🌤️', rank: 4, description: 'Little or no customer impact', privateByDefault: false, autoCreateChannel: null },
  ],
  types: [{ key: 'default', label: 'Default', description: '', defaultSeverity: null, privateByDefault: null, channelPrefix: null, roles: [], requiredFields: [] }],
  fields: [],
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
  postmortem: { template: null, askLeadOnResolve: true },
};

/** The role with this key, or undefined. */
export function findRole(process: IncidentProcess, key: string): RoleDefinition | undefined {
  return process.roles.find((r) => r.key === key);
}

/** Shown for incidents without a severity. */
export const NO_SEVERITY = { label: 'No severity', emoji: '☁️' } as const;

/**
 * How to show a severity key: its definition, or, for a key no longer configured (old incidents keep
 * theirs), its key as the label, a neutral emoji and a rank after every configured one.
 */
export function severityDefinition(process: Pick<IncidentProcess, 'severities'>, key: Severity): SeverityDefinition & { configured: boolean } {
  const found = process.severities.find((s) => s.key === key);
  if (found) return { ...found, configured: true };
  return { key, label: key.charAt(0).toUpperCase() + key.slice(1), emoji: '❔', rank: Number.MAX_SAFE_INTEGER, description: '', privateByDefault: false, autoCreateChannel: null, configured: false };
}

/** A configured severity key, or a message listing the configured ones (for a 4xx naming the field). */
export function checkSeverityKey(process: Pick<IncidentProcess, 'severities'>, key: string): string | null {
  return process.severities.some((s) => s.key === key) ? null : `must be one of ${process.severities.map((s) => s.key).join(', ')}`;
}

/**
 * Reads a severity as people type it: its key or label ("critical", "Major"), or its rank as
 * "sev1", "SEV 2", "1", "p3". Whole-word only, unlike the original's substring match.
 */
export function parseSeverity(process: Pick<IncidentProcess, 'severities'>, text: string): Severity | null {
  const t = text.trim().toLowerCase();
  const byName = process.severities.find((s) => s.key.toLowerCase() === t || s.label.toLowerCase() === t);
  if (byName) return byName.key;
  const numeric = /^(?:sev(?:erity)?|p)?\s*-?\s*(\d{1,2})$/.exec(t);
  if (numeric?.[1]) return process.severities.find((s) => s.rank === Number(numeric[1]))?.key ?? null;
  return null;
}

/** How to show a type key: its definition, or, for one no longer configured, its key as the label. */
export function typeDefinition(process: Pick<IncidentProcess, 'types'>, key: string): IncidentTypeDefinition & { configured: boolean } {
  const found = process.types.find((t) => t.key === key);
  if (found) return { ...found, configured: true };
  return { key, label: key.charAt(0).toUpperCase() + key.slice(1), description: '', defaultSeverity: null, privateByDefault: null, channelPrefix: null, roles: [], requiredFields: [], configured: false };
}

/** A configured type key, or a message listing the configured ones (for a 4xx naming the field). */
export function checkTypeKey(process: Pick<IncidentProcess, 'types'>, key: string): string | null {
  return process.types.some((t) => t.key === key) ? null : `must be one of ${process.types.map((t) => t.key).join(', ')}`;
}

/** Whether a team uses types at all: with one, nothing asks or shows which. */
export const usesTypes = (process: Pick<IncidentProcess, 'types'>) => process.types.length > 1;

/** The process a verb works to: the configured one, else the default. */
export const incidentProcessOf = (core: { process?: IncidentProcess }): IncidentProcess => core.process ?? DEFAULT_INCIDENT_PROCESS;
