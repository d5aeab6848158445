import type { CoreDeps, Tx } from '../store-ports.js';
import { authorizeChannelIncident, authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { Incident } from './model.js';

/** Reads an incident inside a transaction; not a verb (callers have authorised already). */
export async function getIncidentIn(tx: Tx, id: number): Promise<Incident> {
  const incident = await tx.incidents.get(id);
  if (!incident) throw notFound(`Incident ${id}`);
  return incident;
}

export async function getIncident(deps: CoreDeps, ctx: Ctx, id: number): Promise<Incident> {
  return (await authorizeIncident(deps, ctx, id)).incident;
}

/** The incident whose comms channel this is; null when there is none or ctx.actor may not see it. */
export async function findIncidentByChannel(deps: CoreDeps, ctx: Ctx, channelId: string): Promise<Incident | null> {
  return authorizeChannelIncident(deps, ctx, channelId);
}
