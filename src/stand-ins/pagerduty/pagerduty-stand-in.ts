import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { StandInServer, type StandInReply, type StandInRequest } from '../stand-in-server.js';

/**
 * A local stand-in for PagerDuty: the Events API v2 (`POST /v2/enqueue`), the parts of the REST API
 * v2 Response reads (services with their integrations, escalation policies, on-calls, users,
 * incidents by key), and v3 webhooks signed the way PagerDuty signs them, sent when a "PagerDuty
 * user" acknowledges, escalates or resolves an incident here. One server answers both APIs (point
 * PAGERDUTY_API_URL and PAGERDUTY_EVENTS_URL at it). Written from PagerDuty's public docs:
 * - Events API v2: https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ (request,
 *   202 `{status, message, dedup_key}`, 400 `{status: 'invalid event', message, errors}`), rate
 *   limits https://developer.pagerduty.com/docs/events-api-v2/rate-limits/
 * - REST API v2: https://developer.pagerduty.com/docs/rest-api-v2/authentication/ (`Authorization:
 *   Token token=…`), errors https://developer.pagerduty.com/docs/rest-api-v2/errors/ (`{error:
 *   {message, code, errors}}`), rate limits https://developer.pagerduty.com/docs/rest-api-v2/rate-limiting/
 *   (429 `{error: {message: 'Rate Limit Exceeded', code: 2020}}` with `ratelimit-*` headers)
 * - v3 webhooks: https://developer.pagerduty.com/docs/webhooks/v3-overview/ (payload `{event: {id,
 *   event_type, resource_type, occurred_at, agent, data}}`) and
 *   https://developer.pagerduty.com/docs/webhooks/webhook-signatures/ (`X-PagerDuty-Signature:
 *   v1=<hex HMAC-SHA256 of the body>`, comma-separated during a secret rotation)
 */

export interface PagerDutyUser {
  id: string;
  name: string;
  email: string;
}

export interface PagerDutyEscalationPolicy {
  id: string;
  name: string;
  /** User ids on call now at each level (index 0 = level 1). */
  levels: string[][];
}

export interface PagerDutyService {
  id: string;
  name: string;
  escalationPolicyId: string;
  /** The service's Events API v2 integration key (32 characters). */
  integrationKey: string;
}

export type PagerDutyIncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface PagerDutyIncident {
  id: string;
  number: number;
  /** The dedup key of the alert that opened it (`incident_key` in the REST API). */
  incidentKey: string;
  title: string;
  serviceId: string;
  status: PagerDutyIncidentStatus;
  urgency: 'high' | 'low';
  /** Who it is assigned to now (user ids). */
  assignees: string[];
  escalationLevel: number;
  /** The trigger event as received. */
  trigger: Record<string, unknown>;
  createdAt: Date;
}

export interface PagerDutySeed {
  users?: PagerDutyUser[];
  escalationPolicies?: PagerDutyEscalationPolicy[];
  services?: PagerDutyService[];
}

export interface PagerDutyStandInOptions {
  /** The REST API key the stand-in accepts (`Authorization: Token token=<apiToken>`). */
  apiToken: string;
  /** The v3 webhook subscription's signing secret(s); with two, deliveries carry both signatures (a rotation). */
  webhookSecrets?: string[];
  /** Where v3 webhooks go (the subscription's delivery URL); can be set later with `subscribe`. */
  webhookUrl?: string;
  seed?: PagerDutySeed;
  /** Called when a trigger opens a new incident (the sandbox acknowledges it a few seconds later). */
  onIncidentOpened?: (incident: PagerDutyIncident) => void;
}

const HTML = 'https://stand-in.pagerduty.example';

/** A 32-character key like PagerDuty's integration keys. */
export function integrationKey(): string {
  return randomBytes(16).toString('hex');
}

/** `v1=<hex>` for each secret, comma-separated: the `X-PagerDuty-Signature` header for `body`. */
export function signPagerDutyWebhook(body: string, secrets: string[]): string {
  return secrets.map((s) => `v1=${createHmac('sha256', s).update(body, 'utf8').digest('hex')}`).join(',');
}

const restError = (status: number, message: string, code: number, errors?: string[]): StandInReply => ({ status, body: { error: { message, code, ...(errors ? { errors } : {}) } } });

export class PagerDutyStandIn {
  readonly server = new StandInServer('PagerDuty');
  readonly users = new Map<string, PagerDutyUser>();
  readonly policies = new Map<string, PagerDutyEscalationPolicy>();
  readonly services = new Map<string, PagerDutyService>();
  readonly incidents = new Map<string, PagerDutyIncident>();
  /** Every v3 webhook sent, with the subscriber's answer. */
  readonly webhooksSent: { body: string; signature: string; status: number | null; error?: string }[] = [];
  private webhookUrl: string | undefined;
  private webhookSecrets: string[];
  private nextNumber = 1;

  constructor(private readonly options: PagerDutyStandInOptions) {
    this.webhookUrl = options.webhookUrl;
    this.webhookSecrets = options.webhookSecrets ?? [];
    for (const u of options.seed?.users ?? []) this.users.set(u.id, u);
    for (const p of options.seed?.escalationPolicies ?? []) this.policies.set(p.id, p);
    for (const s of options.seed?.services ?? []) this.services.set(s.id, s);
    this.server.route('POST', '/v2/enqueue', (req) => this.enqueue(req));
    this.server.route('GET', '/services', (req) => this.rest(req, () => this.listServices(req)));
    this.server.route('GET', '/services/:id', (req) => this.rest(req, () => this.getService(req)));
    this.server.route('GET', '/escalation_policies/:id', (req) => this.rest(req, () => this.getPolicy(req)));
    this.server.route('GET', '/oncalls', (req) => this.rest(req, () => this.listOncalls(req)));
    this.server.route('GET', '/users/:id', (req) => this.rest(req, () => this.getUser(req)));
    this.server.route('GET', '/incidents', (req) => this.rest(req, () => this.listIncidents(req)));
  }

  start(port = 0, host = '127.0.0.1'): Promise<string> {
    return this.server.start(port, host);
  }

  async close(): Promise<void> {
    this.webhookUrl = undefined;
    await this.idle();
    await this.server.close();
  }

  get url(): string {
    return this.server.url;
  }

  /** Points the v3 webhook subscription at `url` (with its signing secrets). */
  subscribe(url: string, secrets = this.webhookSecrets): void {
    this.webhookUrl = url;
    this.webhookSecrets = secrets;
  }

  /** The open (or last) incident opened by the alert with this dedup key. */
  incidentByKey(dedupKey: string): PagerDutyIncident | undefined {
    const matching = [...this.incidents.values()].filter((i) => i.incidentKey === dedupKey);
    return matching.find((i) => i.status !== 'resolved') ?? matching.at(-1);
  }

  /** Acknowledges an incident as its first assignee would in PagerDuty's app, and sends the signed webhook. */
  acknowledge(incidentId: string, byUserId?: string): Promise<string> {
    return this.change(incidentId, 'incident.acknowledged', byUserId, (i) => {
      i.status = 'acknowledged';
    });
  }

  /** Escalates to the next level of the service's escalation policy (its on-call users become the assignees). */
  escalate(incidentId: string, byUserId?: string): Promise<string> {
    return this.change(incidentId, 'incident.escalated', byUserId, (i) => {
      const policy = this.policies.get(this.services.get(i.serviceId)?.escalationPolicyId ?? '');
      const next = Math.min(i.escalationLevel + 1, Math.max(1, policy?.levels.length ?? 1));
      i.escalationLevel = next;
      i.assignees = policy?.levels[next - 1] ?? i.assignees;
      i.status = 'triggered';
    });
  }

  /** Reassigns to `userId`. */
  reassign(incidentId: string, userId: string, byUserId?: string): Promise<string> {
    return this.change(incidentId, 'incident.reassigned', byUserId, (i) => {
      i.assignees = [userId];
    });
  }

  resolve(incidentId: string, byUserId?: string): Promise<string> {
    return this.change(incidentId, 'incident.resolved', byUserId, (i) => {
      i.status = 'resolved';
    });
  }

  /** Sends (or re-sends, as PagerDuty retries) a v3 webhook body to the subscriber; returns the subscriber's status. */
  async deliver(body: string, options: { secrets?: string[] } = {}): Promise<number | null> {
    if (!this.webhookUrl) throw new Error('the PagerDuty stand-in has no webhook subscription (subscribe(url) first)');
    const signature = signPagerDutyWebhook(body, options.secrets ?? this.webhookSecrets);
    try {
      const res = await fetch(this.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'PagerDuty-Webhook/V3.0', 'x-pagerduty-signature': signature, 'x-webhook-id': randomUUID() },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.text();
      this.webhooksSent.push({ body, signature, status: res.status });
      return res.status;
    } catch (err) {
      this.webhooksSent.push({ body, signature, status: null, error: err instanceof Error ? err.message : String(err) });
      return null;
    }
  }

  private async change(incidentId: string, eventType: string, byUserId: string | undefined, apply: (i: PagerDutyIncident) => void): Promise<string> {
    const incident = this.incidents.get(incidentId);
    if (!incident) throw new Error(`the PagerDuty stand-in has no incident ${incidentId}`);
    apply(incident);
    const agentId = byUserId ?? incident.assignees[0];
    const agent = agentId ? this.users.get(agentId) : undefined;
    return this.send(incident, eventType, agent ? this.userRef(agent) : null);
  }

  /** Sends the v3 webhook for a change to `incident`; returns its body. */
  private async send(incident: PagerDutyIncident, eventType: string, agent: Record<string, unknown> | null): Promise<string> {
    const body = JSON.stringify({
      event: {
        id: randomUUID(),
        event_type: eventType,
        resource_type: 'incident',
        occurred_at: new Date().toISOString(),
        agent,
        client: null,
        data: this.incidentBody(incident, 'webhook'),
      },
    });
    await this.deliver(body);
    return body;
  }

  private readonly pending = new Set<Promise<unknown>>();

  private track(p: Promise<unknown>): void {
    const done = p.catch(() => undefined).finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Resolves once the webhooks PagerDuty sends by itself (after Events API resolves and acknowledges) are delivered. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  // --- Events API v2 -------------------------------------------------------------------------

  private enqueue(req: StandInRequest): StandInReply {
    const invalid = (errors: string[]): StandInReply => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });
    const e = req.body as Record<string, unknown> | undefined;
    if (!e || typeof e !== 'object') return { status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors: ['Request body is not valid JSON'] } };
    const key = e.routing_key;
    if (typeof key !== 'string' || key.length !== 32) return invalid(["Length of 'routing_key' is incorrect (should be 32 characters)"]);
    const service = [...this.services.values()].find((s) => s.integrationKey === key);
    // A well-formed key nobody issued: PagerDuty answers 400 too ("Invalid routing key").
    if (!service) return invalid(['Invalid routing key']);
    const action = e.event_action;
    if (action !== 'trigger' && action !== 'acknowledge' && action !== 'resolve') return invalid(["'event_action' must be one of trigger, acknowledge or resolve"]);
    const dedupKey = typeof e.dedup_key === 'string' && e.dedup_key ? e.dedup_key : randomUUID();
    if (dedupKey.length > 255) return invalid(["'dedup_key' must be at most 255 characters"]);
    if (action === 'trigger') {
      const p = e.payload as Record<string, unknown> | undefined;
      const errors: string[] = [];
      if (!p || typeof p !== 'object') errors.push("'payload' is missing or not an object");
      else {
        if (typeof p.summary !== 'string' || !p.summary) errors.push("'payload.summary' is missing or blank");
        else if (p.summary.length > 1024) errors.push("'payload.summary' must be at most 1024 characters");
        if (typeof p.source !== 'string' || !p.source) errors.push("'payload.source' is missing or blank");
        if (!['critical', 'error', 'warning', 'info'].includes(String(p.severity))) errors.push("'payload.severity' must be one of critical, error, warning or info");
      }
      if (errors.length) return invalid(errors);
      const open = [...this.incidents.values()].find((i) => i.incidentKey === dedupKey && i.serviceId === service.id && i.status !== 'resolved');
      // A trigger for an open alert adds to it; after a resolve the same key opens a new one.
      if (!open) {
        const policy = this.policies.get(service.escalationPolicyId);
        const id = `Q${String(this.nextNumber).padStart(6, '0')}PD`;
        const opened: PagerDutyIncident = {
          id,
          number: this.nextNumber++,
          incidentKey: dedupKey,
          title: String((p as Record<string, unknown>).summary),
          serviceId: service.id,
          status: 'triggered',
          // Events API alerts take the service's urgency rule; "critical"/"error" map to high here.
          urgency: ['critical', 'error'].includes(String((p as Record<string, unknown>).severity)) ? 'high' : 'low',
          assignees: policy?.levels[0] ?? [],
          escalationLevel: 1,
          trigger: e,
          createdAt: new Date(),
        };
        this.incidents.set(id, opened);
        this.options.onIncidentOpened?.(opened);
      }
    } else {
      // Acknowledge/resolve for an alert that is not open are dropped, still answered 202.
      const open = [...this.incidents.values()].find((i) => i.incidentKey === dedupKey && i.serviceId === service.id && i.status !== 'resolved');
      if (open && !(action === 'acknowledge' && open.status === 'acknowledged')) {
        open.status = action === 'resolve' ? 'resolved' : 'acknowledged';
        // PagerDuty tells the webhook subscribers too, with the service's integration as the agent.
        if (this.webhookUrl) this.track(this.send(open, `incident.${action === 'resolve' ? 'resolved' : 'acknowledged'}`, this.ref('events_api_v2_inbound_integration_reference', `I${service.id}`, 'Events API V2', `services/${service.id}/integrations`)));
      }
    }
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
  }

  // --- REST API v2 ---------------------------------------------------------------------------

  private rest(req: StandInRequest, answer: () => StandInReply): StandInReply {
    const auth = req.headers.authorization ?? '';
    const match = /^Token token=(.+)$/.exec(auth);
    if (!match || match[1] !== this.options.apiToken) return restError(401, 'Authentication failed', 2006);
    if (!/application\/vnd\.pagerduty\+json;version=2/.test(req.headers.accept ?? '')) {
      // PagerDuty still answers without it, but Response always sends it; the stand-in holds it to that.
      return restError(400, 'Invalid Input Provided', 2001, ['Accept header must be application/vnd.pagerduty+json;version=2']);
    }
    return answer();
  }

  private page<T>(req: StandInRequest, items: T[], name: string): StandInReply {
    const limit = Math.min(100, Number(req.query.get('limit') ?? 25) || 25);
    const offset = Number(req.query.get('offset') ?? 0) || 0;
    const slice = items.slice(offset, offset + limit);
    return { body: { [name]: slice, limit, offset, more: offset + limit < items.length, total: items.length } };
  }

  private ref(type: string, id: string, summary: string, path: string) {
    return { id, type, summary, self: `${this.url}/${path}/${id}`, html_url: `${HTML}/${path}/${id}` };
  }

  private userRef(u: PagerDutyUser) {
    return this.ref('user_reference', u.id, u.name, 'users');
  }

  private serviceBody(s: PagerDutyService, withIntegrations: boolean) {
    const policy = this.policies.get(s.escalationPolicyId);
    const integrationId = `I${s.id}`;
    return {
      ...this.ref('service', s.id, s.name, 'services'),
      name: s.name,
      status: 'active',
      escalation_policy: this.ref('escalation_policy_reference', s.escalationPolicyId, policy?.name ?? s.escalationPolicyId, 'escalation_policies'),
      integrations: [
        withIntegrations
          ? { ...this.ref('events_api_v2_inbound_integration', integrationId, 'Events API V2', `services/${s.id}/integrations`), name: 'Events API V2', integration_key: s.integrationKey }
          : this.ref('events_api_v2_inbound_integration_reference', integrationId, 'Events API V2', `services/${s.id}/integrations`),
      ],
    };
  }

  private listServices(req: StandInRequest): StandInReply {
    const include = req.query.getAll('include[]');
    return this.page(req, [...this.services.values()].map((s) => this.serviceBody(s, include.includes('integrations'))), 'services');
  }

  private getService(req: StandInRequest): StandInReply {
    const s = this.services.get(req.params.id ?? '');
    if (!s) return restError(404, 'Not Found', 2100);
    return { body: { service: this.serviceBody(s, req.query.getAll('include[]').includes('integrations')) } };
  }

  private getPolicy(req: StandInRequest): StandInReply {
    const p = this.policies.get(req.params.id ?? '');
    if (!p) return restError(404, 'Not Found', 2100);
    return { body: { escalation_policy: { ...this.ref('escalation_policy', p.id, p.name, 'escalation_policies'), name: p.name, num_loops: 0 } } };
  }

  private listOncalls(req: StandInRequest): StandInReply {
    const policyIds = req.query.getAll('escalation_policy_ids[]');
    const now = new Date();
    const oncalls = [...this.policies.values()]
      .filter((p) => policyIds.length === 0 || policyIds.includes(p.id))
      .flatMap((p) =>
        p.levels.flatMap((userIds, level) =>
          userIds.flatMap((uid) => {
            const u = this.users.get(uid);
            if (!u) return [];
            return [
              {
                escalation_policy: this.ref('escalation_policy_reference', p.id, p.name, 'escalation_policies'),
                escalation_level: level + 1,
                schedule: null,
                user: this.userRef(u),
                start: new Date(now.getTime() - 3_600_000).toISOString(),
                end: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
              },
            ];
          }),
        ),
      );
    return this.page(req, oncalls, 'oncalls');
  }

  private getUser(req: StandInRequest): StandInReply {
    const u = this.users.get(req.params.id ?? '');
    if (!u) return restError(404, 'Not Found', 2100);
    return { body: { user: { ...this.userRef(u), type: 'user', name: u.name, email: u.email, time_zone: 'Etc/UTC', role: 'user' } } };
  }

  private listIncidents(req: StandInRequest): StandInReply {
    const key = req.query.get('incident_key');
    const list = [...this.incidents.values()].filter((i) => !key || i.incidentKey === key);
    return this.page(req, list.map((i) => this.incidentBody(i, 'rest')), 'incidents');
  }

  private incidentBody(i: PagerDutyIncident, shape: 'rest' | 'webhook') {
    const service = this.services.get(i.serviceId);
    const policy = this.policies.get(service?.escalationPolicyId ?? '');
    return {
      ...this.ref('incident', i.id, i.title, 'incidents'),
      type: 'incident',
      number: i.number,
      ...(shape === 'rest' ? { incident_number: i.number } : {}),
      incident_key: i.incidentKey,
      title: i.title,
      status: i.status,
      urgency: i.urgency,
      created_at: i.createdAt.toISOString(),
      service: this.ref('service_reference', i.serviceId, service?.name ?? i.serviceId, 'services'),
      escalation_policy: policy ? this.ref('escalation_policy_reference', policy.id, policy.name, 'escalation_policies') : null,
      assignees: i.assignees.flatMap((id) => {
        const u = this.users.get(id);
        return u ? [this.userRef(u)] : [];
      }),
      resolve_reason: null,
    };
  }
}

/** The stand-in's 429 answers, as PagerDuty sends them (for `server.failNext`). */
export const PAGERDUTY_RATE_LIMITED = {
  events: { status: 429, body: { status: 'throttle event', message: 'Requests for this service are arriving too quickly.  Please retry later.' } },
  rest: { status: 429, headers: { 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': '20' }, body: { error: { message: 'Rate Limit Exceeded', code: 2020 } } },
} as const;
