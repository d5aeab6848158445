import type { CoreDeps } from '../store-ports.js';
import { actorLabel, actorSlackId, type Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { DomainError, notFound } from '../shared/errors.js';
import { incidentProcessOf } from '../shared/incident-process.js';
import { earlierResult, settleOnce } from '../shared/once.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { incidentSnapshot, statusUpdateSnapshot } from '../events/snapshots.js';
import { applyIncidentUpdate } from '../incident/update.js';
import type { Incident } from '../incident/model.js';
import type { StatusUpdate } from './ports.js';
import { statusUpdateInputSchema, type StatusUpdateInput } from './schemas.js';
import { cadenceMinutesOf } from './cadence.js';
import { publicationOf } from '../status-page/publication.js';

export interface PostStatusUpdateResult {
  update: StatusUpdate;
  /** The incident after the update (its status follows the update's). */
  incident: Incident;
}

/**
 * Posts a status update (Slack's update modal, the web doc, the API, a plugin). It is the
 * incident's latest public status: when its status differs from the incident's, the incident's
 * status changes in the same transaction, with the permission a close or reopen needs. The next
 * update falls due after the given minutes, by default the severity's cadence. Slack posts it from
 * the `status_update.posted` event. Idempotent under `ctx.idempotencyKey` (a retried submission).
 * With `publish`, it is also published to the status page with its own public wording and
 * component impacts (the event carries that public part for Statuspage and other subscribers).
 */
export async function postStatusUpdate(deps: CoreDeps, ctx: Ctx, incidentId: number, input: StatusUpdateInput): Promise<PostStatusUpdateResult> {
  const { viewer } = await authorizeIncident(deps, ctx, incidentId);
  const data = validate(statusUpdateInputSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const before = await tx.incidents.getForUpdate(incidentId);
    if (!before) throw notFound(`Incident ${incidentId}`);
    const earlier = await earlierResult(tx, ctx, (id) => tx.statusUpdates.get(incidentId, id));
    if (earlier) return { update: earlier, incident: before };
    if (before.reportOnly) throw new DomainError('PRECONDITION_FAILED', `Incident ${incidentId} is a report of something that already happened; it takes no status updates`);
    const minutes = data.status === 'resolved' ? null : data.nextUpdateInMinutes !== undefined ? data.nextUpdateInMinutes : cadenceMinutesOf(incidentProcessOf(deps), before.severity);
    // Every row is written before the first recordChange (the status change's, else the update's) takes the
    // incident's event lock, so nothing here waits on another transaction while holding it.
    const publication = data.publish ? await publicationOf(deps, tx, before, data.publish) : null;
    const postedBy = await resolveUser(tx, actorSlackId(ctx.actor), now);
    const id = await tx.statusUpdates.insert(incidentId, {
      status: data.status,
      message: data.message,
      nextSteps: data.nextSteps,
      nextUpdateAt: minutes === null ? null : new Date(now.getTime() + minutes * 60_000),
      postedById: postedBy?.id ?? null,
      actor: ctx.actor,
      postedAt: now,
      publication,
    });
    if (publication) await tx.publicIncidents.upsert(incidentId, { title: publication.title, status: data.status, components: publication.components, at: now });
    await settleOnce(tx, ctx, id);
    const update = (await tx.statusUpdates.get(incidentId, id)) as StatusUpdate;
    await tx.timeline.insert(
      incidentId,
      { timestamp: now, text: `Status update by ${actorLabel(ctx.actor)} (${data.status}${publication ? ', published to the status page' : ''}): ${data.message}`, eventType: 'status_update', metadata: { status_update_id: id, status: data.status, published: publication !== null }, actor: ctx.actor },
      now,
    );
    // The update is the incident's public status: a different one moves the incident, recorded (and permitted) as any status change is.
    const after =
      data.status === before.status ? before : (await applyIncidentUpdate({ store: tx, permissions: deps.permissions, process: incidentProcessOf(deps) }, ctx, viewer, incidentId, { status: data.status })).incident;
    await recordChange(tx, ctx, { type: 'status_update.posted', incident: after, data: { incident: incidentSnapshot(after), update: statusUpdateSnapshot(update) } });
    return { update, incident: after };
  });
}
