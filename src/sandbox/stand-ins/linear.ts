import { randomBytes } from 'node:crypto';
import { LinearStandIn } from '../../stand-ins/linear/linear-stand-in.js';

/**
 * The sandbox's Linear: the stand-in with team ENG (id `team-eng`), sending signed Issue webhooks
 * to Response (once `connect` names where it listens) when an issue's state changes; the issue's
 * link opens the stand-in's page, with buttons to move it.
 */
export async function startLinearSandbox(): Promise<{ env: Record<string, string>; standIn: LinearStandIn; connect(responseUrl: string): void; close(): Promise<void> }> {
  const secret = randomBytes(16).toString('hex');
  const standIn = new LinearStandIn({ apiKey: 'lin_api_sandbox', teams: { 'team-eng': 'ENG' } });
  const url = await standIn.start();
  // Issue links open the stand-in's own page (with buttons to move the issue), not linear.app.
  standIn.issueUrlBase = `${url}/acme`;
  return {
    standIn,
    env: { LINEAR_API_KEY: 'lin_api_sandbox', LINEAR_API_URL: url, LINEAR_WEBHOOK_SECRET: secret, LINEAR_TEAM_ID: 'team-eng' },
    connect: (responseUrl) => {
      standIn.webhook = { url: `${responseUrl.replace(/\/+$/, '')}/webhooks/linear`, secret };
    },
    close: () => standIn.close(),
  };
}
