import type { CoreDeps, Page, TimelineEntry } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { getIncident } from '../incident/get.js';

export async function listTimeline(deps: CoreDeps, ctx: Ctx, incidentId: number, limit: number, cursor: string | null): Promise<Page<TimelineEntry>> {
  await getIncident(deps, ctx, incidentId);
  return deps.store.timeline.list(incidentId, limit, cursor);
}
