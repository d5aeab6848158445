import { incidentCommand } from '../../sdk/index.js';
import type { CommandDeps } from './shared.js';

/** `@incident help`: one line per command, sorted, with aliases and usage. */
export const helpCommand = (deps: CommandDeps) =>
  incidentCommand(['help'], 'Display a list of commands and usage', async (ctx) => {
    const lines = deps
      .listCommands()
      .slice()
      .sort((a, b) => (a.names[0] ?? '').localeCompare(b.names[0] ?? ''))
      .map((c) => `\`${c.names.join(', ')}${c.usage ? ` ${c.usage}` : ''}\` - ${c.help}`);
    await ctx.say(`Here's what I can do:\n${lines.join('\n')}`);
  });
