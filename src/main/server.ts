import 'dotenv/config';
import { ConfigError, loadConfig } from '../config/config.js';
import { DatabaseLockedError } from '../store/embedded-lock.js';
import { SchemaTooNewError } from '../store/database.js';
import { createApp } from './app.js';
import { SlackStartupError } from '../slack/startup.js';
import { sandboxAbsentRoutes } from '../sandbox/routes.js';
import { sandboxWanted, startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';

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
  // No Slack workspace configured: Response runs against the sandbox workspace, configured like a real one.
  let sandbox: Sandbox | undefined;
  if (sandboxWanted(config)) {
    sandbox = await startSandbox({ dataDir: config.dataDir, publicUrl: config.publicUrl });
    config = loadConfig({ ...process.env, ...sandbox.env });
  }
  let app;
  try {
    app = await createApp({ config });
    if (sandbox) sandbox.mount(app.http);
    else sandboxAbsentRoutes(app.http);
  } catch (err) {
    await sandbox?.emulator.close();
    if (err instanceof DatabaseLockedError || err instanceof SchemaTooNewError || err instanceof SlackStartupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const address = await app.listen();
  app.logger.info({ address, publicUrl: config.publicUrl }, `Response is running: open ${config.publicUrl}`);
  if (sandbox) {
    sandbox.connect(ownEventsUrl(config.host, (app.http.server.address() as { port: number }).port));
    app.logger.info(
      { sandbox: `${config.publicUrl}/sandbox` },
      `No Slack workspace configured (SLACK_BOT_TOKEN unset): try Response in the sandbox workspace at ${config.publicUrl}/sandbox (reset it with: npm run cli -- sandbox reset)`,
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
