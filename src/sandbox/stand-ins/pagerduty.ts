import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { integrationKey, PagerDutyStandIn } from '../../stand-ins/pagerduty/pagerduty-stand-in.js';

/** How long after a page the sandbox's on-call person acknowledges it, as someone picking up their phone would. */
export const SANDBOX_ACK_AFTER_MS = 8000;

export interface PagerDutySandbox {
  standIn: PagerDutyStandIn;
  /** Points Response at the stand-in (REST and Events API), with the webhook secret it signs with. */
  env: Record<string, string>;
  /** Subscribes the stand-in's v3 webhooks to Response's own server (`http://host:port`). */
  connect(appBaseUrl: string): void;
  close(): Promise<void>;
}

/**
 * The sandbox's PagerDuty: two services on one escalation policy whose on-call people are the
 * sandbox workspace's Bob (level 1) and Carol (level 2), matched to Slack by email. Services are
 * listed from its REST API (no config file needed). A page is acknowledged automatically by Bob
 * after a few seconds, so a newcomer sees the acknowledgement arrive on the timeline; the state
 * lives in memory (a restart forgets PagerDuty's incidents, not Response's).
 */
export async function startPagerDutySandbox(options: { logger?: Logger; ackAfterMs?: number } = {}): Promise<PagerDutySandbox> {
  const apiToken = `sandbox-${randomBytes(10).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  const timers = new Set<NodeJS.Timeout>();
  const ackAfter = options.ackAfterMs ?? SANDBOX_ACK_AFTER_MS;
  const standIn: PagerDutyStandIn = new PagerDutyStandIn({
    apiToken,
    webhookSecrets: [secret],
    seed: {
      users: [
        { id: 'PBOB001', name: 'Bob Okafor', email: 'bob@acme.example' },
        { id: 'PCAROL1', name: 'Carol Diaz', email: 'carol@acme.example' },
      ],
      escalationPolicies: [{ id: 'PEPPLAT', name: 'Platform on-call', levels: [['PBOB001'], ['PCAROL1']] }],
      services: [
        { id: 'PSVCCHK', name: 'Checkout API', escalationPolicyId: 'PEPPLAT', integrationKey: integrationKey() },
        { id: 'PSVCPAY', name: 'Payments', escalationPolicyId: 'PEPPLAT', integrationKey: integrationKey() },
      ],
    },
    onIncidentOpened: (incident) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (standIn.incidents.get(incident.id)?.status !== 'triggered') return;
        standIn.acknowledge(incident.id).catch((err: unknown) => options.logger?.warn({ err }, 'the sandbox PagerDuty could not acknowledge its page'));
      }, ackAfter);
      timer.unref();
      timers.add(timer);
    },
  });
  const url = await standIn.start(0, '127.0.0.1');
  return {
    standIn,
    env: { PAGERDUTY_API_TOKEN: apiToken, PAGERDUTY_WEBHOOK_SECRET: secret, PAGERDUTY_API_URL: url, PAGERDUTY_EVENTS_URL: url, PAGERDUTY_FROM_EMAIL: 'carol@acme.example' },
    connect: (appBaseUrl) => standIn.subscribe(`${appBaseUrl.replace(/\/+$/, '')}/webhooks/pagerduty`),
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await standIn.close();
    },
  };
}
