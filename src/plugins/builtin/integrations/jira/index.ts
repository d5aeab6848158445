import type { JiraConfig } from '../../../../config/integrations/jira.js';
import type { Plugin } from '../../../sdk/types.js';
import { followUpIssueText } from '../follow-up-issue.js';
import { issueTrackerPlugin } from '../issue-tracker-plugin.js';
import { createJiraIssue, findJiraIssue, followUpLabel, jiraIssueIsDone } from './jira-client.js';
import { jiraStatusChange, verifyJiraWebhook } from './webhook.js';

/** Follow-ups as Jira issues (REST API v3), done and reopened from Jira's `jira:issue_updated` webhook. */
export function jiraPlugin(config: JiraConfig): Plugin {
  return issueTrackerPlugin({
    provider: 'jira',
    label: 'Jira',
    async create(incident, action, seed) {
      // Made already by an attempt whose answer was lost? Then that one is the action's issue.
      const existing = await findJiraIssue(config, followUpLabel(seed));
      return existing ?? createJiraIssue(config, followUpIssueText(incident, action), seed);
    },
    verify: (req) => verifyJiraWebhook(config, req),
    stateChange: jiraStatusChange,
    isDone: (key) => jiraIssueIsDone(config, key),
  });
}
