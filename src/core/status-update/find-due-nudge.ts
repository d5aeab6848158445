import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { incidentProcessOf } from '../shared/incident-process.js';
import type { Incident } from '../incident/model.js';
import type { NudgeLevel, StatusUpdate } from './ports.js';
import { cadenceMinutesOf } from './cadence.js';
import { nudgeRecipient, type NudgeRecipient } from './nudge-recipient.js';

/** A nudge to post now: the due time it is about, how late it is, whom to ask. */
export interface DueNudge {
  incident: Incident;
  level: NudgeLevel;
  dueAt: Date;
  /** When the `due` nudge turns into the `overdue` one. */
  overdueAt: Date;
  /** The update that set this due time; null while none was posted (due one cadence after the channel was created). */
  latest: StatusUpdate | null;
  recipient: NudgeRecipient;
}

/**
 * The cadence's nudge that is due now and not yet posted, or null. The next update is due at the
 * latest update's `next_update_at` (none promised: no nudge; one that said resolved, on a reopened
 * incident: one cadence after it), or, before the first, one cadence
 * after the comms channel was created. Once due it is nudged; once `overdueAfterMinutes` more have
 * passed, nudged once more. Resolved incidents, and severities without a cadence, are never nudged.
 */
export async function findDueNudge(deps: CoreDeps, ctx: Ctx, incidentId: number): Promise<DueNudge | null> {
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  if (incident.status === 'resolved' || incident.reportOnly || !incident.commsChannel) return null;
  const process = incidentProcessOf(deps);
  const cadence = cadenceMinutesOf(process, incident.severity);
  if (cadence === null) return null;
  const latest = (await deps.store.statusUpdates.latestFor([incidentId])).get(incidentId) ?? null;
  // A live incident whose latest update said "resolved" was reopened: the public status is wrong,
  // so the next update was due one cadence after that update (at once, in practice).
  const dueAt = !latest
    ? new Date(incident.commsChannel.createdAt.getTime() + cadence * 60_000)
    : latest.status === 'resolved'
      ? new Date(latest.postedAt.getTime() + cadence * 60_000)
      : latest.nextUpdateAt;
  if (!dueAt) return null;
  const now = ctx.clock.now().getTime();
  const overdueAt = new Date(dueAt.getTime() + process.statusUpdates.overdueAfterMinutes * 60_000);
  if (now < dueAt.getTime()) return null;
  const level: NudgeLevel = now >= overdueAt.getTime() ? 'overdue' : 'due';
  if (await deps.store.statusUpdates.wasNudged(incidentId, dueAt, level)) return null;
  return { incident, level, dueAt, overdueAt, latest, recipient: nudgeRecipient(incident) };
}
