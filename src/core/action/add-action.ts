import type { Action } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import { actorLabel, actorSlackId, type Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { earlierResult, settleOnce } from '../shared/once.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { actionSnapshot } from '../events/snapshots.js';
import { actionFieldsSchema, type ActionInput } from './schemas.js';

/** Logs a follow-up action on an incident (Slack `@incident action …`, the API or the web doc). */
export async function addAction(deps: CoreDeps, ctx: Ctx, incidentId: number, input: ActionInput): Promise<Action> {
  await authorizeIncident(deps, ctx, incidentId);
  const data = validate(actionFieldsSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    if (!incident) throw notFound(`Incident ${incidentId}`);
    const earlier = await earlierResult(tx, ctx, (actionId) => tx.actions.get(incidentId, actionId));
    if (earlier) return earlier;
    const loggedBy = await resolveUser(tx, actorSlackId(ctx.actor), now);
    const assignee = await resolveUser(tx, data.assignee, now);
    const id = await tx.actions.insert(
      incidentId,
      {
        details: data.details ?? '',
        done: data.done ?? false,
        doneAt: data.done ? now : null,
        dueDate: data.dueDate ?? null,
        priority: data.priority ?? null,
        type: data.type ?? null,
        assigneeId: assignee?.id ?? null,
        loggedById: loggedBy?.id ?? null,
      },
      now,
    );
    const action = (await tx.actions.get(incidentId, id)) as Action;
    await settleOnce(tx, ctx, id);
    await tx.timeline.insert(incidentId, { timestamp: now, text: `Action logged by ${actorLabel(ctx.actor)}: ${action.details}`, eventType: 'action', metadata: { action_id: id }, actor: ctx.actor }, now);
    await recordChange(tx, ctx, { type: 'action.created', incident, data: { action: actionSnapshot(action) } });
    return action;
  });
}
