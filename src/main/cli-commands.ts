import { importResponseCommand } from './cli/import-response-command.js';
import { inboxCommand } from './cli/inbox-command.js';
import { initCommand } from './init/init-command.js';
import { migrateCommand } from './cli/migrate-command.js';
import { outboxCommand } from './cli/outbox-command.js';
import { sandboxResetCommand } from '../sandbox/reset-command.js';
import { slackManifestCommand } from './cli/slack-manifest-command.js';
import { startCommand } from './cli/start-command.js';
import type { CliCommand } from './cli/types.js';
import { webhooksCommand } from './cli/webhooks-command.js';

export type { CliCommand, CliIo } from './cli/types.js';

/**
 * CLI commands beyond tokens (the Slack manifest, the sandbox…) register here, so the entry
 * point stays small; each command lives in ./cli/ (or beside the part it resets, like the sandbox's),
 * typed by ./cli/types.ts, which imports nothing of the commands.
 */
export const cliCommands: CliCommand[] = [
  startCommand,
  migrateCommand,
  initCommand,
  slackManifestCommand,
  sandboxResetCommand,
  outboxCommand,
  inboxCommand,
  importResponseCommand(),
  webhooksCommand,
];
