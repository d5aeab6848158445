import type { LIVE_STATUSES } from '../incident/model.js';

/** A public incident's status (the update statuses; not imported from status-update, whose ports import these). */
type UpdateStatus = (typeof LIVE_STATUSES)[number];

/** How a component is doing, in Atlassian Statuspage's words (so both pages say the same). */
export const COMPONENT_STATUSES = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
/** What a published update may say about a component (operational included: "this one is fine again"). */
export type ComponentImpacts = Record<string, ComponentStatus>;

/** How bad each status is: when several open incidents touch a component, the worst wins. */
export const COMPONENT_STATUS_RANK: Record<ComponentStatus, number> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

export const COMPONENT_STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/** The worst of some statuses (operational when there are none). */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses) if (COMPONENT_STATUS_RANK[s] > COMPONENT_STATUS_RANK[worst]) worst = s;
  return worst;
}

/** What may be published, from config: the component keys (and names) the status page knows. */
export interface PublishingSettings {
  components: readonly { key: string; name: string }[];
}

/** A status update's public part: what the status page (and Statuspage) show instead of the internal text. */
export interface Publication {
  /** The public incident's title as of this update. */
  title: string;
  body: string;
  components: ComponentImpacts;
}

/** A published incident as the public page reads it (never a private one). */
export interface PublicIncidentRecord {
  id: number;
  incidentId: number;
  title: string;
  /** The public status of its latest published update. */
  status: UpdateStatus;
  /** Our incident is resolved (a close without a published update resolves the public one too). */
  incidentResolved: boolean;
  incidentEndTime: Date | null;
  components: ComponentImpacts;
  startedAt: Date;
  updatedAt: Date;
  /** Its published updates, newest first. */
  updates: { id: number; status: UpdateStatus; body: string; components: ComponentImpacts; postedAt: Date }[];
}

export interface PublicIncidentRepo {
  /** The public incident of this incident, if it was ever published. */
  get(incidentId: number): Promise<{ id: number; title: string; components: ComponentImpacts } | null>;
  /** Records a publish: creates the public incident (first publish) or moves it to this title, status and impacts. */
  upsert(incidentId: number, row: { title: string; status: UpdateStatus; components: ComponentImpacts; at: Date }): Promise<void>;
  /** Public incidents of non-private incidents that are open or started since `since`, newest first, with their published updates. */
  listForPage(since: Date): Promise<PublicIncidentRecord[]>;
}
