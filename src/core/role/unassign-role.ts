import type { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { validate } from '../shared/validate.js';
import { applyIncidentUpdate } from '../incident/update.js';
import { findRole, incidentProcessOf } from '../shared/incident-process.js';
import { LEAD_ROLE } from './incident-roles.js';
import { setHolder, type RoleChangeResult } from './assign-role.js';
import { configuredRole, unassignRoleInputSchema } from './role-input.js';

export type UnassignRoleInput = z.input<typeof unassignRoleInputSchema>;

/**
 * Clears a role: nobody holds it any more (a timeline entry and `role.unassigned`; nothing when
 * nobody held it). A role since removed from the configuration may still be cleared while someone
 * holds it, so an old assignment can be tidied away; any other unknown key is a VALIDATION error.
 */
export async function unassignRole(deps: CoreDeps, ctx: Ctx, input: UnassignRoleInput): Promise<RoleChangeResult> {
  const { incident, viewer } = await authorizeIncident(deps, ctx, input.incidentId);
  const data = validate(unassignRoleInputSchema, input);
  const configured = findRole(incidentProcessOf(deps), data.role);
  const held = incident.roles.find((r) => r.role === data.role);
  const role =
    configured ??
    (held && data.role !== LEAD_ROLE
      ? { key: held.role, name: held.name, description: '', checklist: [], required: false }
      : configuredRole(incidentProcessOf(deps), data.role));
  if (role.key === LEAD_ROLE) {
    return deps.store.transaction(async (tx) => {
      const r = await applyIncidentUpdate({ store: tx, permissions: deps.permissions, process: incidentProcessOf(deps) }, ctx, viewer, data.incidentId, { lead: null });
      return { incident: r.incident, role, changed: r.changes.length > 0 };
    });
  }
  return deps.store.transaction((tx) => setHolder(tx, ctx, data.incidentId, role, null));
}
