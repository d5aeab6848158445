import type { Action, ActionFields, ActionReminderState } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { validate } from '../shared/validate.js';
import { resolveUser } from '../user/resolve-user.js';
import { actionChanges, actionSnapshot } from '../events/snapshots.js';
import { actionFieldsSchema, type ActionInput } from './schemas.js';

/** Edits an action; ticking it done stamps done_at, unticking clears it. */
export async function updateAction(deps: CoreDeps, ctx: Ctx, incidentId: number, actionId: number, input: ActionInput): Promise<Action> {
  await authorizeIncident(deps, ctx, incidentId);
  const data = validate(actionFieldsSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const before = incident ? await tx.actions.get(incidentId, actionId) : null;
    if (!incident || !before) throw notFound(`Action ${actionId} of incident ${incidentId}`);
    const changes: Partial<ActionFields> = {};
    if (data.details !== undefined) changes.details = data.details;
    if (data.dueDate !== undefined) changes.dueDate = data.dueDate;
    if (data.priority !== undefined) changes.priority = data.priority;
    if (data.type !== undefined) changes.type = data.type;
    if (data.assignee !== undefined) changes.assigneeId = (await resolveUser(tx, data.assignee, now))?.id ?? null;
    if (data.done !== undefined && data.done !== before.done) {
      changes.done = data.done;
      changes.doneAt = data.done ? now : null;
    }
    if (Object.keys(changes).length === 0) return before;
    await tx.actions.update(actionId, { ...changes, ...reminderReset(before, changes) }, now);
    const after = (await tx.actions.get(incidentId, actionId)) as Action;
    await recordChange(tx, ctx, { type: !before.done && after.done ? 'action.completed' : 'action.updated', incident, data: { action: actionSnapshot(after), changes: actionChanges(before, after) } });
    return after;
  });
}

/**
 * A new due date or owner is a new promise: its owner is reminded when it falls past due again, and
 * a new owner hears about it after the incident closes (each DM is otherwise sent once).
 */
function reminderReset(before: Action, changes: Partial<ActionFields>): Partial<ActionReminderState> {
  const newOwner = changes.assigneeId !== undefined && changes.assigneeId !== (before.assignee?.id ?? null);
  const newDue = changes.dueDate !== undefined && changes.dueDate !== before.dueDate;
  return { ...(newOwner || newDue ? { pastDueRemindedAt: null } : {}), ...(newOwner ? { ownerNotifiedAt: null } : {}) };
}
