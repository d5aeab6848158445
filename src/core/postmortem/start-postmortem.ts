import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import { actorSlackId, type Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { resolveUser } from '../user/resolve-user.js';
import { incidentSnapshot } from '../events/snapshots.js';
import type { Postmortem } from './ports.js';
import { renderPostmortemTemplate } from './render-postmortem.js';
import { postmortemSnapshot } from './snapshot.js';

export interface StartPostmortemResult {
  postmortem: Postmortem;
  /** False when it had been started already (by someone else, or a double click): nothing changed. */
  started: boolean;
}

/**
 * Starts an incident's postmortem: the template, filled in from the incident as it is now, stored as
 * a draft for people to edit. Starting one already started returns it unchanged.
 */
export async function startPostmortem(deps: CoreDeps, ctx: Ctx, incidentId: number, input: { docUrl: string }): Promise<StartPostmortemResult> {
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  const existing = await deps.store.postmortems.get(incidentId);
  if (existing) return { postmortem: existing, started: false };
  const now = ctx.clock.now();
  const markdown = await renderPostmortemTemplate(deps, incident, input.docUrl, now);
  return deps.store.transaction(async (tx) => {
    const locked = await tx.incidents.getForUpdate(incidentId);
    if (!locked) throw notFound(`Incident ${incidentId}`);
    const by = await resolveUser(tx, actorSlackId(ctx.actor), now);
    if (!(await tx.postmortems.insert(incidentId, { markdown, state: 'draft', updatedById: by?.id ?? null, actor: ctx.actor, at: now }))) {
      return { postmortem: (await tx.postmortems.get(incidentId)) as Postmortem, started: false };
    }
    const postmortem = (await tx.postmortems.get(incidentId)) as Postmortem;
    await recordChange(tx, ctx, { type: 'postmortem.started', incident: locked, data: { incident: incidentSnapshot(locked), postmortem: postmortemSnapshot(postmortem) } });
    return { postmortem, started: true };
  });
}
