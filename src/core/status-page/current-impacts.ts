import type { Store } from '../store-ports.js';
import { worstStatus, type ComponentStatus, type PublicIncidentRecord } from './ports.js';

/** Whether a published incident still counts: our incident open and its public status not resolved. */
export const isOpenPublicIncident = (r: Pick<PublicIncidentRecord, 'incidentResolved' | 'status'>) => !r.incidentResolved && r.status !== 'resolved';

/** Each component's status from open published incidents' latest impacts: the worst wins; absent means operational. */
export function worstImpacts(records: readonly Pick<PublicIncidentRecord, 'incidentResolved' | 'status' | 'components'>[]): Map<string, ComponentStatus> {
  const out = new Map<string, ComponentStatus>();
  for (const r of records.filter(isOpenPublicIncident)) {
    for (const [key, status] of Object.entries(r.components)) out.set(key, worstStatus([out.get(key) ?? 'operational', status]));
  }
  return out;
}

/**
 * The components' statuses now, for mirroring them elsewhere (Statuspage): the same rule as the
 * built-in page, so both say the same. Open incidents are always read, however old.
 */
export async function currentComponentStatuses(source: { store: Pick<Store, 'publicIncidents'> }, now: Date): Promise<Map<string, ComponentStatus>> {
  return worstImpacts(await source.store.publicIncidents.listForPage(now));
}
