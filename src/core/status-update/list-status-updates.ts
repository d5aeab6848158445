import type { Page } from '../shared/page.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { StatusUpdate } from './ports.js';

/** An incident's status updates, newest first. */
export async function listStatusUpdates(deps: CoreDeps, ctx: Ctx, incidentId: number, limit: number, cursor: string | null): Promise<Page<StatusUpdate>> {
  await authorizeIncident(deps, ctx, incidentId);
  return deps.store.statusUpdates.list(incidentId, limit, cursor);
}
