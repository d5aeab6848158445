import type { CoreDeps, Participant } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { getIncident } from '../incident/get.js';

export async function listParticipants(deps: CoreDeps, ctx: Ctx, incidentId: number, limit = 20): Promise<Participant[]> {
  await getIncident(deps, ctx, incidentId);
  return deps.store.participants.top(incidentId, Math.min(Math.max(limit, 1), 100));
}
