import type { CatchUp } from '../../core/catch-up/build-catch-up.js';
import { presentStatusUpdate } from './present-status-update.js';
import { presentAction, presentTimelineEntry, presentUserRef } from './present.js';

/** A catch-up as the API answers it; key events already listed as changes are not repeated, as in Slack. */
export function presentCatchUp(c: CatchUp) {
  const listed = new Set(c.changes.map((e) => e.id));
  return {
    incident_id: c.incident.id,
    at: c.at.toISOString(),
    since: c.since.toISOString(),
    since_reason: c.sinceReason,
    roles: c.roles.map((role) => ({ role: role.role, name: role.name, user: presentUserRef(role.user) })),
    latest_update: c.latestUpdate ? presentStatusUpdate(c.latestUpdate) : null,
    changes: c.changes.map(presentTimelineEntry),
    has_more_changes: c.hasMoreChanges,
    open_actions: c.openActions.map(presentAction),
    open_actions_total: c.openActionsTotal,
    earlier_key_events: c.keyEvents.filter((e) => !listed.has(e.id)).map(presentTimelineEntry),
  };
}
