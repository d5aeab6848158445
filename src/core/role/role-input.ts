import { z } from 'zod';
import { invalid } from '../shared/errors.js';
import { findRole, type IncidentProcess, type RoleDefinition } from '../shared/incident-process.js';
import { storableText } from '../shared/input-limits.js';
import { slackUserId } from '../incident/schemas.js';

export const roleKeySchema = storableText().refine((s) => s.length > 0 && s.length <= 40, 'must be a role key');

export const assignRoleInputSchema = z.object({ incidentId: z.number().int(), role: roleKeySchema, user: slackUserId }).strict();
export const unassignRoleInputSchema = z.object({ incidentId: z.number().int(), role: roleKeySchema }).strict();

/** "use one of lead (Incident lead), comms (Communications lead), scribe (Scribe)" */
export function knownRolesText(roles: readonly RoleDefinition[]): string {
  return roles.map((r) => (r.name.toLowerCase() === r.key ? r.key : `${r.key} (${r.name})`)).join(', ');
}

/** The configured role with this key; anything else is a VALIDATION error on `role` listing the keys. */
export function configuredRole(process: IncidentProcess, key: string): RoleDefinition {
  const role = findRole(process, key);
  if (!role) throw invalid('role', `Unknown role "${key}": use one of ${knownRolesText(process.roles)}`);
  return role;
}
