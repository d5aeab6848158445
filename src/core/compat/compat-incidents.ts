import { authorizeActor, authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../store-ports.js';
import { mentionedIn, peopleNamed } from './mentions.js';
import type { CompatIncident, CompatUser, OffsetPage } from './ports.js';
import { incidentVisibility } from './visibility.js';

export interface OffsetInput {
  limit: number;
  offset: number;
}

/** Incidents newest first, paged by offset, as the original's `/core/incidents/` (and `bymonth`, given `reported`). */
export async function listCompatIncidents(
  deps: CoreDeps,
  ctx: Ctx,
  input: OffsetInput & { reported?: { from: Date; before: Date } },
): Promise<OffsetPage<CompatIncident> & { people: CompatUser[] }> {
  const viewer = await authorizeActor(deps, ctx);
  const page = await deps.store.compat.incidents({ visibility: incidentVisibility(viewer), reportedFrom: input.reported?.from, reportedBefore: input.reported?.before }, input.limit, input.offset);
  return { ...page, people: await peopleNamed(deps.store.compat, mentionedIn(page.results.flatMap((i) => i.actionItems.map((a) => a.details)))) };
}

/** One incident with its action items; a private one its reader may not see is NOT_FOUND, like a missing one. */
export async function getCompatIncident(deps: CoreDeps, ctx: Ctx, id: number): Promise<{ incident: CompatIncident; people: CompatUser[] }> {
  await authorizeIncident(deps, ctx, id);
  const incident = await deps.store.compat.incident(id);
  if (!incident) throw notFound(`Incident ${id}`);
  return { incident, people: await peopleNamed(deps.store.compat, mentionedIn(incident.actionItems.map((a) => a.details))) };
}
