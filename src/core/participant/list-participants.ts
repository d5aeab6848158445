import type { Participant } from './ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

export async function listParticipants(deps: CoreDeps, ctx: Ctx, incidentId: number, limit = 20): Promise<Participant[]> {
  await authorizeIncident(deps, ctx, incidentId);
  return deps.store.participants.top(incidentId, Math.min(Math.max(limit, 1), 100));
}
