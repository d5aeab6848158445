import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import { actorSlackId, type Ctx } from '../shared/context.js';
import { DomainError, notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { incidentSnapshot } from '../events/snapshots.js';
import type { Postmortem } from './ports.js';
import { checkPostmortemVersion } from './check-version.js';
import { reviewPostmortemSchema, type ReviewPostmortemInput } from './schemas.js';
import { postmortemSnapshot } from './snapshot.js';

/**
 * Marks the incident's postmortem reviewed: the team went through it and agrees. It must have been
 * started; marking a reviewed one again changes nothing. An edit afterwards keeps it reviewed unless
 * the save says `draft`.
 */
export async function reviewPostmortem(deps: CoreDeps, ctx: Ctx, incidentId: number, input: ReviewPostmortemInput = {}): Promise<Postmortem> {
  await authorizeIncident(deps, ctx, incidentId);
  const data = validate(reviewPostmortemSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.getForUpdate(incidentId);
    if (!incident) throw notFound(`Incident ${incidentId}`);
    const stored = await tx.postmortems.get(incidentId);
    if (!stored) throw new DomainError('PRECONDITION_FAILED', `Incident ${incidentId}'s postmortem has not been started: start it (and write it) before marking it reviewed`);
    checkPostmortemVersion(stored, data.version);
    if (stored.state === 'reviewed') return stored;
    const by = await resolveUser(tx, actorSlackId(ctx.actor), now);
    await tx.postmortems.update(incidentId, stored.version + 1, { markdown: stored.markdown, state: 'reviewed', updatedById: by?.id ?? null, actor: ctx.actor, at: now });
    const reviewed = (await tx.postmortems.get(incidentId)) as Postmortem;
    await recordChange(tx, ctx, { type: 'postmortem.reviewed', incident, data: { incident: incidentSnapshot(incident), postmortem: postmortemSnapshot(reviewed) } });
    return reviewed;
  });
}
