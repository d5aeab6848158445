import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { ComponentImpacts } from './ports.js';

/** The incident's public title and component impacts as last published (null: never published), to start the next publish from. */
export async function getPublicIncident(deps: CoreDeps, ctx: Ctx, incidentId: number): Promise<{ title: string; components: ComponentImpacts } | null> {
  await authorizeIncident(deps, ctx, incidentId);
  const row = await deps.store.publicIncidents.get(incidentId);
  return row ? { title: row.title, components: row.components } : null;
}
