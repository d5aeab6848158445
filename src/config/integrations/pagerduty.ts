/**
 * PagerDuty's settings: secrets and URLs from PAGERDUTY_* environment variables, the services one
 * may page from response.config.ts (`integrations.pagerduty.services`). Off (null) when neither an
 * API token nor services are configured.
 */

export interface PagerDutyServiceConfig {
  /** Stable key (used in dedup keys and the modal's options). */
  key: string;
  name: string;
  /** The PagerDuty service id (`P…`), for who is on call; null: on-call lookup skipped. */
  serviceId: string | null;
  /** The service's Events API v2 integration key. */
  routingKey: string;
}

export interface PagerDutyConfig {
  /** REST API v2 key; null: no on-call lookup and no service listing (Events API only). */
  apiToken: string | null;
  /** The `From` header (a PagerDuty user's email) sent with REST calls, required on writes. */
  fromEmail: string | null;
  /** The v3 webhook subscription's signing secret(s); several (comma-separated) during a rotation. Empty: no webhook route. */
  webhookSecrets: string[];
  apiUrl: string;
  eventsUrl: string;
  /** From the config file; empty: listed from the REST API (`GET /services`). */
  services: PagerDutyServiceConfig[];
}

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

function url(env: Record<string, string | undefined>, name: string, fallback: string): string {
  const raw = text(env[name]) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute URL such as ${fallback}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL such as ${fallback}`);
  return raw.replace(/\/+$/, '');
}

function readRoutingKey(env: Record<string, string | undefined>, raw: unknown, at: string): string {
  if (typeof raw === 'string' && raw.trim()) return raw.trim();
  if (raw && typeof raw === 'object' && typeof (raw as { env?: unknown }).env === 'string') {
    const name = (raw as { env: string }).env;
    // Only PAGERDUTY_* variables reach the integration (config.integrationEnv).
    if (!name.startsWith('PAGERDUTY_')) throw new Error(`${at}.routingKey.env must name a PAGERDUTY_* environment variable (got ${name})`);
    const value = text(env[name]);
    if (!value) throw new Error(`${at}.routingKey names ${name}, which is not set`);
    return value;
  }
  throw new Error(`${at}.routingKey must be the service's Events API v2 integration key, or { env: 'PAGERDUTY_…' } naming the variable that holds it`);
}

function readServices(env: Record<string, string | undefined>, file: unknown): PagerDutyServiceConfig[] {
  if (file === undefined || file === null) return [];
  if (typeof file !== 'object' || Array.isArray(file)) throw new Error('integrations.pagerduty must be an object such as { services: [...] }');
  const raw = (file as { services?: unknown }).services;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Error('integrations.pagerduty.services must be a list of { key, name, serviceId, routingKey }');
  const seen = new Set<string>();
  return raw.map((s: unknown, i): PagerDutyServiceConfig => {
    const at = `integrations.pagerduty.services[${i}]`;
    if (!s || typeof s !== 'object') throw new Error(`${at} must be an object { key, name, serviceId, routingKey }`);
    const o = s as Record<string, unknown>;
    if (typeof o.key !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,39}$/.test(o.key)) throw new Error(`${at}.key must be 1-40 lowercase letters, digits, - or _`);
    if (seen.has(o.key)) throw new Error(`${at}.key "${o.key}" is used twice`);
    seen.add(o.key);
    if (o.name !== undefined && (typeof o.name !== 'string' || !o.name.trim())) throw new Error(`${at}.name must be a non-empty string`);
    if (o.serviceId !== undefined && o.serviceId !== null && (typeof o.serviceId !== 'string' || !o.serviceId.trim())) throw new Error(`${at}.serviceId must be the PagerDuty service id (P…)`);
    return {
      key: o.key,
      name: typeof o.name === 'string' ? o.name.trim() : o.key,
      serviceId: typeof o.serviceId === 'string' ? o.serviceId.trim() : null,
      routingKey: readRoutingKey(env, o.routingKey, at),
    };
  });
}

export function readPagerDutyConfig(env: Record<string, string | undefined>, file: unknown): PagerDutyConfig | null {
  const apiToken = text(env.PAGERDUTY_API_TOKEN);
  const services = readServices(env, file);
  if (!apiToken && services.length === 0) {
    if (text(env.PAGERDUTY_WEBHOOK_SECRET)) throw new Error('PAGERDUTY_WEBHOOK_SECRET is set but PagerDuty is not configured: set PAGERDUTY_API_TOKEN or integrations.pagerduty.services');
    return null;
  }
  const fromEmail = text(env.PAGERDUTY_FROM_EMAIL);
  if (fromEmail && !/^[^\s@]+@[^\s@]+$/.test(fromEmail)) throw new Error('PAGERDUTY_FROM_EMAIL must be the email address of a PagerDuty user');
  return {
    apiToken,
    fromEmail,
    webhookSecrets: (text(env.PAGERDUTY_WEBHOOK_SECRET) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    apiUrl: url(env, 'PAGERDUTY_API_URL', 'https://api.pagerduty.com'),
    eventsUrl: url(env, 'PAGERDUTY_EVENTS_URL', 'https://events.pagerduty.com'),
    services,
  };
}
