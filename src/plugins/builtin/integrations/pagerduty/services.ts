import type { PagerDutyConfig, PagerDutyServiceConfig } from '../../../../config/integrations/pagerduty.js';
import type { PagerDutyClient } from './client.js';

/** How long a listing from the REST API is reused (the modal opens within Slack's 3 s). */
const LISTED_TTL_MS = 5 * 60_000;

export interface PagerDutyServices {
  /** The configured services, or those listed from PagerDuty (cached for a few minutes). */
  all(options?: { timeoutMs?: number; fresh?: boolean }): Promise<PagerDutyServiceConfig[]>;
  find(key: string): Promise<PagerDutyServiceConfig | undefined>;
}

export function pagerDutyServices(config: PagerDutyConfig, client: PagerDutyClient, now: () => number = Date.now): PagerDutyServices {
  let listed: { at: number; services: PagerDutyServiceConfig[] } | null = null;
  const all: PagerDutyServices['all'] = async (options = {}) => {
    if (config.services.length > 0) return config.services;
    if (!options.fresh && listed && now() - listed.at < LISTED_TTL_MS) return listed.services;
    const services = await client.listServices(options.timeoutMs);
    listed = { at: now(), services };
    return services;
  };
  return {
    all,
    async find(key) {
      const cached = await all();
      // A service added in PagerDuty since the last listing: list again before saying it is unknown.
      return cached.find((s) => s.key === key) ?? (config.services.length === 0 ? (await all({ fresh: true })).find((s) => s.key === key) : undefined);
    },
  };
}
