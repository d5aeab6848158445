import { readJiraConfig, type JiraConfig } from './jira.js';
import { readLinearConfig, type LinearConfig } from './linear.js';
import { readPagerDutyConfig, type PagerDutyConfig } from './pagerduty.js';
import { readStatusPageConfig, type StatusPageConfig } from './status-page.js';
import { readStatuspageConfig, type StatuspageConfig } from './statuspage.js';

/** Every integration's settings; null where one is not configured (it is off). */
export interface IntegrationsConfig {
  pagerduty: PagerDutyConfig | null;
  /** The built-in public status page (`/status`). */
  statusPage: StatusPageConfig | null;
  /** Atlassian Statuspage. */
  statuspage: StatuspageConfig | null;
  jira: JiraConfig | null;
  linear: LinearConfig | null;
}

export const NO_INTEGRATIONS: IntegrationsConfig = { pagerduty: null, statusPage: null, statuspage: null, jira: null, linear: null };

/** Thrown when an integration's settings are wrong: one line per problem, each naming the variable or key. */
export class IntegrationConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Integration settings are not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'IntegrationConfigError';
  }
}

/**
 * Reads each integration's settings from its environment variables (`env`: those Response keeps
 * for integrations, config.integrationEnv) and its part of response.config.ts's `integrations`.
 * All problems are reported at once, so start-up names every one.
 */
export function readIntegrations(env: Record<string, string | undefined>, file: unknown): IntegrationsConfig {
  if (file !== undefined && (file === null || typeof file !== 'object' || Array.isArray(file))) throw new IntegrationConfigError(['integrations (response.config.ts) must be an object such as { pagerduty: { … } }']);
  const section = (file ?? {}) as Record<string, unknown>;
  const known = ['pagerduty', 'statusPage', 'statuspage', 'jira', 'linear'];
  const problems = Object.keys(section)
    .filter((k) => !known.includes(k))
    .map((k) => `integrations.${k} (response.config.ts) is not an integration (known: ${known.join(', ')})`);
  const read = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
      return null;
    }
  };
  const config: IntegrationsConfig = {
    pagerduty: read(() => readPagerDutyConfig(env, section.pagerduty)),
    statusPage: read(() => readStatusPageConfig(env, section.statusPage)),
    statuspage: read(() => readStatuspageConfig(env, section.statuspage)),
    jira: read(() => readJiraConfig(env, section.jira)),
    linear: read(() => readLinearConfig(env, section.linear)),
  };
  if (problems.length) throw new IntegrationConfigError(problems);
  return config;
}
