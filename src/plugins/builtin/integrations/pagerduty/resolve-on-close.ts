import { onIncidentEvent } from '../../../sdk/index.js';
import type { IncidentEventHandler } from '../../../sdk/types.js';
import type { PagerDutyClient } from './client.js';
import { DataKeys, type PageRecord } from './ids.js';
import type { PagerDutyServices } from './services.js';

/**
 * Resolving our incident resolves what it paged: an Events API v2 `resolve` with each page's dedup
 * key. PagerDuty drops a resolve for an alert that is no longer open, so a redelivery (or a
 * PagerDuty user having resolved it first) changes nothing.
 */
export function resolvePagesOnResolve(client: PagerDutyClient, services: PagerDutyServices): IncidentEventHandler {
  return onIncidentEvent(['incident.resolved'], async (ctx) => {
    const pages = (await ctx.data.get<PageRecord[]>(DataKeys.pages(ctx.incident.id))) ?? [];
    for (const page of pages) {
      const service = await services.find(page.serviceKey);
      if (!service) {
        ctx.log.warn('a paged PagerDuty service is no longer configured; its alert is left open', { service: page.serviceName });
        continue;
      }
      await client.resolve(service.routingKey, page.dedupKey);
    }
  });
}
