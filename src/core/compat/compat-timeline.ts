import { authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { CoreDeps } from '../store-ports.js';
import type { OffsetInput } from './compat-incidents.js';
import { mentionedIn, peopleNamed } from './mentions.js';
import type { CompatTimelineEntry, CompatUser, OffsetPage } from './ports.js';

/** A page and the people it names by Slack id (pin authors, leads, mentions), to show them as the original did. */
export interface TimelinePage extends OffsetPage<CompatTimelineEntry> {
  people: CompatUser[];
}

function slackIdsIn(entries: CompatTimelineEntry[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    for (const id of mentionedIn([e.text])) ids.add(id);
    for (const key of ['author', 'old_value', 'new_value']) {
      const value = e.metadata?.[key];
      if (value && typeof value === 'object' && 'slack_id' in value && typeof value.slack_id === 'string') ids.add(value.slack_id);
    }
  }
  return [...ids];
}

export async function listCompatTimeline(deps: CoreDeps, ctx: Ctx, incidentId: number, input: OffsetInput): Promise<TimelinePage> {
  await authorizeIncident(deps, ctx, incidentId);
  const page = await deps.store.compat.timeline(incidentId, input.limit, input.offset);
  return { ...page, people: await peopleNamed(deps.store.compat, slackIdsIn(page.results)) };
}

export async function getCompatTimelineEntry(deps: CoreDeps, ctx: Ctx, incidentId: number, id: number): Promise<{ entry: CompatTimelineEntry; people: CompatUser[] }> {
  await authorizeIncident(deps, ctx, incidentId);
  const entry = await deps.store.compat.timelineEntry(incidentId, id);
  if (!entry) throw notFound(`Timeline event ${id}`);
  return { entry, people: await peopleNamed(deps.store.compat, slackIdsIn([entry])) };
}
