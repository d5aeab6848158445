import type { CoreDeps, Page, TimelineEntry } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

export async function listTimeline(deps: CoreDeps, ctx: Ctx, incidentId: number, limit: number, cursor: string | null): Promise<Page<TimelineEntry>> {
  await authorizeIncident(deps, ctx, incidentId);
  return deps.store.timeline.list(incidentId, limit, cursor);
}
