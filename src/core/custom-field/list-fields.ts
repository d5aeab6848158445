import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { incidentProcessOf, type FieldDefinition } from '../shared/incident-process.js';

/** The custom fields, as configured: anyone in the workspace may read them (forms and filters need them). */
export async function listCustomFields(deps: CoreDeps, ctx: Ctx): Promise<FieldDefinition[]> {
  await authorizeActor(deps, ctx);
  return incidentProcessOf(deps).fields;
}
