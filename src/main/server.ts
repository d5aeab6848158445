import 'dotenv/config';
import { ConfigError, loadConfig } from '../config/config.js';
import { DatabaseLockedError, } from '../store/embedded-lock.js';
import { SchemaTooNewError } from '../store/database.js';
import { createApp } from './app.js';
import { SlackStartupError } from '../slack/startup.js';

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
  let app;
  try {
    app = await createApp({ config });
  } catch (err) {
    if (err instanceof DatabaseLockedError || err instanceof SchemaTooNewError || err instanceof SlackStartupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const address = await app.listen();
  app.logger.info({ address, publicUrl: config.publicUrl }, `Response is running: open ${config.publicUrl}`);
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
    app.close().then(
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
