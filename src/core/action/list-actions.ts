import type { Action, CoreDeps, Page } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { getIncident } from '../incident/get.js';

export async function listActions(deps: CoreDeps, ctx: Ctx, incidentId: number, limit: number, cursor: string | null): Promise<Page<Action>> {
  await getIncident(deps, ctx, incidentId);
  return deps.store.actions.list(incidentId, limit, cursor);
}
