/**
 * Who may do the things a team may want to restrict. Each permission has one rule; workspace
 * admins (and trusted actors: API tokens, Response's own jobs, the CLI) always pass.
 * The defaults keep Response's historic behaviour: anyone in the workspace may act, only admins
 * manage API tokens and outgoing webhooks.
 */
export const PERMISSIONS = ['close', 'reopen', 'changeSeverity', 'changeLead', 'deleteTimelineEntries', 'declarePrivate', 'manageApiTokens', 'manageWebhooks'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type PermissionRule =
  /** Anyone in the workspace. */
  | { kind: 'everyone' }
  /** The incident's people: its reporter, its lead and the members of its comms channel. */
  | { kind: 'incident' }
  /** The incident's lead (its reporter while it has no lead). */
  | { kind: 'lead' }
  /** Workspace admins only. */
  | { kind: 'admins' }
  /** These Slack users (and admins). */
  | { kind: 'users'; slackIds: string[] };

export type Permissions = Record<Permission, PermissionRule>;

export const DEFAULT_PERMISSIONS: Permissions = {
  close: { kind: 'everyone' },
  reopen: { kind: 'everyone' },
  changeSeverity: { kind: 'everyone' },
  changeLead: { kind: 'everyone' },
  deleteTimelineEntries: { kind: 'everyone' },
  declarePrivate: { kind: 'everyone' },
  manageApiTokens: { kind: 'admins' },
  manageWebhooks: { kind: 'admins' },
};

/** Permissions that are about one incident can use its people (`incident`, `lead`); the others can't. */
export const INCIDENT_PERMISSIONS: ReadonlySet<Permission> = new Set(['close', 'reopen', 'changeSeverity', 'changeLead', 'deleteTimelineEntries']);

/** The environment variable that sets each permission (documented in README and docs/permissions.md). */
export const PERMISSION_ENV: Record<Permission, string> = {
  close: 'PERMISSION_CLOSE',
  reopen: 'PERMISSION_REOPEN',
  changeSeverity: 'PERMISSION_CHANGE_SEVERITY',
  changeLead: 'PERMISSION_CHANGE_LEAD',
  deleteTimelineEntries: 'PERMISSION_DELETE_TIMELINE_ENTRIES',
  declarePrivate: 'PERMISSION_DECLARE_PRIVATE',
  manageApiTokens: 'PERMISSION_MANAGE_API_TOKENS',
  manageWebhooks: 'PERMISSION_MANAGE_WEBHOOKS',
};

/** What a refusal says the person may not do. */
export const PERMISSION_WORDS: Record<Permission, string> = {
  close: 'close incidents',
  reopen: 'reopen incidents',
  changeSeverity: "change an incident's severity",
  changeLead: "change an incident's lead",
  deleteTimelineEntries: 'delete timeline entries',
  declarePrivate: 'declare private incidents',
  manageApiTokens: 'create or revoke API tokens',
  manageWebhooks: 'manage outgoing webhooks',
};

const RULE_WORDS: Record<PermissionRule['kind'], string> = {
  everyone: 'everyone',
  incident: "the incident's reporter, lead and channel members",
  lead: "the incident's lead",
  admins: 'workspace admins',
  users: 'named people',
};

export function describeRule(rule: PermissionRule): string {
  return rule.kind === 'users'
    ? `${rule.slackIds.map((id) => `<@${id}>`).join(', ')} and workspace admins`
    : rule.kind === 'admins'
      ? RULE_WORDS.admins
      : `${RULE_WORDS[rule.kind]} and workspace admins`;
}

/** `everyone`, `incident`, `lead`, `admins` or a comma-separated list of Slack user ids; an error message otherwise. */
export function parsePermissionRule(permission: Permission, text: string): PermissionRule | string {
  const value = text.trim();
  if (value === 'everyone' || value === 'admins') return { kind: value };
  if (value === 'incident' || value === 'lead') {
    if (!INCIDENT_PERMISSIONS.has(permission))
      return `must be everyone, admins or a comma-separated list of Slack user ids ("${value}" only applies to one incident's changes)`;
    return { kind: value };
  }
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length > 0 && ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id))) return { kind: 'users', slackIds: ids };
  return `must be everyone, incident, lead, admins or a comma-separated list of Slack user ids such as U012AB3CD (got "${value}")`;
}
