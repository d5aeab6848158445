import { randomBytes } from 'node:crypto';
import { JiraStandIn } from '../../stand-ins/jira/jira-stand-in.js';

/**
 * The sandbox's Jira: the stand-in, with project OPS, sending its signed `jira:issue_updated`
 * webhooks to this Response once `connect` names where Response listens. A newcomer logs
 * `@incident action … --jira`, sees OPS-1 linked, opens it from the action's link (the stand-in's
 * page), moves it to Done and watches the action tick itself.
 */
export async function startJiraSandbox(): Promise<{ env: Record<string, string>; standIn: JiraStandIn; connect(responseUrl: string): void; close(): Promise<void> }> {
  const secret = randomBytes(16).toString('hex');
  const standIn = new JiraStandIn({ email: 'sandbox@response.test', apiToken: 'sandbox-token', projects: ['OPS'] });
  const url = await standIn.start();
  return {
    standIn,
    env: { JIRA_BASE_URL: url, JIRA_EMAIL: 'sandbox@response.test', JIRA_API_TOKEN: 'sandbox-token', JIRA_WEBHOOK_SECRET: secret, JIRA_PROJECT_KEY: 'OPS' },
    connect: (responseUrl) => {
      standIn.webhook = { url: `${responseUrl.replace(/\/+$/, '')}/webhooks/jira`, secret };
    },
    close: () => standIn.close(),
  };
}
