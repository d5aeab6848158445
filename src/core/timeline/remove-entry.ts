import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident, authorizePermission } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { timelineEntrySnapshot } from '../events/snapshots.js';

export async function removeTimelineEntry(deps: CoreDeps, ctx: Ctx, incidentId: number, entryId: number): Promise<void> {
  const { incident, viewer } = await authorizeIncident(deps, ctx, incidentId);
  await authorizePermission(deps, ctx, viewer, 'deleteTimelineEntries', incident);
  await deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const entry = incident ? await tx.timeline.get(incidentId, entryId) : null;
    if (!incident || !entry) throw notFound(`Timeline entry ${entryId} of incident ${incidentId}`);
    await tx.timeline.remove(entryId);
    await recordChange(tx, ctx, { type: 'timeline.entry_removed', incident, data: { entry: timelineEntrySnapshot(entry) } });
  });
}
