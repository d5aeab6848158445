import { incidentCommand } from '../../sdk/index.js';

export const RENAME_FAILED = "👋 Sorry, the channel couldn't be renamed. Make sure that name isn't taken already and it's not too long.";

/** Slack channel names: lower case letters, digits, `-` and `_`, at most 80 characters; incident channels start `inc-`. */
export function incidentChannelName(requested: string): string {
  const raw = requested.trim().replace(/^#/, '').toLowerCase();
  const withPrefix = raw.startsWith('inc-') ? raw : `inc-${raw}`;
  return withPrefix
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-+$/, '')
    .slice(0, 80);
}

/** `@incident rename <name>`. */
export const renameCommand = incidentCommand(
  ['rename'],
  'Rename the incident channel',
  async (ctx) => {
    const channel = ctx.incident.commsChannel;
    const name = incidentChannelName(ctx.args);
    if (!ctx.args.trim() || name === 'inc' || name === 'inc-') return { handled: false, hint: 'Tell me the new name: `@incident rename <name>`' };
    if (!channel) return { handled: false, hint: RENAME_FAILED };
    try {
      await ctx.client.conversations.rename({ channel: channel.channelId, name });
    } catch (err) {
      ctx.log.warn('channel rename failed', { name, error: err instanceof Error ? err.message : String(err) });
      return { handled: false, hint: RENAME_FAILED };
    }
    await ctx.incidents.recordChannelRename(name);
  },
  { usage: '<name>' },
);
