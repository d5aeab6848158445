import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { actionSnapshot } from '../events/snapshots.js';

export async function removeAction(deps: CoreDeps, ctx: Ctx, incidentId: number, actionId: number): Promise<void> {
  await authorizeIncident(deps, ctx, incidentId);
  await deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const action = incident ? await tx.actions.get(incidentId, actionId) : null;
    if (!incident || !action) throw notFound(`Action ${actionId} of incident ${incidentId}`);
    await tx.actions.remove(actionId);
    await recordChange(tx, ctx, { type: 'action.removed', incident, data: { action: actionSnapshot(action) } });
  });
}
