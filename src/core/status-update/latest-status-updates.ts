import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeActor } from '../shared/authorize.js';
import type { Incident } from '../incident/model.js';
import type { StatusUpdate } from './ports.js';

/**
 * The latest update of each of these incidents (absent: none yet), for presenting incidents a verb
 * has already returned to the caller (so already authorised): one query for a whole list page.
 */
export async function latestStatusUpdates(deps: CoreDeps, ctx: Ctx, incidents: readonly Pick<Incident, 'id'>[]): Promise<Map<number, StatusUpdate>> {
  await authorizeActor(deps, ctx);
  return deps.store.statusUpdates.latestFor(incidents.map((i) => i.id));
}
