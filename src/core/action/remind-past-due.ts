import type { Action } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeSystem } from '../shared/authorize.js';
import { incidentProcessOf } from '../shared/incident-process.js';
import { recordChange } from '../shared/record-change.js';
import { actionSnapshot } from '../events/snapshots.js';

/**
 * Finds one open, owned follow-up due before `today` (YYYY-MM-DD, the team's calendar day) whose
 * owner was not yet reminded, marks it reminded and records `action.past_due` in the same
 * transaction: the reminder DM is sent from the event (after commit, retried until sent), and
 * replicas sweeping at once never claim the same follow-up. Returns it, or null when none is due
 * (or reminders are off).
 */
export async function remindPastDueFollowUp(deps: CoreDeps, ctx: Ctx, today: string): Promise<Action | null> {
  authorizeSystem(ctx, 'remind owners of past-due follow-ups');
  if (!incidentProcessOf(deps).followUps.remindWhenPastDue) return null;
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const action = await tx.actions.claimPastDue(today, now);
    if (!action) return null;
    const incident = await tx.incidents.get(action.incidentId);
    if (!incident) return null;
    await recordChange(tx, ctx, { type: 'action.past_due', incident, data: { action: actionSnapshot(action) } });
    return action;
  });
}
