import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import { actorSlackId, type Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { incidentSnapshot } from '../events/snapshots.js';
import type { Postmortem } from './ports.js';
import { checkPostmortemVersion } from './check-version.js';
import { savePostmortemSchema, type SavePostmortemInput } from './schemas.js';
import { postmortemSnapshot } from './snapshot.js';

/**
 * Saves an edit of the incident's postmortem (the web doc, the API). Saving one not started starts it
 * with the given text. With `version` (the one the edit began from), a save made after someone
 * else's is refused (CONFLICT) instead of overwriting it. Each save is in the change log
 * (`postmortem.saved`, or `postmortem.reviewed` when it marks it reviewed).
 */
export async function savePostmortem(deps: CoreDeps, ctx: Ctx, incidentId: number, input: SavePostmortemInput): Promise<Postmortem> {
  await authorizeIncident(deps, ctx, incidentId);
  const data = validate(savePostmortemSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    // The incident's row lock orders saves of its postmortem: the version read below is the latest.
    const incident = await tx.incidents.getForUpdate(incidentId);
    if (!incident) throw notFound(`Incident ${incidentId}`);
    const stored = await tx.postmortems.get(incidentId);
    checkPostmortemVersion(stored, data.version);
    const state = data.state ?? stored?.state ?? 'draft';
    if (stored && stored.markdown === data.markdown && stored.state === state) return stored;
    const by = await resolveUser(tx, actorSlackId(ctx.actor), now);
    const write = { markdown: data.markdown, state, updatedById: by?.id ?? null, actor: ctx.actor, at: now };
    if (stored) await tx.postmortems.update(incidentId, stored.version + 1, write);
    else await tx.postmortems.insert(incidentId, write);
    const saved = (await tx.postmortems.get(incidentId)) as Postmortem;
    const snap = { incident: incidentSnapshot(incident), postmortem: postmortemSnapshot(saved) };
    if (!stored) await recordChange(tx, ctx, { type: 'postmortem.started', incident, data: snap });
    else if (stored.markdown !== data.markdown || state === 'draft') await recordChange(tx, ctx, { type: 'postmortem.saved', incident, data: { ...snap, previous_state: stored.state } });
    if (state === 'reviewed' && stored?.state !== 'reviewed') await recordChange(tx, ctx, { type: 'postmortem.reviewed', incident, data: snap });
    return saved;
  });
}
