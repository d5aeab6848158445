import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import type { TimelineEntry } from './ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { timelineEntryChanges, timelineEntrySnapshot } from '../events/snapshots.js';
import { jsonObjectSchema, storableDateSchema, storableText } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';

const patchSchema = z
  .object({
    timestamp: storableDateSchema(),
    text: storableText().refine((s) => s.trim().length > 0, 'must not be blank').refine((s) => s.length <= 20000, 'must be at most 20000 characters'),
    metadata: jsonObjectSchema().nullable(),
  })
  .partial()
  .strict();

export async function updateTimelineEntry(deps: CoreDeps, ctx: Ctx, incidentId: number, entryId: number, input: z.input<typeof patchSchema>): Promise<TimelineEntry> {
  await authorizeIncident(deps, ctx, incidentId);
  const data = validate(patchSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const entry = incident ? await tx.timeline.get(incidentId, entryId) : null;
    if (!incident || !entry) throw notFound(`Timeline entry ${entryId} of incident ${incidentId}`);
    await tx.timeline.update(entryId, data, now);
    const after = (await tx.timeline.get(incidentId, entryId)) as TimelineEntry;
    await recordChange(tx, ctx, { type: 'timeline.entry_updated', incident, data: { entry: timelineEntrySnapshot(after), changes: timelineEntryChanges(entry, after) } });
    return after;
  });
}
