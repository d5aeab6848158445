import type { CoreDeps, Tx } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { Incident } from './model.js';

export async function getIncidentIn(tx: Tx, id: number): Promise<Incident> {
  const incident = await tx.incidents.get(id);
  if (!incident) throw notFound(`Incident ${id}`);
  return incident;
}

export async function getIncident(deps: CoreDeps, _ctx: Ctx, id: number): Promise<Incident> {
  return getIncidentIn(deps.store, id);
}

export async function findIncidentByChannel(deps: CoreDeps, channelId: string): Promise<Incident | null> {
  return deps.store.incidents.findByChannel(channelId);
}
