import type { StatuspageConfig } from '../../../../config/integrations/statuspage.js';
import { currentComponentStatuses } from '../../../../core/status-page/current-impacts.js';
import type { ComponentStatus } from '../../../../core/status-page/ports.js';
import { latestStatusUpdates } from '../../../../core/status-update/latest-status-updates.js';
import type { Clock } from '../../../../core/shared/context.js';
import type { CoreDeps } from '../../../../core/store-ports.js';
import type { IncidentEventContext } from '../../../sdk/types.js';
import { VendorError } from '../vendor-http.js';
import type { StatuspageClient, StatuspageIncidentInput } from './client.js';

export interface StatuspageSync {
  client: StatuspageClient;
  config: StatuspageConfig;
  core: CoreDeps;
  clock: Clock;
}

/**
 * What the plugin remembers per incident (ctx.data `incident:<id>`): the Statuspage incident, the
 * components it has touched (our keys), the last of our updates it sent, and whether it resolved it.
 * `pendingSince` marks a create under way: after a crash between the vendor's answer and this
 * record, the retry finds that incident instead of creating a second.
 */
interface Link {
  id: string | null;
  pendingSince: string | null;
  touched: string[];
  synced: number;
  resolved: boolean;
}

const keyOf = (incidentId: number) => `incident:${incidentId}`;

/** The statuses to send for the touched components (ours → Statuspage's ids), as the status page has them now: worst open impact, else operational. */
async function componentsFor(sync: StatuspageSync, touched: readonly string[]): Promise<Record<string, ComponentStatus>> {
  const now = await currentComponentStatuses(sync.core, sync.clock.now());
  const out: Record<string, ComponentStatus> = {};
  for (const key of touched) {
    const id = sync.config.components[key];
    if (id) out[id] = now.get(key) ?? 'operational';
  }
  return out;
}

/** Creates the Statuspage incident, or finds the one a crashed earlier attempt created. */
async function create(sync: StatuspageSync, ctx: IncidentEventContext, link: Link | null, input: StatuspageIncidentInput & { name: string }): Promise<string> {
  const key = keyOf(ctx.incident.id);
  if (link?.pendingSince) {
    const since = Date.parse(link.pendingSince) - 60_000;
    const earlier = (await sync.client.list()).find((i) => i.name === input.name && Date.parse(i.created_at) >= since);
    if (earlier) return (await sync.client.update(earlier.id, input)).id;
  } else {
    await ctx.data.set(key, { id: null, pendingSince: sync.clock.now().toISOString(), touched: [], synced: 0, resolved: false } satisfies Link);
  }
  return (await sync.client.create(input)).id;
}

/** A published update: create the Statuspage incident (the first) or update it; a redelivered event sends nothing. */
export async function syncPublishedUpdate(sync: StatuspageSync, ctx: IncidentEventContext<'status_update.posted'>): Promise<void> {
  const { update } = ctx.event.data;
  if (!update.public) return;
  const key = keyOf(ctx.incident.id);
  const link = await ctx.data.get<Link>(key);
  if (link?.id && link.synced >= update.id) return;
  const touched = [...new Set([...(link?.touched ?? []), ...Object.keys(update.public.components)])].filter((k) => sync.config.components[k]);
  const input = { name: update.public.title, status: update.status, body: update.public.body, components: await componentsFor(sync, touched) };
  let id: string;
  if (!link?.id) id = await create(sync, ctx, link, input);
  else {
    try {
      id = (await sync.client.update(link.id, input)).id;
    } catch (err) {
      // Deleted on Statuspage by someone: start a new one rather than failing every later update.
      if (!(err instanceof VendorError && err.status === 404)) throw err;
      await ctx.data.set(key, { ...link, id: null, pendingSince: null });
      id = await create(sync, ctx, null, input);
    }
  }
  await ctx.data.set(key, { id, pendingSince: null, touched, synced: update.id, resolved: update.status === 'resolved' } satisfies Link);
  ctx.log.info('synced a published status update to Statuspage', { statuspageIncident: id, update: update.id });
}

/**
 * Our incident was closed: resolve the Statuspage incident too (its components back to what the
 * status page now says), unless a published "resolved" update, about to arrive, will say it in words.
 */
export async function syncIncidentResolved(sync: StatuspageSync, ctx: IncidentEventContext<'incident.resolved'>): Promise<void> {
  const key = keyOf(ctx.incident.id);
  const link = await ctx.data.get<Link>(key);
  if (!link?.id || link.resolved) return;
  const latest = (await latestStatusUpdates(sync.core, { actor: { kind: 'system', job: 'statuspage-sync' }, clock: sync.clock }, [{ id: ctx.incident.id }])).get(ctx.incident.id);
  if (latest?.publication && latest.status === 'resolved' && latest.id > link.synced) return;
  await sync.client.update(link.id, { status: 'resolved', body: 'This incident has been resolved.', components: await componentsFor(sync, link.touched) });
  await ctx.data.set(key, { ...link, resolved: true } satisfies Link);
}
