import type { PagerDutyConfig, PagerDutyServiceConfig } from '../../../../config/integrations/pagerduty.js';
import { VendorError, vendorRequest } from '../vendor-http.js';

/**
 * PagerDuty's two APIs as Response uses them: the Events API v2 to trigger and resolve alerts
 * (authorised by each service's integration key) and the REST API v2 to read services, who is
 * on call and their emails (authorised by the API key). Every call goes through vendorRequest, so
 * a 429 or 5xx is retried by the outbox and a refusal is final.
 */

export const VENDOR = 'PagerDuty';

export interface TriggerEvent {
  routingKey: string;
  dedupKey: string;
  summary: string;
  source: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
  customDetails: Record<string, unknown>;
  links: { href: string; text: string }[];
}

export interface OnCallPerson {
  userId: string;
  name: string;
  level: number;
}

export interface PagerDutyClient {
  hasRestApi: boolean;
  trigger(event: TriggerEvent): Promise<void>;
  resolve(routingKey: string, dedupKey: string): Promise<void>;
  /** Services with an Events API v2 integration (REST listing). */
  listServices(timeoutMs?: number): Promise<PagerDutyServiceConfig[]>;
  /** Everyone on call now for the service's escalation policy, level 1 first. */
  onCallFor(serviceId: string): Promise<{ policyName: string; people: OnCallPerson[] }>;
  userEmail(userId: string): Promise<string | null>;
  /** The PagerDuty incident opened by `dedupKey`, once PagerDuty has created it. */
  incidentByKey(dedupKey: string): Promise<{ id: string; number: number; htmlUrl: string } | null>;
}

type Ref = { id: string; summary?: string };

export function pagerDutyClient(config: PagerDutyConfig): PagerDutyClient {
  const rest = async <T>(path: string, timeoutMs?: number): Promise<T> => {
    if (!config.apiToken) throw new VendorError(VENDOR, 'PAGERDUTY_API_TOKEN is not set, so the REST API cannot be read', null, { permanent: true });
    const headers: Record<string, string> = { authorization: `Token token=${config.apiToken}`, accept: 'application/vnd.pagerduty+json;version=2' };
    if (config.fromEmail) headers.from = config.fromEmail;
    return (await vendorRequest<T>(VENDOR, `${config.apiUrl}${path}`, { headers, timeoutMs })).body;
  };
  const enqueue = async (body: Record<string, unknown>) => {
    await vendorRequest(VENDOR, `${config.eventsUrl}/v2/enqueue`, { method: 'POST', body });
  };
  return {
    hasRestApi: config.apiToken !== null,
    trigger: (e) =>
      enqueue({
        routing_key: e.routingKey,
        event_action: 'trigger',
        dedup_key: e.dedupKey,
        payload: { summary: e.summary.slice(0, 1024), source: e.source, severity: e.severity, custom_details: e.customDetails },
        links: e.links,
        client: 'Response',
      }),
    resolve: (routingKey, dedupKey) => enqueue({ routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey }),
    async listServices(timeoutMs) {
      const found: PagerDutyServiceConfig[] = [];
      for (let offset = 0, more = true; more && offset < 1000; offset += 100) {
        const page = await rest<{ services: { id: string; name: string; integrations?: { type: string; integration_key?: string }[] }[]; more?: boolean }>(
          `/services?include[]=integrations&limit=100&offset=${offset}`,
          timeoutMs,
        );
        for (const s of page.services) {
          const events = s.integrations?.find((i) => i.type === 'events_api_v2_inbound_integration' && i.integration_key);
          // A service without an Events API v2 integration cannot be paged from here.
          if (events?.integration_key) found.push({ key: s.id.toLowerCase(), name: s.name, serviceId: s.id, routingKey: events.integration_key });
        }
        more = page.more === true;
      }
      return found;
    },
    async onCallFor(serviceId) {
      const { service } = await rest<{ service: { escalation_policy: Ref } }>(`/services/${encodeURIComponent(serviceId)}`);
      const policy = service.escalation_policy;
      const { oncalls } = await rest<{ oncalls: { escalation_level: number; user: Ref | null }[] }>(
        `/oncalls?escalation_policy_ids[]=${encodeURIComponent(policy.id)}&limit=100`,
      );
      const people = new Map<string, OnCallPerson>();
      for (const o of [...oncalls].sort((a, b) => a.escalation_level - b.escalation_level)) {
        // The same person on several levels (or schedules) is listed once, at their first level.
        if (o.user && !people.has(o.user.id)) people.set(o.user.id, { userId: o.user.id, name: o.user.summary ?? o.user.id, level: o.escalation_level });
      }
      return { policyName: policy.summary ?? policy.id, people: [...people.values()] };
    },
    async userEmail(userId) {
      const { user } = await rest<{ user: { email?: string } }>(`/users/${encodeURIComponent(userId)}`);
      return user.email ?? null;
    },
    async incidentByKey(dedupKey) {
      const { incidents } = await rest<{ incidents: { id: string; incident_number?: number; number?: number; html_url: string; status: string }[] }>(
        `/incidents?incident_key=${encodeURIComponent(dedupKey)}`,
      );
      const i = incidents.find((x) => x.status !== 'resolved') ?? incidents.at(-1);
      return i ? { id: i.id, number: i.incident_number ?? i.number ?? 0, htmlUrl: i.html_url } : null;
    },
  };
}
