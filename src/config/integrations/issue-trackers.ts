import type { IssueProvider } from '../../core/action/ports.js';
import type { IntegrationsConfig } from './index.js';

/** The issue trackers follow-ups can be sent to: those configured (the core refuses the others). */
export function issueTrackersOf(integrations: IntegrationsConfig): IssueProvider[] {
  return [...(integrations.jira ? (['jira'] as const) : []), ...(integrations.linear ? (['linear'] as const) : [])];
}
