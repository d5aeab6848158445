import type { Config } from '../config/config.js';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { startSlackEmulator, type SlackEmulator } from '../slack-emulator/index.js';
import { sandboxRoutes } from './routes.js';
import { DebouncedSaver, readWorkspaceFile, workspaceFilePath, writeWorkspaceFile } from './workspace-file.js';

/** The sandbox runs when no Slack workspace is configured, unless SANDBOX=false. */
export function sandboxWanted(config: Pick<Config, 'sandbox' | 'slack'>): boolean {
  return config.sandbox && !config.slack;
}

export interface Sandbox {
  emulator: SlackEmulator;
  /** Slack settings pointing Response at the sandbox workspace, as a real workspace's would. */
  env: Record<string, string>;
  /** Mounts /sandbox and its browser API on the main server (before it listens). */
  mount(http: FastifyInstance): void;
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
  const emulator = await startSlackEmulator({
    signingSecret,
    botToken: 'xoxb-sandbox',
    openid,
    ...(initialState ? { initialState } : {}),
    host: '127.0.0.1',
    // A browser on a busy laptop: a click's trigger_id may take longer than Slack's 3 s to reach views.open.
    triggerTtlMs: 30_000,
    ackTimeoutMs: 10_000,
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
  if (!initialState) saver.changed();
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  return {
    emulator,
    env: {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      INCIDENT_CHANNEL: 'incidents',
      SLACK_CLIENT_ID: openid.clientId,
      SLACK_CLIENT_SECRET: openid.clientSecret,
      SLACK_OAUTH_URL: `${publicUrl}/sandbox/slack/openid/connect/authorize`,
    },
    mount: (http) => sandboxRoutes(http, { emulator }),
    connect: (url) => emulator.setAppUrl(url),
    async close() {
      emulator.setAppUrl(undefined);
      saver.flush();
      await emulator.close();
      saver.flush();
    },
  };
}
