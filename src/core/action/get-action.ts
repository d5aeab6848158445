import type { Action } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

/** One action of an incident as it is now, or null when it is gone. */
export async function getAction(deps: CoreDeps, ctx: Ctx, incidentId: number, actionId: number): Promise<Action | null> {
  await authorizeIncident(deps, ctx, incidentId);
  return deps.store.actions.get(incidentId, actionId);
}
