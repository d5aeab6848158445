import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { incidentProcessOf, type IncidentTypeDefinition } from '../shared/incident-process.js';

/** The incident types, as configured (the default first): anyone in the workspace may read them. */
export async function listIncidentTypes(deps: CoreDeps, ctx: Ctx): Promise<IncidentTypeDefinition[]> {
  await authorizeActor(deps, ctx);
  return incidentProcessOf(deps).types;
}
