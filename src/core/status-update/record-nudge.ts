import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { DueNudge } from './find-due-nudge.js';

/**
 * Records that a due time's nudge was posted (after posting: a run retried after a crash posts under
 * the same Slack idempotency key and finds its message), so no later run posts it again. A late
 * `overdue` nudge also settles the `due` one it stood in for.
 */
export async function recordNudge(deps: CoreDeps, ctx: Ctx, nudge: Pick<DueNudge, 'incident' | 'level' | 'dueAt'>): Promise<void> {
  await authorizeIncident(deps, ctx, nudge.incident.id);
  const now = ctx.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.statusUpdates.recordNudge(nudge.incident.id, nudge.dueAt, nudge.level, now);
    if (nudge.level === 'overdue') await tx.statusUpdates.recordNudge(nudge.incident.id, nudge.dueAt, 'due', now);
  });
}
