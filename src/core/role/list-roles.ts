import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { incidentProcessOf, type RoleDefinition } from '../shared/incident-process.js';

/** The roles people hold in incidents, as configured (the lead first): anyone in the workspace may read them. */
export async function listRoles(deps: CoreDeps, ctx: Ctx): Promise<RoleDefinition[]> {
  await authorizeActor(deps, ctx);
  return incidentProcessOf(deps).roles;
}
