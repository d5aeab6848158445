import { outboxCommand } from '../jobs/outbox-command.js';
import { sandboxResetCommand } from '../sandbox/reset-command.js';
import { slackManifestCommand } from '../slack/manifest-command.js';

/**
 * CLI commands beyond tokens (the Slack manifest, the sandbox…) register here, so the entry
 * point stays small and each command lives beside the edge it belongs to.
 */
export interface CliCommand {
  usage: string;
  description: string;
  matches(args: string[]): boolean;
  run(args: string[], io: { env: NodeJS.ProcessEnv }): Promise<number>;
}

export const cliCommands: CliCommand[] = [slackManifestCommand, sandboxResetCommand, outboxCommand];
