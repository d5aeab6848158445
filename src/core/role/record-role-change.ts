import type { Incident, UserRef } from '../incident/model.js';
import type { Tx } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { recordChange } from '../shared/record-change.js';
import { eventUser, incidentSnapshot } from '../events/snapshots.js';
import type { EventRole, EventUser } from '../events/domain-events.js';

/**
 * `role.assigned` or `role.unassigned` for a role whose holder went from `previous` to `next`
 * (nothing when they are the same person), in the caller's transaction. Every way a role changes
 * comes through here, the lead's too, so consumers see each change the same way.
 */
export async function recordRoleChange(tx: Tx, ctx: Ctx, after: Incident, role: EventRole, previous: UserRef | null, next: UserRef | null): Promise<void> {
  if ((previous?.slackId ?? null) === (next?.slackId ?? null)) return;
  const incident = incidentSnapshot(after);
  if (next) {
    await recordChange(tx, ctx, {
      type: 'role.assigned',
      incident: after,
      data: { incident, role, user: eventUser(next) as EventUser, previous: eventUser(previous) },
    });
  } else if (previous) {
    await recordChange(tx, ctx, { type: 'role.unassigned', incident: after, data: { incident, role, previous: eventUser(previous) as EventUser } });
  }
}
