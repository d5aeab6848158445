import type { CliCommand } from './types.js';

/** `response start`: the server, in this process (so SIGTERM reaches it), from the installed build; no compiler runs. */
export const startCommand: CliCommand = {
  usage: 'start',
  description: 'run Response: the web UI, the REST API and the Slack app (the sandbox workspace without Slack settings)',
  matches: (args) => args[0] === 'start' && args.length === 1,
  async run() {
    await import('../server.js');
    // The server runs until a signal stops it, and exits the process itself.
    return new Promise<number>(() => undefined);
  },
};
