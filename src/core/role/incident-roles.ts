import type { IncidentRole, UserRef } from '../incident/model.js';
import { DEFAULT_INCIDENT_PROCESS, type RoleDefinition } from '../shared/incident-process.js';
import type { StoredRoleAssignment } from './ports.js';

/** The role key of the incident lead, stored as the incident's own lead rather than in incident_roles. */
export const LEAD_ROLE = 'lead';

/**
 * An incident's roles as everyone shows them: the lead and the stored assignments, in the
 * configured order. An assignment whose role was since removed from the configuration is kept
 * (named by its key, after the configured ones): who held it stays on the record.
 */
export function incidentRoles(definitions: readonly RoleDefinition[], lead: UserRef | null, stored: readonly StoredRoleAssignment[]): IncidentRole[] {
  const held = new Map<string, UserRef>();
  if (lead) held.set(LEAD_ROLE, lead);
  for (const s of stored) if (s.role !== LEAD_ROLE) held.set(s.role, s.user);
  const out: IncidentRole[] = [];
  for (const def of definitions) {
    const user = held.get(def.key);
    if (user) out.push({ role: def.key, name: def.name, user });
    held.delete(def.key);
  }
  for (const [role, user] of held) out.push({ role, name: role, user });
  return out;
}

/** The roles the store names incidents' roles by, when the composition root passes none. */
export const DEFAULT_ROLE_DEFINITIONS: readonly RoleDefinition[] = DEFAULT_INCIDENT_PROCESS.roles;

/**
 * A role as people type it: its key or its whole name, in any case (`comms`, `Communications lead`).
 * No prefixes or fuzzy matches: a typo must never hand someone the wrong role.
 */
export function matchRole(definitions: readonly RoleDefinition[], text: string): RoleDefinition | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return definitions.find((d) => d.key.toLowerCase() === t || d.name.toLowerCase() === t);
}
