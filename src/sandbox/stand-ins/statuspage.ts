import { randomBytes } from 'node:crypto';
import { StatuspageStandIn } from '../../stand-ins/statuspage/statuspage-stand-in.js';

/** The sandbox's status page components (the built-in page's keys → the Statuspage stand-in's ids). */
const COMPONENTS = [
  { key: 'checkout', name: 'Checkout', statuspageId: 'sb-checkout' },
  { key: 'payments', name: 'Card payments', statuspageId: 'sb-payments' },
  { key: 'login', name: 'Login', statuspageId: 'sb-login' },
  { key: 'api', name: 'Public API', statuspageId: 'sb-api' },
];

export interface SandboxStatuspage {
  /** Points Response at the stand-in and sets up the built-in page with the same components. */
  env: Record<string, string>;
  standIn: StatuspageStandIn;
  close(): Promise<void>;
}

/**
 * The sandbox's status page: the built-in `/status` with a few components, and a Statuspage
 * stand-in on a loopback port mirroring them, so a newcomer can publish an update from Slack or the
 * doc and watch both change. A fresh key each start: only Response and the stand-in know it.
 */
export async function startSandboxStatuspage(): Promise<SandboxStatuspage> {
  const apiKey = randomBytes(16).toString('hex');
  const standIn = new StatuspageStandIn({ apiKey, pageId: 'sandbox-page', components: COMPONENTS.map((c) => ({ id: c.statuspageId, name: c.name })) });
  await standIn.start();
  return {
    env: {
      STATUS_PAGE_TITLE: 'Sandbox status',
      STATUS_PAGE_COMPONENTS: COMPONENTS.map((c) => `${c.key}=${c.name}`).join(','),
      STATUSPAGE_API_KEY: apiKey,
      STATUSPAGE_PAGE_ID: 'sandbox-page',
      STATUSPAGE_API_URL: standIn.apiUrl,
      STATUSPAGE_COMPONENTS: COMPONENTS.map((c) => `${c.key}=${c.statuspageId}`).join(','),
    },
    standIn,
    close: () => standIn.close(),
  };
}
