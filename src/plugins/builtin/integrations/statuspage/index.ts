import type { StatuspageConfig } from '../../../../config/integrations/statuspage.js';
import { definePlugin, onIncidentEvent } from '../../../sdk/index.js';
import type { Plugin } from '../../../sdk/types.js';
import type { IntegrationDeps } from '../integration-deps.js';
import { statuspageClient } from './client.js';
import { syncIncidentResolved, syncPublishedUpdate } from './sync.js';

/** The built-in Atlassian Statuspage integration's plugin name. */
export const STATUSPAGE_PLUGIN = 'builtin:statuspage';

/**
 * Atlassian Statuspage: every status update published to the status page creates (the first) or
 * updates the incident on the configured page — its name, status, the public message and the
 * mapped components' statuses — and closing our incident resolves it there. Runs from the outbox:
 * a 420/429 waits its Retry-After, a 5xx is retried with backoff, and when it gives up the
 * incident's channel is told once.
 */
export function statuspagePlugin(config: StatuspageConfig, deps: Pick<IntegrationDeps, 'core' | 'clock'>): Plugin {
  const client = statuspageClient(config);
  const sync = { client, config, core: deps.core, clock: deps.clock };
  return definePlugin({
    name: STATUSPAGE_PLUGIN,
    label: 'Statuspage',
    incidentEvents: [
      onIncidentEvent(['status_update.posted'], (ctx) => syncPublishedUpdate(sync, ctx)),
      onIncidentEvent(['incident.resolved'], (ctx) => syncIncidentResolved(sync, ctx)),
    ],
  });
}
