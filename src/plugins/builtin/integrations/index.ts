import type { IntegrationsConfig } from '../../../config/integrations/index.js';
import type { Plugin } from '../../sdk/types.js';
import type { IntegrationDeps } from './integration-deps.js';
import { pagerDutyPlugin } from './pagerduty/index.js';
import { jiraPlugin } from './jira/index.js';
import { linearPlugin } from './linear/index.js';
import { statuspagePlugin } from './statuspage/index.js';

export type { IntegrationDeps } from './integration-deps.js';

/** The built-in integrations that are configured, as plugins written with the public SDK; none is on by default. */
export function integrationPlugins(integrations: IntegrationsConfig, deps: IntegrationDeps): Plugin[] {
  const plugins: Plugin[] = [];
  if (integrations.pagerduty) plugins.push(pagerDutyPlugin(integrations.pagerduty, deps));
  if (integrations.jira) plugins.push(jiraPlugin(integrations.jira));
  if (integrations.linear) plugins.push(linearPlugin(integrations.linear));
  if (integrations.statuspage) plugins.push(statuspagePlugin(integrations.statuspage, deps));
  return plugins;
}
