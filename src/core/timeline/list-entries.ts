import type { Page } from '../shared/page.js';
import type { CoreDeps } from '../store-ports.js';
import type { TimelineEntry } from './ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

export async function listTimeline(deps: CoreDeps, ctx: Ctx, incidentId: number, limit: number, cursor: string | null): Promise<Page<TimelineEntry>> {
  await authorizeIncident(deps, ctx, incidentId);
  return deps.store.timeline.list(incidentId, limit, cursor);
}
