import 'dotenv/config';
import { ConfigError, loadConfig } from '../config/config.js';
import { DatabaseLockedError } from '../store/embedded-lock.js';
import { SchemaTooNewError } from '../store/database.js';
import { createApp } from './app.js';
import { IncidentProcessError } from '../config/incident-process.js';
import { IntegrationConfigError } from '../config/integrations/index.js';
import { SlackStartupError } from '../slack/setup/startup.js';
import { sandboxAbsentRoutes } from '../sandbox/routes.js';
import { SANDBOX_PROCESS, sandboxPlan, startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { createLogger } from '../observability/logger.js';
import { logBanner } from '../observability/banner.js';

/** The loopback address of our own listener, for the sandbox to POST to. */
function ownEventsUrl(host: string, port: number): string {
  const loopback = ['0.0.0.0', '::', '', 'localhost'].includes(host) ? '127.0.0.1' : host;
  return `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}/slack/events`;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // In a terminal, what start-up logs waits for the banner, so the URL to open is the first thing printed.
  const logger = createLogger(config, { holdUntilBanner: true });
  // The original Response's settings names in use (SLACK_TOKEN, INCIDENT_CHANNEL_NAME…): which were read as what.
  for (const notice of config.notices) logger[notice.level](notice.message);
  // No Slack workspace configured: Response runs against the sandbox workspace, configured like a real one.
  let sandbox: Sandbox | undefined;
  const plan = sandboxPlan(config);
  if (plan.run) {
    sandbox = await startSandbox({ dataDir: config.dataDir, publicUrl: config.publicUrl, socketMode: config.sandboxSocketMode, logger });
    config = loadConfig({ ...process.env, ...sandbox.env });
  }
  let app;
  try {
    app = await createApp({ config, logger, ...(plan.run ? { sandboxUrl: '/sandbox', processBase: SANDBOX_PROCESS } : {}) });
    if (sandbox && plan.run) sandbox.mount(app.http, { share: plan.share });
    else if (!plan.run) sandboxAbsentRoutes(app.http, plan.why);
  } catch (err) {
    await sandbox?.emulator.close();
    if (err instanceof DatabaseLockedError || err instanceof SchemaTooNewError || err instanceof SlackStartupError || err instanceof IncidentProcessError || err instanceof IntegrationConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const address = await app.listen();
  if (sandbox && plan.run) sandbox.connect(ownEventsUrl(config.host, (app.http.server.address() as { port: number }).port));
  logBanner(app.logger, { publicUrl: config.publicUrl, address, level: config.logLevel, ...(plan.run ? { sandbox: { share: plan.share, socketMode: config.sandboxSocketMode } } : {}) });
  if (plan.run) {
    if (plan.share)
      app.logger.warn(
        'SANDBOX=share: anyone who can reach this server can act as any sandbox person, including its workspace admin, who may create API tokens. Share it only on a network you trust.',
      );
    if (plan.askedFor && config.env === 'production')
      app.logger.warn(`SANDBOX=${config.sandbox === 'share' ? 'share' : 'true'}: the sandbox workspace runs in production because it was asked for by name`);
  } else if (plan.why !== 'slack') {
    const why = plan.why === 'production' ? 'the sandbox does not run in production unless SANDBOX=true' : 'SANDBOX=false';
    app.logger.warn(
      { docs: 'docs/slack-setup.md' },
      `No Slack workspace connected and no sandbox (${why}): to connect Slack, set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) and INCIDENT_CHANNEL, as docs/slack-setup.md explains`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => {
      app.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    app
      .close()
      .then(() => sandbox?.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          app.logger.error({ err }, 'error during shutdown');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
