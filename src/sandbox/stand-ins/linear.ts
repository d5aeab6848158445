import { randomBytes } from 'node:crypto';
import { LinearStandIn } from '../../stand-ins/linear/linear-stand-in.js';

/**
 * The sandbox's Linear: the stand-in with team ENG (id `team-eng`), sending signed Issue webhooks
 * to this Response when an issue's state changes: the issue's link opens a page with buttons to move it.
 */
export async function startLinearSandbox(responseUrl: string): Promise<{ env: Record<string, string>; standIn: LinearStandIn; close(): Promise<void> }> {
  const secret = randomBytes(16).toString('hex');
  const standIn = new LinearStandIn({
    apiKey: 'lin_api_sandbox',
    teams: { 'team-eng': 'ENG' },
    webhook: { url: `${responseUrl.replace(/\/$/, '')}/webhooks/linear`, secret },
  });
  const url = await standIn.start();
  // Issue links open the stand-in's own page (with buttons to move the issue), not linear.app.
  standIn.issueUrlBase = `${url}/acme`;
  return {
    standIn,
    env: { LINEAR_API_KEY: 'lin_api_sandbox', LINEAR_API_URL: url, LINEAR_WEBHOOK_SECRET: secret, LINEAR_TEAM_ID: 'team-eng' },
    close: () => standIn.close(),
  };
}
