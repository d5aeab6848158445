import { incidentProcessOf } from '../shared/incident-process.js';
import type { CoreDeps } from '../store-ports.js';
import { authorizeIncident, authorizePermission } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { getIncidentIn } from './get.js';
import type { Incident } from './model.js';
import { applyIncidentUpdate } from './update.js';

export interface CloseResult {
  incident: Incident;
  /** False when the incident was already resolved (Slack says so instead of closing twice). */
  closed: boolean;
}

/** Resolves an incident; a second close is a no-op that reports when it was closed. */
export async function closeIncident(deps: CoreDeps, ctx: Ctx, id: number): Promise<CloseResult> {
  const { incident: seen, viewer } = await authorizeIncident(deps, ctx, id);
  await authorizePermission(deps, ctx, viewer, 'close', seen, 'status');
  return deps.store.transaction(async (tx) => {
    const before = await getIncidentIn(tx, id);
    if (before.status === 'resolved') return { incident: before, closed: false };
    const { incident } = await applyIncidentUpdate({ store: tx, permissions: deps.permissions, process: incidentProcessOf(deps) }, ctx, viewer, id, { status: 'resolved' });
    return { incident, closed: true };
  });
}

/** Reopens a resolved incident (status investigating, end time cleared). */
export async function reopenIncident(deps: CoreDeps, ctx: Ctx, id: number): Promise<CloseResult> {
  const { incident: seen, viewer } = await authorizeIncident(deps, ctx, id);
  await authorizePermission(deps, ctx, viewer, 'reopen', seen, 'status');
  return deps.store.transaction(async (tx) => {
    const before = await getIncidentIn(tx, id);
    if (before.status !== 'resolved') return { incident: before, closed: false };
    const { incident } = await applyIncidentUpdate({ store: tx, permissions: deps.permissions, process: incidentProcessOf(deps) }, ctx, viewer, id, { status: before.reportOnly ? 'reported' : 'investigating' });
    return { incident, closed: true };
  });
}
