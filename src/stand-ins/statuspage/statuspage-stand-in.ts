/**
 * A local stand-in for Atlassian Statuspage's REST API (the "Manage API"), written from its public
 * documentation: https://developer.statuspage.io/ (Incidents: "Create an incident"
 * POST /v1/pages/{page_id}/incidents, "Update an incident" PATCH /v1/pages/{page_id}/incidents/{incident_id};
 * Components: GET /v1/pages/{page_id}/components; Authentication: `Authorization: OAuth <api key>`),
 * and its rate limits (https://community.atlassian.com/t5/Statuspage-articles/Upcoming-rate-limiting-changes-to-Statuspage-REST-API/ba-p/1455362:
 * 60 requests a minute per key, answered with 420 — the long-standing code — or 429, both with Retry-After).
 *
 * Stateful: incidents it creates keep their updates and component statuses, and the components the
 * incidents name change status as Statuspage's do. Tests and the sandbox talk to it over HTTP.
 */
import { StandInServer, type StandInReply, type StandInRequest } from '../stand-in-server.js';

export const STATUSPAGE_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const STATUSPAGE_COMPONENT_STATUSES = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
type IncidentStatus = (typeof STATUSPAGE_INCIDENT_STATUSES)[number];
type ComponentStatus = (typeof STATUSPAGE_COMPONENT_STATUSES)[number];

export interface StatuspageComponent {
  id: string;
  page_id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
}

export interface StatuspageIncidentUpdate {
  id: string;
  incident_id: string;
  status: IncidentStatus;
  body: string;
  affected_components: { code: string; name: string; old_status: ComponentStatus; new_status: ComponentStatus }[];
  created_at: string;
  display_at: string;
}

export interface StatuspageIncident {
  id: string;
  page_id: string;
  name: string;
  status: IncidentStatus;
  impact: 'none' | 'minor' | 'major' | 'critical';
  shortlink: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  components: StatuspageComponent[];
  incident_updates: StatuspageIncidentUpdate[];
}

export interface StatuspageStandInOptions {
  apiKey: string;
  pageId: string;
  components?: { id: string; name: string; description?: string }[];
  /** Requests a minute per key before the rate limit answers (default 60, as Statuspage). */
  requestsPerMinute?: number;
  /** Which code the rate limit answers with (Statuspage still sends 420 to many keys; default 429). */
  rateLimitStatus?: 420 | 429;
}

const IMPACT: Record<ComponentStatus, StatuspageIncident['impact']> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
const RANK: Record<StatuspageIncident['impact'], number> = { none: 0, minor: 1, major: 2, critical: 3 };

const MISSING_INCIDENT: StandInReply = { status: 400, body: { message: 'incident is missing' } };
const unprocessable = (...errors: string[]): StandInReply => ({ status: 422, body: { error: errors } });

/** Atlassian Statuspage's Manage API, as far as Response uses it. */
export class StatuspageStandIn {
  readonly server = new StandInServer('Statuspage');
  readonly components = new Map<string, StatuspageComponent>();
  readonly incidents = new Map<string, StatuspageIncident>();
  private next = 1;
  private readonly window: number[] = [];

  constructor(private readonly options: StatuspageStandInOptions) {
    const now = new Date().toISOString();
    for (const c of options.components ?? []) this.components.set(c.id, { id: c.id, page_id: options.pageId, name: c.name, description: c.description ?? null, status: 'operational', created_at: now, updated_at: now });
    const page = '/v1/pages/:page_id';
    this.server
      .route('GET', `${page}/components`, (req) => this.guard(req, () => ({ body: [...this.components.values()] })))
      .route('GET', `${page}/incidents`, (req) => this.guard(req, () => ({ body: [...this.incidents.values()].reverse() })))
      .route('GET', `${page}/incidents/:incident_id`, (req) => this.guard(req, () => this.show(req.params.incident_id ?? '')))
      .route('POST', `${page}/incidents`, (req) => this.guard(req, () => this.create(req)))
      .route('PATCH', `${page}/incidents/:incident_id`, (req) => this.guard(req, () => this.update(req)))
      .route('PUT', `${page}/incidents/:incident_id`, (req) => this.guard(req, () => this.update(req)));
  }

  async start(port?: number): Promise<string> {
    return this.server.start(port);
  }

  /** The base URL Response's STATUSPAGE_API_URL points at. */
  get apiUrl(): string {
    return `${this.server.url}/v1`;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private guard(req: StandInRequest, handle: () => StandInReply): StandInReply {
    const auth = req.headers.authorization ?? '';
    const match = /^OAuth\s+(.+)$/i.exec(auth);
    if (!match || match[1] !== this.options.apiKey) return { status: 401, body: { message: 'Could not authenticate' } };
    const now = Date.now();
    while (this.window.length && (this.window[0] as number) <= now - 60_000) this.window.shift();
    if (this.window.length >= (this.options.requestsPerMinute ?? 60)) {
      return { status: this.options.rateLimitStatus ?? 429, headers: { 'retry-after': '60' }, body: { message: 'Rate limit exceeded' } };
    }
    this.window.push(now);
    if (req.params.page_id !== this.options.pageId) return { status: 404, body: { message: 'Could not find page' } };
    return handle();
  }

  private show(id: string): StandInReply {
    const incident = this.incidents.get(id);
    return incident ? { body: incident } : { status: 404, body: { message: 'Could not find incident' } };
  }

  /** The request's `incident` object, or null (answered 400, as Statuspage does for a missing root key). */
  private input(req: StandInRequest): Record<string, unknown> | null {
    const body = req.body as { incident?: unknown } | undefined;
    return body && typeof body.incident === 'object' && body.incident !== null && !Array.isArray(body.incident) ? (body.incident as Record<string, unknown>) : null;
  }

  /** Checks `incident[components]` ({ component id: status }) against the page's components. */
  private componentChanges(raw: unknown): Map<string, ComponentStatus> | StandInReply {
    const out = new Map<string, ComponentStatus>();
    if (raw === undefined || raw === null) return out;
    if (typeof raw !== 'object' || Array.isArray(raw)) return unprocessable('components must be a map of component id to status');
    for (const [id, status] of Object.entries(raw as Record<string, unknown>)) {
      if (!this.components.has(id)) return unprocessable(`Component ${id} could not be found`);
      if (!(STATUSPAGE_COMPONENT_STATUSES as readonly unknown[]).includes(status)) return unprocessable(`Component status ${String(status)} is not valid`);
      out.set(id, status as ComponentStatus);
    }
    return out;
  }

  private apply(incident: StatuspageIncident, status: IncidentStatus, body: string, changes: Map<string, ComponentStatus>, at: string): void {
    const affected: StatuspageIncidentUpdate['affected_components'] = [];
    for (const [id, to] of changes) {
      const component = this.components.get(id) as StatuspageComponent;
      affected.push({ code: id, name: component.name, old_status: component.status, new_status: to });
      component.status = to;
      component.updated_at = at;
      if (!incident.components.some((c) => c.id === id)) incident.components.push(component);
    }
    incident.status = status;
    incident.updated_at = at;
    if (status === 'resolved') incident.resolved_at ??= at;
    else incident.resolved_at = null;
    const worst = [...changes.values()].map((s) => IMPACT[s]).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), incident.impact);
    incident.impact = worst;
    incident.incident_updates.unshift({ id: `upd${this.next++}`, incident_id: incident.id, status, body, affected_components: affected, created_at: at, display_at: at });
  }

  private create(req: StandInRequest): StandInReply {
    const i = this.input(req);
    if (!i) return MISSING_INCIDENT;
    if (typeof i.name !== 'string' || !i.name.trim()) return unprocessable("Name can't be blank");
    const status = (i.status ?? 'investigating') as IncidentStatus;
    if (!STATUSPAGE_INCIDENT_STATUSES.includes(status)) return unprocessable(`Status ${String(i.status)} is not valid`);
    const changes = this.componentChanges(i.components);
    if (!(changes instanceof Map)) return changes;
    const at = new Date().toISOString();
    const id = `inc${this.next++}`;
    const incident: StatuspageIncident = {
      id,
      page_id: this.options.pageId,
      name: i.name,
      status,
      impact: 'none',
      shortlink: `https://stspg.io/${id}`,
      created_at: at,
      updated_at: at,
      resolved_at: null,
      components: [],
      incident_updates: [],
    };
    this.apply(incident, status, typeof i.body === 'string' ? i.body : '', changes, at);
    this.incidents.set(id, incident);
    return { status: 201, body: incident };
  }

  private update(req: StandInRequest): StandInReply {
    const incident = this.incidents.get(req.params.incident_id ?? '');
    if (!incident) return { status: 404, body: { message: 'Could not find incident' } };
    const i = this.input(req);
    if (!i) return MISSING_INCIDENT;
    if (i.name !== undefined && (typeof i.name !== 'string' || !i.name.trim())) return unprocessable("Name can't be blank");
    const status = (i.status ?? incident.status) as IncidentStatus;
    if (!STATUSPAGE_INCIDENT_STATUSES.includes(status)) return unprocessable(`Status ${String(i.status)} is not valid`);
    const changes = this.componentChanges(i.components);
    if (!(changes instanceof Map)) return changes;
    if (typeof i.name === 'string') incident.name = i.name;
    this.apply(incident, status, typeof i.body === 'string' ? i.body : '', changes, new Date().toISOString());
    return { body: incident };
  }
}
