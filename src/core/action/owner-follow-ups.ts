import type { Action } from './ports.js';
import type { UserRef } from '../incident/model.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident, authorizeSystem } from '../shared/authorize.js';

/** One owner's open follow-ups of an incident. */
export interface OwnerFollowUps {
  owner: UserRef;
  actions: Action[];
}

/**
 * The incident's open follow-ups whose owners have not yet been sent the after-close DM about them,
 * grouped by owner (in the order their first follow-up was logged). Done ones, unowned ones and
 * those already told about (an earlier close) are left out.
 */
export async function listFollowUpsToNotify(deps: CoreDeps, ctx: Ctx, incidentId: number): Promise<OwnerFollowUps[]> {
  authorizeSystem(ctx, 'list the follow-ups owners are to be told about');
  await authorizeIncident(deps, ctx, incidentId);
  const byOwner = new Map<string, OwnerFollowUps>();
  for (const action of await deps.store.actions.listOwnedOpenNotNotified(incidentId)) {
    const owner = action.assignee as UserRef;
    const group = byOwner.get(owner.slackId) ?? { owner, actions: [] };
    group.actions.push(action);
    byOwner.set(owner.slackId, group);
  }
  return [...byOwner.values()];
}

/** Records that the owners were told about these follow-ups: a reopen and close, or a redelivery, doesn't tell them again. */
export async function recordFollowUpOwnersNotified(deps: CoreDeps, ctx: Ctx, actionIds: number[]): Promise<void> {
  authorizeSystem(ctx, 'record follow-up DMs');
  await deps.store.actions.markOwnerNotified(actionIds, ctx.clock.now());
}
