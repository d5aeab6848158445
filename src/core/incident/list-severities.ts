import type { CoreDeps } from '../store-ports.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { incidentProcessOf, type SeverityDefinition } from '../shared/incident-process.js';

/** The severity scale, as configured (most severe first): anyone in the workspace may read it. */
export async function listSeverities(deps: CoreDeps, ctx: Ctx): Promise<SeverityDefinition[]> {
  await authorizeActor(deps, ctx);
  return incidentProcessOf(deps).severities;
}
