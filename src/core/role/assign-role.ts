import type { z } from 'zod';
import type { CoreDeps, Tx } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import { actorLabel, type Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { applyIncidentUpdate } from '../incident/update.js';
import { getIncidentIn } from '../incident/get.js';
import type { Incident } from '../incident/model.js';
import { incidentProcessOf, type RoleDefinition } from '../shared/incident-process.js';
import { LEAD_ROLE } from './incident-roles.js';
import { recordRoleChange } from './record-role-change.js';
import { assignRoleInputSchema, configuredRole } from './role-input.js';

export type AssignRoleInput = z.input<typeof assignRoleInputSchema>;

export interface RoleChangeResult {
  incident: Incident;
  role: RoleDefinition;
  /** False when nothing changed (the same holder again; nobody held a role being cleared). */
  changed: boolean;
}

/**
 * Makes someone the holder of a role (Slack `@incident role`, the edit modal, the API, the web
 * doc, plugins). The lead goes through the incident's own lead (its permission, its
 * `incident.updated`); other roles may be given by anyone who may edit the incident. Either way
 * the change is a timeline entry and a `role.assigned` event; the same holder again changes nothing.
 */
export async function assignRole(deps: CoreDeps, ctx: Ctx, input: AssignRoleInput): Promise<RoleChangeResult> {
  const { viewer } = await authorizeIncident(deps, ctx, input.incidentId);
  const data = validate(assignRoleInputSchema, input);
  const role = configuredRole(incidentProcessOf(deps), data.role);
  if (role.key === LEAD_ROLE) {
    return deps.store.transaction(async (tx) => {
      const r = await applyIncidentUpdate({ store: tx, permissions: deps.permissions, process: incidentProcessOf(deps) }, ctx, viewer, data.incidentId, { lead: data.user });
      return { incident: r.incident, role, changed: r.changes.length > 0 };
    });
  }
  return deps.store.transaction((tx) => setHolder(tx, ctx, data.incidentId, role, data.user));
}

/** Inside the verb's transaction: writes the new holder (or clears it), its timeline entry and event. */
export async function setHolder(
  tx: Tx,
  ctx: Ctx,
  incidentId: number,
  role: Pick<RoleDefinition, 'key' | 'name'>,
  slackId: string | null,
): Promise<RoleChangeResult & { role: Pick<RoleDefinition, 'key' | 'name'> }> {
  const now = ctx.clock.now();
  const before = await tx.incidents.getForUpdate(incidentId);
  if (!before) throw notFound(`Incident ${incidentId}`);
  const previous = before.roles.find((r) => r.role === role.key)?.user ?? null;
  if ((previous?.slackId ?? null) === slackId) return { incident: before, role: role as RoleDefinition, changed: false };
  const user = await resolveUser(tx, slackId, now);
  if (user) await tx.roles.assign(incidentId, role.key, user.id, now);
  else await tx.roles.clear(incidentId, role.key);
  const by = actorLabel(ctx.actor);
  const text = user ? `<@${user.slackId}> is now ${role.name} (by ${by})` : `<@${previous?.slackId ?? ''}> is no longer ${role.name} (by ${by})`;
  await tx.timeline.insert(
    incidentId,
    {
      timestamp: now,
      text,
      eventType: 'role_change',
      metadata: { role: role.key, old_value: previous?.slackId ?? null, new_value: user?.slackId ?? null },
      actor: ctx.actor,
    },
    now,
  );
  const after = await getIncidentIn(tx, incidentId);
  const next = after.roles.find((r) => r.role === role.key)?.user ?? null;
  await recordRoleChange(tx, ctx, after, { key: role.key, name: role.name }, previous, next);
  return { incident: after, role: role as RoleDefinition, changed: true };
}
