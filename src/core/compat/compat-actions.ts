import { authorizeActor, authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../store-ports.js';
import type { OffsetInput } from './compat-incidents.js';
import { mentionedIn, peopleNamed } from './mentions.js';
import type { CompatAction, CompatUser, OffsetPage } from './ports.js';
import { incidentVisibility } from './visibility.js';

/**
 * Actions by id, of every incident the reader sees or of one (`incidentId`). Unlike the original,
 * an incident that does not exist (or is hidden) is NOT_FOUND rather than an empty list.
 */
export async function listCompatActions(deps: CoreDeps, ctx: Ctx, input: OffsetInput & { incidentId?: number }): Promise<OffsetPage<CompatAction> & { people: CompatUser[] }> {
  const viewer = input.incidentId === undefined ? await authorizeActor(deps, ctx) : (await authorizeIncident(deps, ctx, input.incidentId)).viewer;
  const page = await deps.store.compat.actions({ incidentId: input.incidentId, visibility: incidentVisibility(viewer) }, input.limit, input.offset);
  return { ...page, people: await peopleNamed(deps.store.compat, mentionedIn(page.results.map((a) => a.details))) };
}

export async function getCompatAction(deps: CoreDeps, ctx: Ctx, id: number, incidentId?: number): Promise<{ action: CompatAction; people: CompatUser[] }> {
  const viewer = incidentId === undefined ? await authorizeActor(deps, ctx) : (await authorizeIncident(deps, ctx, incidentId)).viewer;
  const action = await deps.store.compat.action(id, { incidentId, visibility: incidentVisibility(viewer) });
  if (!action) throw notFound(`Action ${id}`);
  return { action, people: await peopleNamed(deps.store.compat, mentionedIn([action.details])) };
}
