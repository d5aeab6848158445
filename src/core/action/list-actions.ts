import type { Action } from './ports.js';
import type { Page } from '../shared/page.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

export async function listActions(deps: CoreDeps, ctx: Ctx, incidentId: number, limit: number, cursor: string | null): Promise<Page<Action>> {
  await authorizeIncident(deps, ctx, incidentId);
  return deps.store.actions.list(incidentId, limit, cursor);
}
