import type { FastifyInstance } from 'fastify';
import type { StatusPageConfig } from '../config/integrations/status-page.js';
import type { StatuspageConfig } from '../config/integrations/statuspage.js';
import type { PublishingSettings } from '../core/status-page/ports.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock } from '../core/shared/context.js';
import { statusPageRoutes } from '../http/routes/status-page.js';

/**
 * What may be published: the built-in page's components, else (Statuspage alone) the component keys
 * Statuspage maps. Undefined when neither is configured: publishing is then refused with a reason.
 */
export function publishingSettings(integrations: { statusPage: StatusPageConfig | null; statuspage: StatuspageConfig | null }): PublishingSettings | undefined {
  if (integrations.statusPage) return { components: integrations.statusPage.components.map((c) => ({ key: c.key, name: c.name })) };
  if (integrations.statuspage) return { components: Object.keys(integrations.statuspage.components).map((key) => ({ key, name: key })) };
  return undefined;
}

/** Serves the built-in public status page when it is configured and on. */
export function registerStatusPage(http: FastifyInstance, config: StatusPageConfig | null, deps: { core: CoreDeps; clock: Clock; publicUrl: string }): void {
  if (!config?.enabled) return;
  statusPageRoutes(http, { store: deps.core.store, settings: config, clock: deps.clock, publicUrl: deps.publicUrl });
}
