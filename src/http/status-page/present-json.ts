import type { PublicIncidentView, StatusPageView } from '../../core/status-page/read-status-page.js';
import { COMPONENT_STATUS_LABEL } from '../../core/status-page/ports.js';

const incident = (i: PublicIncidentView) => ({
  id: i.id,
  title: i.title,
  status: i.status,
  impact: i.impact,
  components: i.components,
  started_at: i.startedAt.toISOString(),
  resolved_at: i.resolvedAt?.toISOString() ?? null,
  updated_at: i.updatedAt.toISOString(),
  updates: i.updates.map((u) => ({ id: u.id, status: u.status, body: u.body, components: u.components, posted_at: u.postedAt.toISOString() })),
});

/** `/status.json`: the page's whole content for machines (nothing beyond what the HTML shows). */
export function presentStatusJson(view: StatusPageView, pageUrl: string, stale: boolean) {
  return {
    page: { title: view.title, url: pageUrl, updated_at: view.updatedAt?.toISOString() ?? null, stale, ...(stale ? { as_of: view.generatedAt.toISOString() } : {}) },
    status: { indicator: view.overall, description: view.overall === 'operational' ? 'All systems operational' : COMPONENT_STATUS_LABEL[view.overall] },
    components: view.components.map((c) => ({ key: c.key, name: c.name, description: c.description, group: c.group, status: c.status })),
    incidents: view.current.map(incident),
    history: view.history.map((d) => ({ day: d.day, incidents: d.incidents.map(incident) })),
  };
}
