import type { Config } from '../config/config.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DEFAULT_CHANNELS, startSlackEmulator, type ChannelSeed, type SlackEmulator } from '@response/slack-emulator';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess } from '../core/shared/incident-process.js';
import { sandboxRoutes } from './routes.js';
import { sandboxSessionSecret } from './session-secret.js';
import { DebouncedSaver, readWorkspaceFile, workspaceFilePath, writeWorkspaceFile } from './workspace-file.js';
import { startPagerDutySandbox } from './stand-ins/pagerduty.js';
import { startJiraSandbox } from './stand-ins/jira.js';
import { startLinearSandbox } from './stand-ins/linear.js';
import { startSandboxStatuspage } from './stand-ins/statuspage.js';

/**
 * Where the sandbox's status updates of critical and major incidents also go, as a team would set
 * `statusUpdates.stakeholderChannels` in response.config.ts: a newcomer sees the whole path.
 */
const STAKEHOLDER_CHANNEL: ChannelSeed = {
  id: 'C0UPDATES',
  name: 'incident-updates',
  creator: 'U0CAROL',
  created: 1710000100,
  members: ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIN', 'U0BOT'],
  topic: 'Status updates of critical and major incidents',
  purpose: 'Where stakeholders follow critical and major incidents without joining their channels.',
};

/**
 * The sandbox's incident process: the defaults, with stakeholder updates going to #incident-updates,
 * three incident types (the form asks which and redraws itself for the one picked) and custom fields
 * of each kind a newcomer meets in the forms, the headline and the doc (a config file's settings still
 * apply over it). No field is required, so every flow works without filling them in.
 */
export const SANDBOX_PROCESS: IncidentProcess = {
  ...DEFAULT_INCIDENT_PROCESS,
  types: [
    { key: 'default', label: 'Default', description: 'Anything that is not one of the others', defaultSeverity: null, privateByDefault: null, channelPrefix: null, roles: [], requiredFields: [] },
    {
      key: 'security',
      label: 'Security',
      description: 'Breaches, leaks, abuse: private, with its own channel prefix',
      defaultSeverity: 'critical',
      privateByDefault: true,
      channelPrefix: 'sec',
      roles: ['scribe'],
      requiredFields: [],
    },
    { key: 'customer', label: 'Customer-facing', description: 'Customers notice: major by default', defaultSeverity: 'major', privateByDefault: null, channelPrefix: null, roles: [], requiredFields: [] },
  ],
  fields: [
    {
      key: 'service',
      label: 'Affected service',
      help: 'The service customers noticed first',
      kind: 'select',
      options: [
        { key: 'checkout', label: 'Checkout' },
        { key: 'payments', label: 'Payments' },
        { key: 'login', label: 'Login' },
        { key: 'mobile', label: 'Mobile app' },
      ],
      types: null,
      requiredAt: null,
      showInHeadline: true,
    },
    { key: 'customers_affected', label: 'Customers affected', help: 'A rough count is fine', kind: 'number', options: [], types: null, requiredAt: null, showInHeadline: false },
    {
      key: 'detected_by',
      label: 'Detected by',
      help: '',
      kind: 'multi_select',
      options: [
        { key: 'alert', label: 'An alert' },
        { key: 'customer', label: 'A customer' },
        { key: 'staff', label: 'Someone on the team' },
      ],
      types: null,
      requiredAt: null,
      showInHeadline: false,
    },
    { key: 'root_cause', label: 'Root cause', help: 'What made it happen, once known', kind: 'textarea', options: [], types: null, requiredAt: null, showInHeadline: false },
    { key: 'owner', label: 'Follow-up owner', help: 'Who drives the postmortem', kind: 'user', options: [], types: null, requiredAt: null, showInHeadline: false },
    { key: 'status_page', label: 'Status page', help: 'The public incident, if any', kind: 'link', options: [], types: null, requiredAt: null, showInHeadline: false },
  ],
  statusUpdates: { ...DEFAULT_INCIDENT_PROCESS.statusUpdates, stakeholderChannels: { critical: STAKEHOLDER_CHANNEL.name, major: STAKEHOLDER_CHANNEL.name } },
};

/** Sandbox people belong to this team, never to a real Slack workspace's (whose sign-ins check the team). */
export const SANDBOX_TEAM_ID = 'T0SANDBOX';

export type SandboxPlan =
  | { run: true; share: boolean; askedFor: boolean }
  | { run: false; why: 'slack' | 'off' | 'production' };

/**
 * Whether the sandbox runs, and for whom. Never next to a real Slack workspace; never in production (the
 * Docker image) unless SANDBOX names it; other machines only with SANDBOX=share.
 */
export function sandboxPlan(config: Pick<Config, 'sandbox' | 'slack' | 'env'>): SandboxPlan {
  if (config.slack) return { run: false, why: 'slack' };
  if (config.sandbox === 'off') return { run: false, why: 'off' };
  if (config.sandbox === 'auto' && config.env === 'production') return { run: false, why: 'production' };
  return { run: true, share: config.sandbox === 'share', askedFor: config.sandbox !== 'auto' };
}

export interface Sandbox {
  emulator: SlackEmulator;
  /** Slack settings pointing Response at the sandbox workspace, as a real workspace's would. */
  env: Record<string, string>;
  /** Mounts /sandbox and its browser API on the main server (before it listens); loopback clients only unless `share`. */
  mount(http: FastifyInstance, options: { share: boolean }): void;
  /** Where the sandbox delivers commands, interactions and events: the app's own POST /slack/events. */
  connect(appEventsUrl: string): void;
  /** Saves the workspace, then stops the emulator. */
  close(): Promise<void>;
}

export interface SandboxOptions {
  dataDir: string;
  /** Response's PUBLIC_URL: the browser reaches the sandbox's sign-in page through it. */
  publicUrl: string;
  logger?: Logger;
  /** Deliver to Response over Socket Mode (SANDBOX_SOCKET_MODE) instead of signed POSTs to /slack/events. */
  socketMode?: boolean;
}

/**
 * Starts the Slack-compatible emulator on a loopback port as the sandbox workspace, restored from
 * DATA_DIR/sandbox-workspace.json and saved back on every change (debounced) and on close.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const file = workspaceFilePath(options.dataDir);
  const initialState = readWorkspaceFile(file);
  // Fresh secrets each start: only Response and the in-process sandbox ever see them.
  const signingSecret = randomBytes(16).toString('hex');
  const openid = { clientId: 'sandbox-client', clientSecret: randomBytes(16).toString('hex') };
  const appToken = `xapp-sandbox-${randomBytes(16).toString('hex')}`;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const emulator = await startSlackEmulator({
    signingSecret,
    botToken: 'xoxb-sandbox',
    appToken,
    socketMode: options.socketMode ?? false,
    openid,
    ...(initialState ? { initialState } : { seed: { team: { id: SANDBOX_TEAM_ID }, channels: [...DEFAULT_CHANNELS, STAKEHOLDER_CHANNEL] } }),
    host: '127.0.0.1',
    // A browser on a busy laptop: a click's trigger_id may take longer than Slack's 3 s to reach views.open.
    triggerTtlMs: 30_000,
    ackTimeoutMs: 10_000,
    // Channel links and permalinks Response builds from auth.test / chat.getPermalink open the sandbox's page.
    workspaceUrl: `${publicUrl}/sandbox/`,
    // A realistic workspace: Slack's documented rate limits (429 + Retry-After past them) and its
    // Events API retries, so what works here works against Slack (packages/slack-emulator, "Rate limits").
    rateLimits: 'slack',
    eventRetries: 'slack',
  });
  const saver = new DebouncedSaver(
    () => writeWorkspaceFile(file, emulator.snapshot()),
    1000,
    (err) =>
      options.logger
        ? options.logger.error({ err, file }, 'could not save the sandbox workspace')
        : console.error(`could not save the sandbox workspace to ${file}:`, err),
  );
  emulator.onChange(() => saver.changed());
  const statuspage = await startSandboxStatuspage();
  if (!initialState) saver.changed();
  const pagerDuty = await startPagerDutySandbox({ logger: options.logger });
  const [jira, linear] = await Promise.all([startJiraSandbox(), startLinearSandbox()]);
  return {
    emulator,
    env: {
      SLACK_BOT_TOKEN: emulator.botToken,
      ...(options.socketMode ? { SLACK_APP_TOKEN: appToken } : { SLACK_SIGNING_SECRET: signingSecret }),
      // Sandbox sign-ins get cookies no real workspace's Response accepts: its own session secret.
      SESSION_SECRET: sandboxSessionSecret(options.dataDir),
      SLACK_API_URL: emulator.apiUrl,
      INCIDENT_CHANNEL: 'incidents',
      SLACK_CLIENT_ID: openid.clientId,
      SLACK_CLIENT_SECRET: openid.clientSecret,
      SLACK_OAUTH_URL: `${publicUrl}/sandbox/slack/openid/connect/authorize`,
      ...pagerDuty.env,
      ...jira.env,
      ...linear.env,
      ...statuspage.env,
    },
    mount: (http, { share }) => sandboxRoutes(http, { emulator, share }),
    // Over Socket Mode Response connected itself at start-up; there is no URL to post to.
    connect: (url) => {
      emulator.setAppUrl(options.socketMode ? undefined : url);
      pagerDuty.connect(url.replace(/\/slack\/events$/, ''));
      jira.connect(url.replace(/\/slack\/events$/, ''));
      linear.connect(url.replace(/\/slack\/events$/, ''));
    },
    async close() {
      emulator.setAppUrl(undefined);
      saver.flush();
      await emulator.close();
      saver.flush();
      await pagerDuty.close();
      await Promise.all([jira.close(), linear.close()]);
      await statuspage.close();
    },
  };
}
