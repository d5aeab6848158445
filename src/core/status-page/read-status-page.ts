import type { Store } from '../store-ports.js';
import type { UpdateStatus } from '../status-update/ports.js';
import { worstStatus, type ComponentImpacts, type ComponentStatus, type PublicIncidentRecord } from './ports.js';
import { isOpenPublicIncident, worstImpacts } from './current-impacts.js';

/** How far back the page lists incidents. */
export const HISTORY_DAYS = 90;

export interface StatusPageComponentView {
  key: string;
  name: string;
  description: string | null;
  group: string | null;
  status: ComponentStatus;
}

export interface PublicIncidentView {
  id: number;
  title: string;
  status: UpdateStatus;
  /** The worst impact of its latest published update (operational once resolved). */
  impact: ComponentStatus;
  components: ComponentImpacts;
  startedAt: Date;
  resolvedAt: Date | null;
  updatedAt: Date;
  updates: { id: number; status: UpdateStatus; body: string; components: ComponentImpacts; postedAt: Date }[];
}

/** What the public page, its JSON and its feed show: nothing but public wording and configured components. */
export interface StatusPageView {
  title: string;
  /** When it was read (a stale page says so). */
  generatedAt: Date;
  /** The last public change shown (null: nothing published in 90 days): the same page reads the same, so caches can validate it. */
  updatedAt: Date | null;
  /** The worst status of any component. */
  overall: ComponentStatus;
  components: StatusPageComponentView[];
  /** Open published incidents, newest first. */
  current: PublicIncidentView[];
  /** Resolved ones of the last 90 days, grouped by the (UTC) day they started, newest day first; days without incidents are left out. */
  history: { day: string; incidents: PublicIncidentView[] }[];
}

export interface StatusPageSettings {
  title: string;
  components: readonly { key: string; name: string; description: string | null; group: string | null }[];
}

function present(r: PublicIncidentRecord): PublicIncidentView {
  // Closing our incident closes the public one, even when nobody published a "resolved" update.
  const resolved = !isOpenPublicIncident(r);
  const last = r.updates[0];
  return {
    id: r.id,
    title: r.title,
    status: resolved ? 'resolved' : r.status,
    impact: resolved ? 'operational' : worstStatus(Object.values(r.components)),
    components: r.components,
    startedAt: r.startedAt,
    resolvedAt: resolved ? (r.incidentEndTime ?? last?.postedAt ?? r.updatedAt) : null,
    updatedAt: last && last.postedAt > r.updatedAt ? last.postedAt : r.updatedAt,
    updates: r.updates,
  };
}

/**
 * The public status page as of `now`: each component's status is the worst impact the open published
 * incidents' latest updates give it (operational when none does). This read takes no actor: all it
 * returns is what was published on purpose, and it never includes a private incident (the store
 * filters them). It is the only read behind `/status`, `/status.json` and the Atom feed, and not a
 * verb: the public page has no actor to authorise.
 */
export async function readStatusPage(source: { store: Pick<Store, 'publicIncidents'> }, settings: StatusPageSettings, now: Date): Promise<StatusPageView> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const records = await source.store.publicIncidents.listForPage(since);
  const impacts = worstImpacts(records);
  const incidents = records.map(present);
  const current = incidents.filter((i) => i.status !== 'resolved');
  const components = settings.components.map((c) => ({
    key: c.key,
    name: c.name,
    description: c.description,
    group: c.group,
    status: impacts.get(c.key) ?? 'operational',
  }));
  const days = new Map<string, PublicIncidentView[]>();
  for (const i of incidents) {
    if (i.status !== 'resolved' || i.startedAt < since) continue;
    const day = i.startedAt.toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), i]);
  }
  return {
    title: settings.title,
    generatedAt: now,
    updatedAt: incidents.reduce<Date | null>((latest, i) => (!latest || i.updatedAt > latest ? i.updatedAt : latest), null),
    overall: worstStatus(components.map((c) => c.status)),
    components,
    current,
    history: [...days].map(([day, list]) => ({ day, incidents: list })),
  };
}
