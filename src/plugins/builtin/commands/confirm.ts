import type { HandlerContext } from '../../sdk/types.js';

// Commands say what they changed in the comms channel (not only ✅ on the command), so people
// watching the channel see it too. They post only after the change succeeded, and only when it
// made something new: the same value again, or a redelivered command whose change is already
// saved, never announces twice.

/** " (set by <@U…>)", or nothing when no person made the change or they are its subject. */
export function setBy(ctx: Pick<HandlerContext, 'user'>, subjectSlackId?: string): string {
  if (!ctx.user || ctx.user.slackId === subjectSlackId) return '';
  return ` (set by <@${ctx.user.slackId}>)`;
}

/**
 * Text people typed, repeated by the bot without its broadcasts: `<!channel>`, `<!here>`,
 * `<!everyone>` and user groups would notify everyone a second time, with the bot's rights.
 */
export function withoutBroadcasts(text: string): string {
  return text.replace(/<!(channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|([^>]*))?>/g, (_all, what: string, label: string | undefined) =>
    label ?? (what.startsWith('subteam') ? '@group' : `@${what}`),
  );
}
