import { z } from 'zod';
import type { CoreDeps } from '../store-ports.js';
import type { TimelineEntry } from './ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { notFound } from '../shared/errors.js';
import { earlierResult, settleOnce } from '../shared/once.js';
import { recordChange } from '../shared/record-change.js';
import { timelineEntrySnapshot } from '../events/snapshots.js';
import { jsonObjectSchema, storableDateSchema, storableText } from '../shared/input-limits.js';
import { validate } from '../shared/validate.js';

export const entryInputSchema = z
  .object({
    timestamp: storableDateSchema().optional(),
    text: storableText().refine((s) => s.trim().length > 0, 'must not be blank').refine((s) => s.length <= 20000, 'must be at most 20000 characters'),
    eventType: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lower_snake_case word').default('text'),
    metadata: jsonObjectSchema().nullish(),
  })
  .strict();

/** Adds a hand-written entry to an incident's timeline. */
export async function addTimelineEntry(deps: CoreDeps, ctx: Ctx, incidentId: number, input: z.input<typeof entryInputSchema>): Promise<TimelineEntry> {
  await authorizeIncident(deps, ctx, incidentId);
  const data = validate(entryInputSchema, input);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    if (!incident) throw notFound(`Incident ${incidentId}`);
    const earlier = await earlierResult(tx, ctx, (entryId) => tx.timeline.get(incidentId, entryId));
    if (earlier) return earlier;
    const id = (await tx.timeline.insert(incidentId, { timestamp: data.timestamp ?? now, text: data.text, eventType: data.eventType, metadata: data.metadata ?? null, actor: ctx.actor }, now)) as number;
    await settleOnce(tx, ctx, id);
    const entry = (await tx.timeline.get(incidentId, id)) as TimelineEntry;
    await recordChange(tx, ctx, { type: 'timeline.entry_added', incident, data: { entry: timelineEntrySnapshot(entry) } });
    return entry;
  });
}
