import type { LinearConfig } from '../../../../config/integrations/linear.js';
import type { Plugin } from '../../../sdk/types.js';
import { followUpIssueText } from '../follow-up-issue.js';
import { issueTrackerPlugin } from '../issue-tracker-plugin.js';
import { createLinearIssue, findLinearIssue, issueIdFor, linearIssueIsDone } from './linear-client.js';
import { linearStateChange, verifyLinearWebhook } from './webhook.js';

/** Follow-ups as Linear issues (GraphQL `issueCreate`), done and reopened from Linear's signed Issue webhooks. */
export function linearPlugin(config: LinearConfig): Plugin {
  return issueTrackerPlugin({
    provider: 'linear',
    label: 'Linear',
    async create(incident, action, seed) {
      // Linear takes our id for the issue: a retry after a lost answer finds the one it made.
      const id = issueIdFor(seed);
      const existing = await findLinearIssue(config, id);
      if (existing) return { key: existing.identifier, url: existing.url };
      return createLinearIssue(config, id, followUpIssueText(incident, action));
    },
    verify: (req) => verifyLinearWebhook(config, req),
    stateChange: linearStateChange,
    isDone: (key) => linearIssueIsDone(config, key),
  });
}
