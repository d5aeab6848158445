import type { UserRef } from '../incident/model.js';
import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import type { PostmortemState } from './ports.js';
import { renderPostmortemTemplate } from './render-postmortem.js';

/** An incident's postmortem as the doc and the API show it. */
export interface PostmortemView {
  incidentId: number;
  state: PostmortemState;
  /** The stored Markdown, or (not started) the template filled in from the incident as it is now. */
  markdown: string;
  /** 0 while not started. Send it back with a save to be told when someone else saved in between. */
  version: number;
  updatedAt: Date | null;
  updatedBy: UserRef | null;
  updatedByActor: Record<string, unknown> | null;
}

/** The incident's postmortem; a private incident's only to its people (others get NOT_FOUND, as for the incident). */
export async function getPostmortem(deps: CoreDeps, ctx: Ctx, incidentId: number, docUrl: string): Promise<PostmortemView> {
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  const stored = await deps.store.postmortems.get(incidentId);
  if (stored) return { incidentId, state: stored.state, markdown: stored.markdown, version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy, updatedByActor: stored.updatedByActor };
  const markdown = await renderPostmortemTemplate(deps, incident, docUrl, ctx.clock.now());
  return { incidentId, state: 'not_started', markdown, version: 0, updatedAt: null, updatedBy: null, updatedByActor: null };
}

/** Only the state (no template rendering): for reactions that ask "has anyone started it?". */
export async function getPostmortemState(deps: CoreDeps, ctx: Ctx, incidentId: number): Promise<PostmortemState> {
  await authorizeIncident(deps, ctx, incidentId);
  return (await deps.store.postmortems.get(incidentId))?.state ?? 'not_started';
}
